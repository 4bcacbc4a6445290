import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expectMatchesSchema } from '../testing/openapi.ts'
import type { SandboxServer } from './node-server.ts'
import { createSandbox } from './sandbox.ts'
import { pdfBytes } from '../core/testing/files.ts'
import { requestToken, startTestSandbox, upload, PATIENTLY } from './testing/http.ts'

// A receiver's secret: `whsec_` + base64 of 24 random bytes, as Standard Webhooks issues them.
const SECRET = `whsec_${Buffer.from('kyc-sandbox-webhook-key!').toString('base64')}`

interface Delivery {
  headers: IncomingHttpHeaders
  body: string
}

let receiver: Server
let receiverUrl: string
let deliveries: Delivery[]
let answerWith: number
let server: SandboxServer | undefined

beforeEach(async () => {
  deliveries = []
  answerWith = 204
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.writeHead(answerWith).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/kyc`
})

afterEach(async () => {
  await server?.close()
  server = undefined
  await new Promise((resolve) => receiver.close(resolve))
})

/** Verifies a Standard Webhooks v1 signature with Web Crypto, independently of the sandbox. */
async function verify(secret: string, headers: IncomingHttpHeaders, body: string) {
  const key = await crypto.subtle.importKey(
    'raw',
    Uint8Array.from(atob(secret.slice('whsec_'.length)), (c) => c.charCodeAt(0)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(signed))
  const expected = btoa(String.fromCharCode(...new Uint8Array(mac)))
  const offered = String(headers['webhook-signature'])
    .split(' ')
    .map((entry) => entry.split(','))
  return offered.some(([version, signature]) => version === 'v1' && signature === expected)
}

describe('customer.kyc_updated webhooks', () => {
  it('announces the upload and the review, each signed as Standard Webhooks v1', async () => {
    server = await startTestSandbox({
      reviewDelayMs: 30,
      webhook: { url: receiverUrl, secret: SECRET },
    })
    const token = await requestToken(server.url)
    const customer = server.sandbox.control.createCustomer('person-cnh')
    const before = Math.floor(Date.now() / 1000)
    await upload(server.url, customer.id, { token, type: 'cnh', file: pdfBytes() })
    await vi.waitFor(() => expect(deliveries).toHaveLength(2), PATIENTLY)

    const events = deliveries.map((delivery) => JSON.parse(delivery.body))
    for (const [index, delivery] of deliveries.entries()) {
      expect(delivery.headers['content-type']).toBe('application/json')
      expect(delivery.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/)
      const timestamp = Number(delivery.headers['webhook-timestamp'])
      expect(timestamp).toBeGreaterThanOrEqual(before)
      expect(timestamp).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000))
      expect(await verify(SECRET, delivery.headers, delivery.body)).toBe(true)
      expectMatchesSchema('KycUpdatedEvent', events[index])
    }
    expect(deliveries[0]?.headers['webhook-id']).not.toBe(deliveries[1]?.headers['webhook-id'])
    expect(events.map((event) => event.data.kyc[0].status)).toEqual(['submitted', 'approved'])
    expect(events[0]).toMatchObject({
      type: 'customer.kyc_updated',
      data: { id: customer.id, external_id: customer.external_id, status: 'pending_kyc' },
    })
  })

  it('fails verification with another secret or a tampered body', async () => {
    server = await startTestSandbox({ webhook: { url: receiverUrl, secret: SECRET } })
    const token = await requestToken(server.url)
    const customer = server.sandbox.control.createCustomer('person-cnh')
    await upload(server.url, customer.id, { token, type: 'cnh', file: pdfBytes() })
    await vi.waitFor(() => expect(deliveries).toHaveLength(1), PATIENTLY)
    const [delivery] = deliveries
    if (!delivery) throw new Error('no delivery')
    const otherSecret = `whsec_${Buffer.from('another-key-entirely-xyz').toString('base64')}`
    expect(await verify(otherSecret, delivery.headers, delivery.body)).toBe(false)
    expect(await verify(SECRET, delivery.headers, delivery.body.replace('cnh', 'cnH'))).toBe(false)
  })

  it('logs a receiver that answers an error', async () => {
    answerWith = 500
    const lines: string[] = []
    server = await startTestSandbox({
      webhook: { url: receiverUrl, secret: SECRET, retryDelaysMs: [] },
      log: (line) => lines.push(line),
    })
    const token = await requestToken(server.url)
    const customer = server.sandbox.control.createCustomer('person-cnh')
    await upload(server.url, customer.id, { token, type: 'cnh', file: pdfBytes() })
    await vi.waitFor(
      () => expect(lines.some((line) => line.includes('answered 500'))).toBe(true),
      PATIENTLY,
    )
    expect(deliveries).toHaveLength(1)
  })

  it('keeps serving when the receiver is gone', async () => {
    const lines: string[] = []
    server = await startTestSandbox({
      reviewDelayMs: 20,
      webhook: { url: 'http://127.0.0.1:1/nobody-listens', secret: SECRET },
      log: (line) => lines.push(line),
    })
    const token = await requestToken(server.url)
    const customer = server.sandbox.control.createCustomer('person-cnh')
    const response = await upload(server.url, customer.id, { token, type: 'cnh', file: pdfBytes() })
    expect(response.status).toBe(201)
    await vi.waitFor(
      () => expect(lines.some((line) => line.includes('not delivered'))).toBe(true),
      PATIENTLY,
    )
    await vi.waitFor(
      () => expect(server?.sandbox.control.documents(customer.id)[0]?.status).toBe('approved'),
      PATIENTLY,
    )
    expect(lines.join('\n')).not.toContain(SECRET)
  })

  it('retries a failed delivery with backoff: same webhook-id, fresh signature, until a 2xx', async () => {
    let failures = 2
    receiver.removeAllListeners('request')
    receiver.on('request', (request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        deliveries.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
        response.writeHead(failures-- > 0 ? 503 : 204).end()
      })
    })
    const times: number[] = []
    receiver.on('request', () => times.push(Date.now()))
    server = await startTestSandbox({
      webhook: { url: receiverUrl, secret: SECRET, retryDelaysMs: [100, 300, 1000] },
    })
    const token = await requestToken(server.url)
    const customer = server.sandbox.control.createCustomer('person-cnh')
    await upload(server.url, customer.id, { token, type: 'cnh', file: pdfBytes() })
    await vi.waitFor(() => expect(deliveries).toHaveLength(3), PATIENTLY)
    await new Promise((resolve) => setTimeout(resolve, 1200))
    expect(deliveries).toHaveLength(3)
    expect(new Set(deliveries.map((d) => d.headers['webhook-id'])).size).toBe(1)
    expect(new Set(deliveries.map((d) => d.body)).size).toBe(1)
    for (const delivery of deliveries) {
      expect(await verify(SECRET, delivery.headers, delivery.body)).toBe(true)
    }
    const [first = 0, second = 0, third = 0] = times
    expect(second - first).toBeGreaterThanOrEqual(90)
    expect(third - second).toBeGreaterThanOrEqual(290)
  })

  it('gives up after the last retry and says so in the log', async () => {
    answerWith = 500
    const lines: string[] = []
    server = await startTestSandbox({
      webhook: { url: receiverUrl, secret: SECRET, retryDelaysMs: [50, 50] },
      log: (line) => lines.push(line),
    })
    const token = await requestToken(server.url)
    const customer = server.sandbox.control.createCustomer('person-cnh')
    await upload(server.url, customer.id, { token, type: 'cnh', file: pdfBytes() })
    await vi.waitFor(
      () => expect(lines.some((line) => line.includes('given up after 3 attempts'))).toBe(true),
      PATIENTLY,
    )
    expect(deliveries).toHaveLength(3)
  })

  it.each(['whsec_', 'whsec_!!!!', 'whsec_a'])(
    'refuses the malformed secret %j at start-up instead of signing with an empty key',
    (secret) => {
      expect(() => createSandbox({ webhook: { url: receiverUrl, secret } })).toThrow(
        /webhook secret/,
      )
    },
  )

  it('sends nothing when no webhook is configured', async () => {
    server = await startTestSandbox({ reviewDelayMs: 10 })
    const token = await requestToken(server.url)
    const customer = server.sandbox.control.createCustomer('person-cnh')
    await upload(server.url, customer.id, { token, type: 'cnh', file: pdfBytes() })
    await vi.waitFor(
      () => expect(server?.sandbox.control.documents(customer.id)[0]?.status).toBe('approved'),
      PATIENTLY,
    )
    expect(deliveries).toEqual([])
  })
})
