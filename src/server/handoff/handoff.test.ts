// Continue on the phone, through the proxy over real HTTP against the sandbox: the link, its page,
// its one confirmation, what the phone's session may do, how it ends, and what the logs keep.
import { createKycProxy, type KycProxyOptions } from '../index.ts'
import { createMemoryStore } from '../store/memory-store.ts'
import { createRedisStore } from '../store/redis-store.ts'
import { type RunningRedis, startRedisServer } from '../testing/redis-server.ts'
import { confirm, cookieOf, HANDOFF, type Issued, issue, open } from '../testing/handoff.ts'
import { PREFIX, type Stack, startStack } from '../testing/stack.ts'
import { HANDOFF_CODE_TRIES } from './handoff.ts'

let stack: Stack | undefined

afterEach(async () => {
  vi.useRealTimers()
  await stack?.close()
  stack = undefined
})

function smallPdf(type: string): FormData {
  const form = new FormData()
  form.set('type', type)
  const pdf = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'
  form.set('file', new Blob([pdf], { type: 'application/pdf' }), 'ccmei.pdf')
  return form
}

const stateOf = async (current: Stack, customerId: string, id: string, cookie: string) =>
  (
    (await (
      await current.request(`/customers/${customerId}/handoff/${id}`, { cookie })
    ).json()) as {
      state: string
    }
  ).state

it('the link shows whose documents, masked, and spends nothing; the code confirms it once for a session scoped to the KYC routes', async () => {
  stack = await startStack({ proxy: { handoff: HANDOFF } })
  const { customer, cookie } = stack.signIn('company')
  const before = Date.now()
  const link = await issue(stack, customer.id, cookie)
  expect(link.url).toMatch(new RegExp(`^${stack.proxy.url}${PREFIX}/handoff/[A-Za-z0-9_-]{43}$`))
  expect(link.code).toMatch(/^\d{4}$/)
  expect(link.expiresAt - before).toBeGreaterThanOrEqual(600_000 - 50)
  expect(await stateOf(stack, customer.id, link.id, cookie)).toBe('waiting')

  const page = await open(link.url, { 'accept-language': 'pt-BR' })
  expect(page.status).toBe(200)
  expect(page.headers.get('set-cookie')).toBeNull()
  expect(page.headers.get('cache-control')).toBe('no-store')
  expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
  const html = await page.text()
  // The company scenario's owner is Mariana Souza Lima, CPF 381.920.465-24.
  expect(html).toContain('Documentos de <strong>Mariana S. L. · CPF ***.920.465-**</strong>')
  expect(html).not.toMatch(/Souza|Lima|38192046524|381\.920|mariana@|<script/)
  expect(html).toContain('<form method="post">')
  expect(await stateOf(stack, customer.id, link.id, cookie)).toBe('waiting')

  const wrong = await confirm(link, {}, link.code === '0000' ? '1111' : '0000')
  expect(wrong.status).toBe(422)
  expect(wrong.headers.get('set-cookie')).toBeNull()
  expect(await wrong.text()).toContain('data-handoff-error="code"')

  const opened = await confirm(link)
  expect(opened.status).toBe(303)
  expect(opened.headers.get('location')).toBe(`${stack.proxy.url}/phone.html`)
  const setCookie = opened.headers.get('set-cookie') ?? ''
  expect(setCookie).toMatch(/^kyc_handoff=[A-Za-z0-9_-]{43}; /)
  expect(setCookie).toContain(`Path=${PREFIX};`)
  expect(setCookie).toContain('Max-Age=1800;')
  expect(setCookie).toContain('HttpOnly')
  expect(setCookie).toContain('SameSite=Lax')
  expect(setCookie).not.toContain('Secure') // loopback over http: a Secure cookie would be dropped
  expect(await stateOf(stack, customer.id, link.id, cookie)).toBe('used')

  const phone = cookieOf(opened)
  const session = await stack.request('/handoff', { cookie: phone })
  expect(session.status).toBe(200)
  expect(await session.json()).toMatchObject({ customerId: customer.id })
  expect((await stack.request(`/customers/${customer.id}`, { cookie: phone })).status).toBe(200)
  const upload = await stack.request(`/customers/${customer.id}/documents`, {
    method: 'POST',
    body: smallPdf('ccmei'),
    cookie: phone,
  })
  expect(upload.status).toBe(201)

  // Nothing else: another customer, and new links or ends (which would outlive the session).
  const other = stack.signIn('company').customer
  expect((await stack.request(`/customers/${other.id}`, { cookie: phone })).status).toBe(404)
  const relay = await stack.request(`/customers/${customer.id}/handoff`, {
    method: 'POST',
    cookie: phone,
  })
  expect(relay.status).toBe(403)
  expect(await relay.json()).toMatchObject({ code: 'handoff_session' })

  // The same link again: its page says it was used, in the phone's language; so does a confirm.
  const again = await open(link.url, { 'accept-language': 'pt-BR,pt;q=0.9' })
  expect(again.status).toBe(410)
  expect(again.headers.get('set-cookie')).toBeNull()
  expect(await again.text()).toContain('Este link já foi aberto')
  expect((await confirm(link)).status).toBe(410)

  // The logs name the link by the start of the token's hash, never by the token.
  const token = link.url.slice(link.url.lastIndexOf('/') + 1)
  const logged = stack.lines.join('\n')
  expect(logged).not.toContain(token)
  expect(logged).not.toContain(phone.split('=')[1])
  expect(
    stack.lines.filter((line) => line.includes(`/handoff/#${link.id.slice(0, 12)}`)),
  ).toHaveLength(5)
})

