// Webhooks, cheap to refuse (issue 18, item 4): the headers and the timestamp are checked before
// a byte of the body is read, the body has a deadline and a cap, the HMAC is the platform's.
import { createConnection } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { StatusCache } from './status/status-cache.ts'
import { createMemoryStore } from './store/memory-store.ts'
import { WEBHOOK_SECRET, type Stack, startStack } from './testing/stack.ts'
import { createWebhookIntake, MAX_WEBHOOK_BYTES } from './webhooks.ts'

const signer = new Webhook(WEBHOOK_SECRET)
const URL_ = 'http://localhost/api/kyc/webhooks'

function intake(bodyDeadlineMs = 10_000) {
  const status = new StatusCache({ store: createMemoryStore(), maxAgeMs: 60_000, waitMs: 1000 })
  return createWebhookIntake(WEBHOOK_SECRET, status, { bodyDeadlineMs })
}

/** A body that gives `head` and then nothing, counting how often it was pulled. */
function idleBody(head = '{') {
  let pulls = 0
  let cancelled = false
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulls += 1
        if (pulls === 1) controller.enqueue(new TextEncoder().encode(head))
        return new Promise(() => {}) // never more
      },
      cancel() {
        cancelled = true
      },
    },
    { highWaterMark: 0 },
  )
  return { body, pulls: () => pulls, cancelled: () => cancelled }
}

function signedHeaders(body: string, at = Date.now(), id = `msg_${crypto.randomUUID()}`) {
  const date = new Date(Math.floor(at / 1000) * 1000)
  return {
    'webhook-id': id,
    'webhook-timestamp': String(date.getTime() / 1000),
    'webhook-signature': signer.sign(id, date, body),
  }
}

const post = (headers: Record<string, string>, body: BodyInit | ReadableStream<Uint8Array>) =>
  new Request(URL_, { method: 'POST', headers, body, duplex: 'half' } as RequestInit)

async function refusal(handle: Promise<Response>) {
  try {
    return await handle
  } catch (error) {
    return (error as { toResponse(): Response }).toResponse()
  }
}

describe('refused before the body is read', () => {
  it.each([
    ['no signature headers', {}],
    ['a timestamp six minutes old', signedHeaders('{}', Date.now() - 6 * 60_000)],
    ['a timestamp six minutes ahead', signedHeaders('{}', Date.now() + 6 * 60_000)],
    [
      'a signature that is not v1 base64 of 32 bytes',
      { ...signedHeaders('{}'), 'webhook-signature': 'v1,AAAA' },
    ],
    ['a malformed timestamp', { ...signedHeaders('{}'), 'webhook-timestamp': '1e9' }],
  ])('%s: 401, the body never pulled, the connection closed', async (_, headers) => {
    const body = idleBody()
    const response = await refusal(intake().handle(post(headers, body.body)))
    expect(response.status).toBe(401)
    expect(response.headers.get('connection')).toBe('close')
    expect(body.pulls()).toBe(0)
  })

  it('a declared length over the cap: 413 unread', async () => {
    const body = idleBody()
    const headers = { ...signedHeaders('{}'), 'content-length': String(MAX_WEBHOOK_BYTES + 1) }
    const response = await refusal(intake().handle(post(headers, body.body)))
    expect(response.status).toBe(413)
    expect(body.pulls()).toBe(0)
  })
})

it('a body that stops coming, under well-formed headers: 408 at the deadline, the rest cancelled', async () => {
  const body = idleBody('{"type":')
  const started = performance.now()
  const response = await refusal(intake(300).handle(post(signedHeaders('{}'), body.body)))
  expect(response.status).toBe(408)
  expect(performance.now() - started).toBeLessThan(2000)
  expect(body.cancelled()).toBe(true)
})

it('an endless body past the cap: 413 after reading at most the cap and a chunk', async () => {
  let sent = 0
  const chunk = new Uint8Array(4096).fill(0x20)
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent += chunk.length
      controller.enqueue(chunk)
    },
  })
  const response = await refusal(intake().handle(post(signedHeaders('{}'), body)))
  expect(response.status).toBe(413)
  expect(sent).toBeLessThanOrEqual(MAX_WEBHOOK_BYTES + 3 * chunk.length)
})

it('Standard Webhooks semantics: any of several v1 signatures (a key rotation), the exact body only', async () => {
  const body = JSON.stringify({ type: 'customer.created', data: {} })
  const headers = signedHeaders(body)
  const other = new Webhook(`whsec_${Buffer.from('another-key-of-24-bytes!').toString('base64')}`)
  const rotated = {
    ...headers,
    'webhook-signature': `v2,ignored ${other.sign(headers['webhook-id'], new Date(Number(headers['webhook-timestamp']) * 1000), body)} ${headers['webhook-signature']}`,
  }
  const accepted = await intake().handle(post(rotated, body))
  expect(accepted.status).toBe(204)
  expect(accepted.headers.get('x-kyc-webhook')).toBe('ignored')
  const changed = await refusal(intake().handle(post(headers, body.replace('created', 'deleted'))))
  expect(changed.status).toBe(401)
  const wrongKeyOnly = {
    ...headers,
    'webhook-signature': other.sign(
      headers['webhook-id'],
      new Date(Number(headers['webhook-timestamp']) * 1000),
      body,
    ),
  }
  expect((await refusal(intake().handle(post(wrongKeyOnly, body)))).status).toBe(401)
})

describe('over HTTP', () => {
  let stack: Stack | undefined
  afterEach(async () => {
    await stack?.close()
    stack = undefined
  })

  it('150 connections that declare 200 KiB and send none of it are answered and closed at once', async () => {
    stack = await startStack({ webhooks: true })
    const { hostname, port } = new URL(stack.api)
    const answers = await Promise.all(
      Array.from(
        { length: 150 },
        () =>
          new Promise<{ status: string; closedMs: number }>((resolve, reject) => {
            const started = performance.now()
            const socket = createConnection(Number(port), hostname)
            let received = ''
            socket.setEncoding('latin1')
            socket.on('data', (data: string) => (received += data))
            socket.on('error', reject)
            socket.on('close', () =>
              resolve({ status: received.slice(9, 12), closedMs: performance.now() - started }),
            )
            socket.write(
              `POST /api/kyc/webhooks HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${200 * 1024}\r\n\r\n{`,
            )
          }),
      ),
    )
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set(['401']))
    expect(Math.max(...answers.map((answer) => answer.closedMs))).toBeLessThan(5000)
  })
})
