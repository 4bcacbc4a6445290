import { afterEach, describe, expect, it, vi } from 'vitest'
import { jpegBytes } from '../../core/testing/files.ts'
import { createSandbox, SCENARIOS, type Sandbox } from '../../sandbox/index.ts'
import { createDemoApi, MAX_WAITING_FAULTS, type DemoApi } from './demo-api.ts'

const ORIGIN = 'http://localhost:5173'

let sandbox: Sandbox | undefined
afterEach(() => sandbox?.close())

function setup(maxSessions?: number): DemoApi {
  sandbox = createSandbox({ reviewDelayMs: 60_000 })
  return createDemoApi({
    control: sandbox.control,
    scenarios: SCENARIOS,
    reviewDelayMs: 60_000,
    ...(maxSessions === undefined ? {} : { maxSessions }),
  })
}

/** A selfie upload straight to the in-process sandbox, as the proxy would send it. */
async function uploadSelfie(customerId: string): Promise<void> {
  const auth = await sandbox?.fetch(
    new Request('http://sandbox/v3/auth/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa('sandbox:sandbox-secret')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    }),
  )
  const { access_token: token } = (await auth?.json()) as { access_token: string }
  const form = new FormData()
  form.set('type', 'selfie')
  form.set('file', new Blob([jpegBytes()], { type: 'image/jpeg' }), 'selfie.jpg')
  const response = await sandbox?.fetch(
    new Request(`http://sandbox/v3/customers/${customerId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    }),
  )
  expect(response?.status).toBe(201)
}

function post(path: string, body: unknown, cookie?: string): Request {
  return new Request(`${ORIGIN}/demo-api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  })
}

function get(path: string, cookie?: string): Request {
  return new Request(`${ORIGIN}/demo-api${path}`, { headers: cookie ? { cookie } : {} })
}

/** The `name=value` pair of a Set-Cookie header, as a browser would send it back. */
function cookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? ''
  return header.split(';')[0] ?? ''
}