it.each([
  ['WhatsApp', 'WhatsApp/2.23.20.0 A'],
  ['Telegram', 'TelegramBot (like TwitterBot)'],
  ['Slack', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)'],
  ['Facebook', 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)'],
  ['Discord', 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)'],
])(
  'a %s preview (GET and HEAD) spends nothing: the link still opens on the phone',
  async (_, userAgent) => {
    stack = await startStack({ proxy: { handoff: HANDOFF } })
    const { customer, cookie } = stack.signIn()
    const link = await issue(stack, customer.id, cookie)
    for (const method of ['GET', 'HEAD', 'GET']) {
      // Previews send no Sec-Fetch-* and no Sec-Purpose.
      const preview = await fetch(link.url, {
        method,
        redirect: 'manual',
        headers: { 'user-agent': userAgent },
      })
      expect(preview.status).toBe(200)
      expect(preview.headers.get('set-cookie')).toBeNull()
      if (method === 'HEAD') expect(await preview.text()).toBe('')
    }
    expect(await stateOf(stack, customer.id, link.id, cookie)).toBe('waiting')
    expect((await open(link.url)).status).toBe(200)
    const opened = await confirm(link)
    expect(opened.status).toBe(303)
    expect((await stack.request('/handoff', { cookie: cookieOf(opened) })).status).toBe(200)
  },
)

