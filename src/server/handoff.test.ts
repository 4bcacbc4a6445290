// Continue on the phone, through the proxy over real HTTP against the sandbox: the link, its one
// exchange, what the phone's session may do, and what the logs keep of it.
import { createKycProxy, type KycProxyOptions } from './index.ts'
import { createMemoryStore } from './store/memory-store.ts'
import { createRedisStore } from './store/redis-store.ts'
import { type RunningRedis, startRedisServer } from './testing/redis-server.ts'
import { PREFIX, type Stack, startStack } from './testing/stack.ts'

let stack: Stack | undefined

afterEach(async () => {
  vi.useRealTimers()
  await stack?.close()
  stack = undefined
})

const HANDOFF = { pageUrl: '/phone.html' }

interface Issued {
  id: string
  url: string
  expiresAt: number
}

async function issue(current: Stack, customerId: string, cookie: string): Promise<Issued> {
  const response = await current.request(`/customers/${customerId}/handoff`, {
    method: 'POST',
    cookie,
  })
  expect(response.status).toBe(201)
  return (await response.json()) as Issued
}

/** The phone opens the link: a top-level navigation, redirects not followed. */
const open = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { redirect: 'manual', headers: { 'sec-fetch-site': 'none', ...headers } })

const cookieOf = (response: Response) =>
  (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''

function smallPdf(type: string): FormData {
  const form = new FormData()
  form.set('type', type)
  const pdf = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'
  form.set('file', new Blob([pdf], { type: 'application/pdf' }), 'ccmei.pdf')
  return form
}

it('the phone exchanges the link once for a session of that customer, scoped to the KYC routes', async () => {
  stack = await startStack({ proxy: { handoff: HANDOFF } })
  const { customer, cookie } = stack.signIn('company')
  const before = Date.now()
  const link = await issue(stack, customer.id, cookie)
  expect(link.url).toMatch(new RegExp(`^${stack.proxy.url}${PREFIX}/handoff/[A-Za-z0-9_-]{43}$`))
  expect(link.expiresAt - before).toBeGreaterThanOrEqual(600_000 - 50)
  expect(link.expiresAt - Date.now()).toBeLessThanOrEqual(600_000)
  const stateOf = async () =>
    (
      await (
        await stack!.request(`/customers/${customer.id}/handoff/${link.id}`, { cookie })
      ).json()
    ).state
  expect(await stateOf()).toBe('waiting')

  const opened = await open(link.url)
  expect(opened.status).toBe(303)
  expect(opened.headers.get('location')).toBe(`${stack.proxy.url}/phone.html`)
  expect(opened.headers.get('cache-control')).toBe('no-store')
  const setCookie = opened.headers.get('set-cookie') ?? ''
  expect(setCookie).toMatch(/^kyc_handoff=[A-Za-z0-9_-]{43}; /)
  expect(setCookie).toContain(`Path=${PREFIX};`)
  expect(setCookie).toContain('Max-Age=1800;')
  expect(setCookie).toContain('HttpOnly')
  expect(setCookie).toContain('SameSite=Lax')
  expect(setCookie).not.toContain('Secure') // loopback over http: a Secure cookie would be dropped
  expect(await stateOf()).toBe('used')

  const phone = cookieOf(opened)
  const session = await stack.request('/handoff', { cookie: phone })
  expect(session.status).toBe(200)
  expect(await session.json()).toMatchObject({ customerId: customer.id })
  const read = await stack.request(`/customers/${customer.id}`, { cookie: phone })
  expect(read.status).toBe(200)
  const upload = await stack.request(`/customers/${customer.id}/documents`, {
    method: 'POST',
    body: smallPdf('ccmei'),
    cookie: phone,
  })
  expect(upload.status).toBe(201)

  // Nothing else: another customer, and new links (which would outlive the session).
  const other = stack.signIn('company').customer
  expect((await stack.request(`/customers/${other.id}`, { cookie: phone })).status).toBe(404)
  const relay = await stack.request(`/customers/${customer.id}/handoff`, {
    method: 'POST',
    cookie: phone,
  })
  expect(relay.status).toBe(403)
  expect(await relay.json()).toMatchObject({ code: 'handoff_session' })

  // The same link again: refused with a page that says why, in the phone's language.
  const again = await open(link.url, { 'accept-language': 'pt-BR,pt;q=0.9' })
  expect(again.status).toBe(410)
  expect(again.headers.get('set-cookie')).toBeNull()
  expect(again.headers.get('content-type')).toBe('text/html; charset=utf-8')
  expect(again.headers.get('content-security-policy')).toContain("default-src 'none'")
  expect(await again.text()).toContain('Este link já foi aberto')

  // The logs name the exchange by the start of the token's hash, never by the token.
  const token = link.url.slice(link.url.lastIndexOf('/') + 1)
  const logged = stack.lines.join('\n')
  expect(logged).not.toContain(token)
  expect(logged).not.toContain(phone.split('=')[1])
  expect(
    stack.lines.filter((line) => line.includes(`/handoff/#${link.id.slice(0, 12)}`)),
  ).toHaveLength(2)
})

it('an unknown or malformed token gets the page, not a crash; a prefetch spends nothing', async () => {
  stack = await startStack({ proxy: { handoff: HANDOFF } })
  const unknown = await open(`${stack.api}/handoff/${'A'.repeat(43)}`)
  expect(unknown.status).toBe(410)
  expect(await unknown.text()).toContain('This link has expired or is not valid')
  const malformed = await open(`${stack.api}/handoff/%3Cscript%3E`)
  expect(malformed.status).toBe(410)
  expect(await malformed.text()).not.toContain('<script>')

  const { customer, cookie } = stack.signIn()
  const link = await issue(stack, customer.id, cookie)
  const prefetch = await open(link.url, { 'sec-purpose': 'prefetch' })
  expect(prefetch.status).toBe(503)
  expect((await open(link.url)).status).toBe(303)
})

it('a link is asked for like an upload: same origin, a session, a limit per session', async () => {
  stack = await startStack({
    proxy: { handoff: { ...HANDOFF, issueLimit: { limit: 2, windowMs: 60_000 } } },
  })
  const { customer, cookie } = stack.signIn()
  const path = `/customers/${customer.id}/handoff`
  expect((await stack.request(path, { method: 'POST' })).status).toBe(401)
  const crossSite = await stack.request(path, {
    method: 'POST',
    cookie,
    headers: { 'sec-fetch-site': 'same-site', origin: 'http://evil.localhost' },
  })
  expect(crossSite.status).toBe(403)
  const other = stack.signIn().customer
  expect(
    (await stack.request(`/customers/${other.id}/handoff`, { method: 'POST', cookie })).status,
  ).toBe(404)
  await issue(stack, customer.id, cookie)
  await issue(stack, customer.id, cookie)
  const third = await stack.request(path, { method: 'POST', cookie })
  expect(third.status).toBe(429)
  expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0)
  // Another user's links are not counted against this one.
  const someoneElse = stack.signIn()
  await issue(stack, someoneElse.customer.id, someoneElse.cookie)
})