describe('the demo API', () => {
  it('gives each new visitor a fresh customer of the default scenario, in an HttpOnly cookie', async () => {
    const api = setup()
    const first = await api.fetch(get('/session'))
    const second = await api.fetch(get('/session'))

    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/)
    const a = (await first.json()) as { customerId: string; scenario: string }
    const b = (await second.json()) as { customerId: string }
    expect(a.scenario).toBe('company')
    expect(a.customerId).toMatch(/^cust_[0-9a-f]{32}$/)
    expect(b.customerId).not.toBe(a.customerId)
    expect(sandbox?.control.customer(a.customerId)?.kyc).toHaveLength(4)
  })

  it('forgets the customer of a session it no longer keeps, documents, reviews and faults included, however many visitors come', async () => {
    const api = setup(3)
    const visitors: string[] = []
    for (let visitor = 0; visitor < 50; visitor += 1) {
      const session = (await (await api.fetch(get('/session'))).json()) as { customerId: string }
      visitors.push(session.customerId)
      if (visitor === 0) await uploadSelfie(session.customerId)
      sandbox?.control.injectFault({ route: 'upload', kind: '500', customerId: session.customerId })
    }
    const [first] = visitors
    expect(sandbox?.control.customer(first ?? '')).toBeUndefined()
    expect(sandbox?.control.documents(first)).toEqual([])
    const kept = visitors.filter((id) => sandbox?.control.customer(id) !== undefined)
    expect(kept).toEqual(visitors.slice(-3))
    expect(sandbox?.control.faults().map((fault) => fault.customerId)).toEqual(visitors.slice(-3))
  })

  it('keeps a returning visitor on their customer, and authorizes only that one', async () => {
    const api = setup()
    const first = await api.fetch(get('/session'))
    const cookie = cookieOf(first)
    const { customerId } = (await first.json()) as { customerId: string }

    const again = await api.fetch(get('/session', cookie))
    expect(again.headers.get('set-cookie')).toBeNull()
    expect(((await again.json()) as { customerId: string }).customerId).toBe(customerId)
    expect(api.customerIdOf(get('/session', cookie))).toBe(customerId)
    expect(api.customerIdOf(get('/session', 'kyc_demo_session=forged'))).toBeNull()
    expect(api.customerIdOf(get('/session'))).toBeNull()
  })

  it('switches scenario and resets to a fresh copy, never reusing the old customer', async () => {
    const api = setup()
    const picked = await api.fetch(post('/scenario', { scenario: 'person-cnh' }))
    const cookie = cookieOf(picked)
    const { customerId } = (await picked.json()) as { customerId: string }
    expect(sandbox?.control.customer(customerId)?.kyc.map((item) => item.type)).toEqual([
      'cnh',
      'selfie',
    ])

    const reset = await api.fetch(post('/reset', {}, cookie))
    const after = (await reset.json()) as { customerId: string; scenario: string }
    expect(after.scenario).toBe('person-cnh')
    expect(after.customerId).not.toBe(customerId)
    expect(api.customerIdOf(get('/session', cookieOf(reset)))).toBe(after.customerId)

    const unknown = await api.fetch(post('/scenario', { scenario: '../etc' }))
    expect(unknown.status).toBe(422)
  })

  it('applies sandbox controls for the visitor and refuses them without a session', async () => {
    const api = setup()
    const session = await api.fetch(get('/session'))
    const cookie = cookieOf(session)

    const changed = await api.fetch(post('/review-delay', { ms: 250 }, cookie))
    expect(changed.status).toBe(200)
    expect(await changed.json()).toMatchObject({ reviewDelayMs: 250 })
    expect((await api.fetch(post('/review-delay', { ms: -1 }, cookie))).status).toBe(422)

    expect((await api.fetch(post('/fault', { kind: 'html502' }, cookie))).status).toBe(200)
    const { customerId } = (await session.json()) as { customerId: string }
    expect(sandbox?.control.faults()).toEqual([
      { route: 'upload', kind: 'html502', times: 1, customerId },
    ])
    expect((await api.fetch(post('/fault', { kind: 'meltdown' }, cookie))).status).toBe(422)
    // A visitor may queue a few faults, not fill the sandbox's memory with them.
    for (let more = 1; more < MAX_WAITING_FAULTS; more += 1) {
      expect((await api.fetch(post('/fault', { kind: '500' }, cookie))).status).toBe(200)
    }
    expect((await api.fetch(post('/fault', { kind: '500' }, cookie))).status).toBe(429)
    expect(sandbox?.control.faults()).toHaveLength(MAX_WAITING_FAULTS)
    const other = cookieOf(await api.fetch(get('/session')))
    expect((await api.fetch(post('/fault', { kind: '500' }, other))).status).toBe(200)

    expect((await api.fetch(post('/force-reject', {}, undefined))).status).toBe(401)
    expect((await api.fetch(post('/force-reject', { message: 'Borrada' }, cookie))).status).toBe(
      200,
    )
    const documents = await api.fetch(get('/documents', cookie))
    expect(await documents.json()).toEqual({ documents: [] })
  })

  it('keeps each visitor’s review delay their own (a public demo has many visitors at once)', async () => {
    const api = setup()
    const fast = cookieOf(await api.fetch(get('/session')))
    const slow = cookieOf(await api.fetch(get('/session')))
    expect((await api.fetch(post('/review-delay', { ms: 30 }, fast))).status).toBe(200)

    expect(await (await api.fetch(get('/session', slow))).json()).toMatchObject({
      reviewDelayMs: 60_000,
    })
    expect(sandbox?.control.settings().reviewDelayMs).toBe(60_000)
    const fastId = api.customerIdOf(get('/session', fast)) ?? ''
    const slowId = api.customerIdOf(get('/session', slow)) ?? ''
    await uploadSelfie(fastId)
    await uploadSelfie(slowId)
    await vi.waitFor(() => expect(sandbox?.control.documents(fastId)[0]?.status).toBe('approved'))
    expect(sandbox?.control.documents(slowId)[0]?.status).toBe('submitted')

    // A fresh customer (reset) keeps the visitor's own choice.
    const reset = await api.fetch(post('/reset', {}, fast))
    expect(await reset.json()).toMatchObject({ reviewDelayMs: 30 })
  })

  it('reads at most a few KiB of a body, counted as it arrives: 413 past that, no session needed', async () => {
    const api = setup()
    let pulled = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20))
      },
    })
    const response = await api.fetch(
      new Request(`${ORIGIN}/demo-api/scenario`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: endless,
        duplex: 'half',
      } as RequestInit),
    )
    expect(response.status).toBe(413)
    expect(pulled).toBeLessThanOrEqual(256 * 1024)
  })

  it('accepts control calls only as JSON, which a cross-site form cannot send', async () => {
    const api = setup()
    const form = new Request(`${ORIGIN}/demo-api/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    })
    expect((await api.fetch(form)).status).toBe(415)
    expect((await api.fetch(new Request(`${ORIGIN}/demo-api/nothing`))).status).toBe(404)
    expect((await api.fetch(new Request(`${ORIGIN}/other`))).status).toBe(404)
  })
})