describe('login CSRF: an attacker’s link opened by a signed-in victim', () => {
  it('the victim’s own session wins: the page, a confirm, a cross-site form all leave them on their own file', async () => {
    stack = await startStack({ proxy: { handoff: HANDOFF } })
    const attacker = stack.signIn()
    const victim = stack.signIn()
    const link = await issue(stack, attacker.customer.id, attacker.cookie)

    // One navigation from another site: the page, nothing set, nothing spent.
    const page = await open(link.url, { cookie: victim.cookie, 'sec-fetch-site': 'cross-site' })
    expect(page.status).toBe(200)
    expect(page.headers.get('set-cookie')).toBeNull()
    // The attacker's page posts the form itself (the attacker knows his code): refused unread.
    const forged = await confirm(link, {
      cookie: victim.cookie,
      'sec-fetch-site': 'cross-site',
      origin: 'http://evil.example',
    })
    expect(forged.status).toBe(403)
    expect(forged.headers.get('set-cookie')).toBeNull()
    expect(await forged.text()).toContain('data-handoff-refused="cross-site"')
    // The victim, fooled into typing the attacker's code on the genuine page: refused too.
    const typed = await confirm(link, { cookie: victim.cookie })
    expect(typed.status).toBe(409)
    expect(typed.headers.get('set-cookie')).toBeNull()
    expect(await typed.text()).toContain('data-handoff-refused="other-account"')
    expect(await stateOf(stack, attacker.customer.id, link.id, attacker.cookie)).toBe('waiting')

    // Afterwards the victim reads, uploads and asks for links for their own customer only.
    expect(
      (await stack.request(`/customers/${victim.customer.id}`, { cookie: victim.cookie })).status,
    ).toBe(200)
    expect(
      (await stack.request(`/customers/${attacker.customer.id}`, { cookie: victim.cookie })).status,
    ).toBe(404)
    await issue(stack, victim.customer.id, victim.cookie)
  })

  it('a phone cookie for another customer beside the host session: refused once, the cookie cleared, the phone session ended', async () => {
    stack = await startStack({ proxy: { handoff: HANDOFF } })
    const attacker = stack.signIn()
    const victim = stack.signIn()
    const link = await issue(stack, attacker.customer.id, attacker.cookie)
    // Exchanged while the victim was not signed in (a browser with no host session yet).
    const phone = cookieOf(await confirm(link))
    const both = `${victim.cookie}; ${phone}`

    const read = await stack.request(`/customers/${victim.customer.id}`, { cookie: both })
    expect(read.status).toBe(409)
    expect(await read.json()).toMatchObject({ code: 'handoff_conflict' })
    expect(read.headers.get('set-cookie')).toMatch(/^kyc_handoff=; Path=\/api\/kyc; Max-Age=0;/)
    // Never silently switched: the attacker's customer is not readable with both either.
    expect(
      (await stack.request(`/customers/${attacker.customer.id}`, { cookie: both })).status,
    ).toBe(404)
    // The phone session is over wherever it is used, and the victim's own session goes on.
    expect((await stack.request('/handoff', { cookie: phone })).status).toBe(401)
    expect(
      (await stack.request(`/customers/${victim.customer.id}`, { cookie: victim.cookie })).status,
    ).toBe(200)
  })

  it('the phone page’s session read, with a host session for another customer: 409 and cleared', async () => {
    stack = await startStack({ proxy: { handoff: HANDOFF } })
    const owner = stack.signIn()
    const other = stack.signIn()
    const phone = cookieOf(await confirm(await issue(stack, owner.customer.id, owner.cookie)))
    const mixed = await stack.request('/handoff', { cookie: `${other.cookie}; ${phone}` })
    expect(mixed.status).toBe(409)
    expect(mixed.headers.get('set-cookie')).toContain('Max-Age=0')
    // The same customer on both: the host session and the phone agree, nothing refused.
    const mine = cookieOf(await confirm(await issue(stack, owner.customer.id, owner.cookie)))
    expect((await stack.request('/handoff', { cookie: `${owner.cookie}; ${mine}` })).status).toBe(
      200,
    )
  })
})

it(`${HANDOFF_CODE_TRIES} wrong codes end the link: its page says why, the desktop sees it expired`, async () => {
  stack = await startStack({ proxy: { handoff: HANDOFF } })
  const { customer, cookie } = stack.signIn()
  const link = await issue(stack, customer.id, cookie)
  const wrong = link.code === '0000' ? '1111' : '0000'
  const statuses = []
  for (let attempt = 0; attempt < HANDOFF_CODE_TRIES; attempt += 1) {
    statuses.push((await confirm(link, {}, wrong)).status)
  }
  expect(statuses).toEqual([422, 422, 422, 422, 410])
  const right = await confirm(link)
  expect(right.status).toBe(410)
  expect(await right.text()).toContain('data-handoff-refused="tries"')
  expect(await stateOf(stack, customer.id, link.id, cookie)).toBe('expired')
})

