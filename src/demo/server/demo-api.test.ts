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

/** A selfie upload straight to the in-process sandbox, as the proxy would send it: its status. */
async function sendSelfie(customerId: string): Promise<number | undefined> {
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
  return response?.status
}

async function uploadSelfie(customerId: string): Promise<void> {
  expect(await sendSelfie(customerId)).toBe(201)
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

  it('a flood of new sessions cannot push out the visitors using the demo: idle sessions go first', async () => {
    const api = setup(20)
    const visitors = []
    for (let index = 0; index < 3; index += 1) {
      const cookie = cookieOf(await api.fetch(get('/session')))
      // The visitor's widget reads through the proxy, which asks the demo who this is.
      const customerId = api.customerIdOf(get('/session', cookie))
      visitors.push({ cookie, customerId })
    }
    // 10,000 sessions minted from 250 addresses (40 each, under the per-address limit), none of
    // them ever used.
    const minted: string[] = []
    for (let index = 0; index < 10_000; index += 1) {
      const response = await api.fetch(get('/session'), {
        clientAddress: `198.51.100.${index % 250}`,
      })
      minted.push(((await response.json()) as { customerId: string }).customerId)
    }
    for (const { cookie, customerId } of visitors) {
      expect(api.customerIdOf(get('/session', cookie))).toBe(customerId)
      expect(sandbox?.control.customer(customerId ?? '')).toBeDefined()
    }
    // The sandbox holds the demo's 20 sessions only, the three visitors among them.
    const held = minted.filter((id) => sandbox?.control.customer(id) !== undefined)
    expect(held).toEqual(minted.slice(-17))
  })

  it('a client address may start 100 sessions a minute; a returning visitor and other addresses are not counted', async () => {
    const api = setup()
    const from = (clientAddress: string) => ({ clientAddress })
    const returning = cookieOf(await api.fetch(get('/session'), from('203.0.113.7')))
    const statuses = []
    for (let index = 0; index < 100; index += 1) {
      statuses.push((await api.fetch(get('/session'), from('203.0.113.7'))).status)
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(99)
    const refused = await api.fetch(get('/session'), from('203.0.113.7'))
    expect(refused.status).toBe(429)
    expect(await refused.json()).toEqual({ error: 'too_many_sessions' })
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(
      (await api.fetch(post('/scenario', { scenario: 'company' }), from('203.0.113.7'))).status,
    ).toBe(429)
    expect((await api.fetch(get('/session', returning), from('203.0.113.7'))).status).toBe(200)
    expect((await api.fetch(get('/session'), from('203.0.113.8'))).status).toBe(200)
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

  it('token_expired is the visitor’s own: their next upload meets it, another visitor’s does not', async () => {
    const api = setup()
    const mine = cookieOf(await api.fetch(get('/session')))
    const theirs = cookieOf(await api.fetch(get('/session')))
    expect((await api.fetch(post('/fault', { kind: 'token_expired' }, mine))).status).toBe(200)
    const theirId = api.customerIdOf(get('/session', theirs)) ?? ''
    await uploadSelfie(theirId)
    const myId = api.customerIdOf(get('/session', mine)) ?? ''
    expect(await sendSelfie(myId)).toBe(401)
    await uploadSelfie(myId)
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