it('without the option there is no hand-off: its routes are 404', async () => {
  stack = await startStack()
  const { customer, cookie } = stack.signIn()
  const response = await stack.request(`/customers/${customer.id}/handoff`, {
    method: 'POST',
    cookie,
  })
  expect(response.status).toBe(404)
  expect(await response.json()).toMatchObject({ code: 'not_found' })
  expect((await open(`${stack.api}/handoff/${'A'.repeat(43)}`)).status).toBe(404)
})

describe('in process, on a fake clock', () => {
  const customerId = `cust_${'a'.repeat(32)}`
  function proxy(extra: Partial<KycProxyOptions> = {}) {
    return createKycProxy({
      providerBaseUrl: 'https://provider.invalid/v3',
      clientId: 'id',
      clientSecret: 'secret',
      prefix: PREFIX,
      store: createMemoryStore(),
      authorize: () => customerId,
      handoff: HANDOFF,
      log: () => {},
      ...extra,
    })
  }
  const post = (origin: string) =>
    new Request(`${origin}${PREFIX}/customers/${customerId}/handoff`, { method: 'POST' })

  it('a link expires after 10 minutes (or its own lifetime) and is then refused', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const handler = proxy()
    const first = (await (await handler(post('http://localhost'))).json()) as Issued
    const second = (await (await handler(post('http://localhost'))).json()) as Issued
    vi.advanceTimersByTime(599_000)
    expect((await handler(new Request(first.url))).status).toBe(303)
    vi.advanceTimersByTime(1_001)
    const late = await handler(new Request(second.url))
    expect(late.status).toBe(410)
    expect(await late.text()).toContain('expired')
    const state = await handler(
      new Request(`http://localhost${PREFIX}/customers/${customerId}/handoff/${second.id}`),
    )
    expect(await state.json()).toEqual({ state: 'expired' })

    const short = proxy({ handoff: { ...HANDOFF, linkTtlMs: 30_000 } })
    const link = (await (await short(post('http://localhost'))).json()) as Issued
    vi.advanceTimersByTime(30_001)
    expect((await short(new Request(link.url))).status).toBe(410)
  })

  it('the phone session ends with its lifetime', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const handler = proxy({ handoff: { ...HANDOFF, sessionTtlMs: 60_000 } })
    const link = (await (await handler(post('http://localhost'))).json()) as Issued
    const phone = cookieOf(await handler(new Request(link.url))) ?? ''
    const session = () =>
      handler(new Request(`http://localhost${PREFIX}/handoff`, { headers: { cookie: phone } }))
    expect((await session()).status).toBe(200)
    vi.advanceTimersByTime(60_001)
    expect((await session()).status).toBe(401)
  })

  it('outside localhost the cookie is Secure, and links use publicOrigin when given', async () => {
    const handler = proxy({ handoff: { ...HANDOFF, publicOrigin: 'https://app.example.com' } })
    const link = (await (await handler(post('http://10.0.0.5:3000'))).json()) as Issued
    expect(link.url.startsWith(`https://app.example.com${PREFIX}/handoff/`)).toBe(true)
    const opened = await handler(
      new Request(link.url.replace('https://app.example.com', 'http://10.0.0.5:3000')),
    )
    expect(opened.headers.get('set-cookie')).toContain('; Secure')
    expect(opened.headers.get('location')).toBe('https://app.example.com/phone.html')
  })
})