it('the desktop ends the phone’s session; a new link ends the one before; a phone cannot end either', async () => {
  stack = await startStack({ proxy: { handoff: HANDOFF } })
  const { customer, cookie } = stack.signIn()
  const first = await issue(stack, customer.id, cookie)
  const phone = cookieOf(await confirm(first))
  expect((await stack.request('/handoff', { cookie: phone })).status).toBe(200)
  const endPath = `/customers/${customer.id}/handoff/${first.id}`
  expect((await stack.request(endPath, { method: 'DELETE', cookie: phone })).status).toBe(403)
  const crossSite = await stack.request(endPath, {
    method: 'DELETE',
    cookie,
    headers: { 'sec-fetch-site': 'cross-site' },
  })
  expect(crossSite.status).toBe(403)
  expect((await stack.request(endPath, { method: 'DELETE', cookie })).status).toBe(204)
  expect((await stack.request('/handoff', { cookie: phone })).status).toBe(401)
  expect((await stack.request(`/customers/${customer.id}`, { cookie: phone })).status).toBe(401)

  // A new link ends the previous link's session, and a previous link still waiting.
  const second = await issue(stack, customer.id, cookie)
  const secondPhone = cookieOf(await confirm(second))
  const waiting = await issue(stack, customer.id, cookie)
  expect((await stack.request('/handoff', { cookie: secondPhone })).status).toBe(401)
  await issue(stack, customer.id, cookie)
  expect((await open(waiting.url)).status).toBe(410)
  expect(await stateOf(stack, customer.id, waiting.id, cookie)).toBe('expired')
})

it('without the code option the page continues with one tap', async () => {
  stack = await startStack({ proxy: { handoff: { ...HANDOFF, confirmCode: false } } })
  const { customer, cookie } = stack.signIn()
  const link = await issue(stack, customer.id, cookie)
  expect(link.code).toBeNull()
  expect(await (await open(link.url)).text()).not.toContain('name="code"')
  expect((await confirm(link)).status).toBe(303)
})

it('an unknown or malformed token gets the page, not a crash', async () => {
  stack = await startStack({ proxy: { handoff: HANDOFF } })
  const unknown = await open(`${stack.api}/handoff/${'A'.repeat(43)}`)
  expect(unknown.status).toBe(410)
  expect(await unknown.text()).toContain('This link has expired or is not valid')
  const malformed = await open(`${stack.api}/handoff/%3Cscript%3E`)
  expect(malformed.status).toBe(410)
  expect(await malformed.text()).not.toContain('<script>')
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
  // A provider that knows one customer: enough for the link's page.
  const provider: KycProxyOptions['fetch'] = async (url) =>
    Response.json(
      url.endsWith('/auth/token')
        ? { access_token: 'tok', expires_in: 3600 }
        : { id: customerId, status: 'pending_kyc', name: 'Ana Lima', cpf: '38192046524', kyc: [] },
    )
  function proxy(extra: Partial<KycProxyOptions> = {}) {
    return createKycProxy({
      providerBaseUrl: 'https://provider.invalid/v3',
      clientId: 'id',
      clientSecret: 'secret',
      prefix: PREFIX,
      store: createMemoryStore(),
      authorize: (request) => (request.headers.get('cookie')?.includes('sid=') ? customerId : null),
      handoff: HANDOFF,
      fetch: provider,
      log: () => {},
      ...extra,
    })
  }
  const post = (origin: string) =>
    new Request(`${origin}${PREFIX}/customers/${customerId}/handoff`, {
      method: 'POST',
      headers: { cookie: 'sid=1' },
    })
  const confirmIn = (handler: (request: Request) => Promise<Response>, link: Issued) =>
    handler(
      new Request(link.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `code=${link.code}`,
      }),
    )

  it('a link expires after 10 minutes (or its own lifetime) and is then refused', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const handler = proxy()
    const first = (await (await handler(post('http://localhost'))).json()) as Issued
    vi.advanceTimersByTime(599_000)
    expect((await confirmIn(handler, first)).status).toBe(303)
    const second = (await (await handler(post('http://localhost'))).json()) as Issued
    vi.advanceTimersByTime(600_001)
    const late = await handler(new Request(second.url))
    expect(late.status).toBe(410)
    expect(await late.text()).toContain('expired')
    const state = await handler(
      new Request(`http://localhost${PREFIX}/customers/${customerId}/handoff/${second.id}`, {
        headers: { cookie: 'sid=1' },
      }),
    )
    expect(await state.json()).toEqual({ state: 'expired' })

    const short = proxy({ handoff: { ...HANDOFF, linkTtlMs: 30_000 } })
    const link = (await (await short(post('http://localhost'))).json()) as Issued
    vi.advanceTimersByTime(30_001)
    expect((await confirmIn(short, link)).status).toBe(410)
  })

  it('the phone session ends with its lifetime', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const handler = proxy({ handoff: { ...HANDOFF, sessionTtlMs: 60_000 } })
    const link = (await (await handler(post('http://localhost'))).json()) as Issued
    const phone = cookieOf(await confirmIn(handler, link))
    const session = () =>
      handler(new Request(`http://localhost${PREFIX}/handoff`, { headers: { cookie: phone } }))
    expect((await session()).status).toBe(200)
    vi.advanceTimersByTime(60_001)
    expect((await session()).status).toBe(401)
  })

  it('the cookie is Secure outside localhost, and behind a gateway whose public origin is https', async () => {
    const handler = proxy({ handoff: { ...HANDOFF, publicOrigin: 'https://app.example.com' } })
    const link = (await (await handler(post('http://10.0.0.5:3000'))).json()) as Issued
    expect(link.url.startsWith(`https://app.example.com${PREFIX}/handoff/`)).toBe(true)
    const lan = await confirmIn(handler, {
      ...link,
      url: link.url.replace('https://app.example.com', 'http://10.0.0.5:3000'),
    })
    expect(lan.headers.get('set-cookie')).toContain('; Secure')
    expect(lan.headers.get('location')).toBe('https://app.example.com/phone.html')
    // The gateway reaches the proxy over plain http on loopback; the phone is on https.
    const behind = (await (await handler(post('http://127.0.0.1:3000'))).json()) as Issued
    const loopback = await confirmIn(handler, {
      ...behind,
      url: behind.url.replace('https://app.example.com', 'http://127.0.0.1:3000'),
    })
    expect(loopback.headers.get('set-cookie')).toContain('; Secure')
  })
})