describe('two instances on one Redis', () => {
  let redis: RunningRedis | undefined
  afterEach(async () => {
    await redis?.stop()
  })

  it('a link issued by one is honoured once by either, however many phones race for it', async () => {
    redis = await startRedisServer()
    const customerId = `cust_${'b'.repeat(32)}`
    const keyPrefix = `handoff-${crypto.randomUUID()}:`
    const stores = await Promise.all(
      [0, 1].map(() => createRedisStore({ url: redis?.url ?? '', keyPrefix, log: () => {} })),
    )
    try {
      const [a, b] = stores.map((store) =>
        createKycProxy({
          providerBaseUrl: 'https://provider.invalid/v3',
          clientId: 'id',
          clientSecret: 'secret',
          prefix: PREFIX,
          store,
          authorize: () => customerId,
          handoff: HANDOFF,
          log: () => {},
        }),
      ) as [(request: Request) => Promise<Response>, (request: Request) => Promise<Response>]
      const issued = await a(
        new Request(`http://localhost${PREFIX}/customers/${customerId}/handoff`, {
          method: 'POST',
        }),
      )
      const link = (await issued.json()) as Issued
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, index) => (index % 2 ? a : b)(new Request(link.url))),
      )
      expect(answers.map((answer) => answer.status).sort()).toEqual([303, 410, 410, 410, 410, 410])
      // The session made on one instance is known to the other.
      const phone = cookieOf(answers.find((answer) => answer.status === 303) as Response)
      for (const handler of [a, b]) {
        const session = await handler(
          new Request(`http://localhost${PREFIX}/handoff`, { headers: { cookie: phone } }),
        )
        expect(await session.json()).toMatchObject({ customerId })
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()))
    }
  })
})