describe('two instances on one Redis', () => {
  let redis: RunningRedis | undefined
  afterEach(async () => {
    await redis?.stop()
  })

  it('a link issued by one is honoured once by either, however many phones race for it', async () => {
    redis = await startRedisServer()
    stack = await startStack({ proxy: { handoff: HANDOFF } })
    const { customer, cookie } = stack.signIn()
    const keyPrefix = `handoff-${crypto.randomUUID()}:`
    const stores = await Promise.all(
      [0, 1].map(() =>
        createRedisStore({
          url: redis?.url ?? '',
          keyPrefix,
          commandTimeoutMs: 5000,
          log: () => {},
        }),
      ),
    )
    try {
      const [a, b] = stores.map((store) =>
        createKycProxy({
          providerBaseUrl: stack?.sandbox.url ?? '',
          clientId: 'proxy-tests',
          clientSecret: 'proxy-tests-secret-7f3a9c',
          prefix: PREFIX,
          store,
          authorize: (request) => (request.headers.get('cookie') === cookie ? customer.id : null),
          handoff: HANDOFF,
          log: () => {},
        }),
      ) as [(request: Request) => Promise<Response>, (request: Request) => Promise<Response>]
      const issued = await a(
        new Request(`http://localhost${PREFIX}/customers/${customer.id}/handoff`, {
          method: 'POST',
          headers: { cookie },
        }),
      )
      const link = (await issued.json()) as Issued
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          (index % 2 ? a : b)(
            new Request(link.url, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: `code=${link.code}`,
            }),
          ),
        ),
      )
      expect(answers.map((answer) => answer.status).sort()).toEqual([303, 410, 410, 410, 410, 410])
      // The session made on one instance is known to the other.
      const phone = cookieOf(answers.find((answer) => answer.status === 303) as Response)
      for (const handler of [a, b]) {
        const session = await handler(
          new Request(`http://localhost${PREFIX}/handoff`, { headers: { cookie: phone } }),
        )
        expect(await session.json()).toMatchObject({ customerId: customer.id })
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()))
    }
  })
})
