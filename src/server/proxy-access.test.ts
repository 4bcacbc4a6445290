// Who reaches what through the proxy, over real HTTP against the sandbox.
import { multipartPdf, postStream, rawRequest } from './testing/http.ts'
import { CLIENT_SECRET, type Stack, startStack } from './testing/stack.ts'

let stack: Stack

beforeEach(async () => {
  stack = await startStack()
})
afterEach(async () => {
  await stack.close()
})

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  return (await response.json()) as Record<string, unknown>
}

/** Paths of the customer and upload calls the proxy made to the provider. */
function providerPaths(): string[] {
  return stack.calls
    .map((call) => new URL(call.url).pathname)
    .filter((path) => !path.endsWith('/auth/token'))
}

describe('sessions', () => {
  it('no session: 401 problem+json, and the provider is not asked', async () => {
    const { customer } = stack.signIn()
    const read = await stack.request(`/customers/${customer.id}`)
    expect(read.status).toBe(401)
    expect(await problemOf(read)).toMatchObject({ status: 401, code: 'unauthenticated' })
    const upload = await stack.request(`/customers/${customer.id}/documents`, {
      method: 'POST',
      body: new FormData(),
    })
    expect(upload.status).toBe(401)
    expect(stack.calls).toEqual([])
  })

  it('the signed-in user reads their customer: id, status and kyc only', async () => {
    const { customer, cookie } = stack.signIn('company')
    const response = await stack.request(`/customers/${customer.id}`, { cookie })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const text = await response.text()
    const body = JSON.parse(text) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(['id', 'kyc', 'status'])
    expect(body.id).toBe(customer.id)
    expect((body.kyc as { type: string }[]).map((item) => item.type)).toEqual(
      customer.kyc.map((item) => item.type),
    )
    // The sandbox's customer has all of these; none reaches the browser, in any field.
    for (const secretValue of [
      customer.cpf,
      customer.cnpj,
      customer.name,
      customer.email,
      customer.phone,
      customer.trading_name,
    ]) {
      expect(secretValue).toBeTruthy()
      expect(text).not.toContain(secretValue as string)
    }
    expect(response.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/)
  })

  it('another user’s customer: 404, identical to a customer that does not exist', async () => {
    const mine = stack.signIn()
    const theirs = stack.signIn()
    const other = await stack.request(`/customers/${theirs.customer.id}`, { cookie: mine.cookie })
    const unknown = await stack.request(`/customers/cust_${'0'.repeat(32)}`, {
      cookie: mine.cookie,
    })
    expect(other.status).toBe(404)
    expect(unknown.status).toBe(404)
    const otherText = await other.text()
    expect(otherText).toBe(await unknown.text())
    expect(JSON.parse(otherText)).toMatchObject({ code: 'customer_not_found' })
    expect([...other.headers.keys()].sort()).toEqual([...unknown.headers.keys()].sort())

    const upload = multipartPdf({ type: 'ccmei', fileSize: 2048 })
    const post = await postStream(
      `${stack.api}/customers/${theirs.customer.id}/documents`,
      upload,
      {
        cookie: mine.cookie,
      },
    )
    expect(post.status).toBe(404)
    expect(stack.sandbox.sandbox.control.documents(theirs.customer.id)).toEqual([])
    expect(providerPaths()).toEqual([])
  })
})

describe('paths, ids and methods it does not serve', () => {
  it.each([
    ['parent segments reaching the token endpoint', '/api/kyc/customers/../../../v3/auth/token'],
    ['encoded dots', '/api/kyc/customers/%2e%2e/%2e%2e/v3/auth/token'],
    [
      'encoded slash after the id',
      '/api/kyc/customers/{own}%2f..%2fcust_00000000000000000000000000000000',
    ],
    ['overlong id', '/api/kyc/customers/{own}0'],
    ['uppercase id', '/api/kyc/customers/{OWN}'],
    ['fullwidth digits', `/api/kyc/customers/cust_${'%EF%BC%90'.repeat(32)}`],
    ['the customer list', '/api/kyc/customers'],
    ['sandbox control routes', '/api/kyc/sandbox/documents'],
    ['another resource of the customer', '/api/kyc/customers/{own}/biometrics'],
    ['outside the prefix', '/customers/{own}'],
  ])('%s: 404 problem+json, nothing sent to the provider', async (_name, template) => {
    const { customer, cookie } = stack.signIn()
    const path = template.replace('{own}', customer.id).replace('{OWN}', customer.id.toUpperCase())
    const answer = await rawRequest(
      stack.proxy.url,
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`,
    )
    expect(answer.status).toBe(404)
    expect(answer.headers.toLowerCase()).toContain('content-type: application/problem+json')
    expect(providerPaths()).toEqual([])
  })

  it('raw unicode in the request line never reaches the provider', async () => {
    const { cookie } = stack.signIn()
    const answer = await rawRequest(
      stack.proxy.url,
      `GET /api/kyc/customers/cust_${'０'.repeat(32)} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`,
    )
    expect([400, 404]).toContain(answer.status)
    expect(providerPaths()).toEqual([])
  })

  it('a query string is neither an id nor forwarded', async () => {
    const { customer, cookie } = stack.signIn()
    const response = await stack.request(`/customers/${customer.id}?id=../../auth/token`, {
      cookie,
    })
    expect(response.status).toBe(200)
    expect(providerPaths()).toEqual([`/v3/customers/${customer.id}`])
    expect(stack.calls.every((call) => !call.url.includes('?'))).toBe(true)
  })

  it.each([
    ['PUT', '', 'GET'],
    ['DELETE', '', 'GET'],
    ['PATCH', '', 'GET'],
    ['POST', '', 'GET'],
    ['GET', '/documents', 'POST'],
    ['PUT', '/documents', 'POST'],
    ['OPTIONS', '/documents', 'POST'],
  ])('%s on a served path%s: 405 with Allow: %s', async (method, suffix, allow) => {
    const { customer, cookie } = stack.signIn()
    const response = await stack.request(`/customers/${customer.id}${suffix}`, { method, cookie })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe(allow)
    expect(await problemOf(response)).toMatchObject({ code: 'method_not_allowed' })
    expect(providerPaths()).toEqual([])
  })

  it('oversized headers are refused by the server before the proxy runs (431)', async () => {
    const { customer, cookie } = stack.signIn()
    const answer = await rawRequest(
      stack.proxy.url,
      `GET /api/kyc/customers/${customer.id} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}; pad=${'x'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    )
    expect(answer.status).toBe(431)
    expect(stack.calls).toEqual([])
    expect(stack.lines).toEqual([])
  })
})

describe('per-user upload rate limit', () => {
  it('past the limit: 429 rate_limit_exceeded with Retry-After, others unaffected', async () => {
    await stack.close()
    stack = await startStack({ proxy: { uploadRateLimit: { limit: 2, windowMs: 60_000 } } })
    const alice = stack.signIn()
    const bob = stack.signIn()
    const upload = (who: typeof alice, type: string) =>
      postStream(
        `${stack.api}/customers/${who.customer.id}/documents`,
        multipartPdf({ type, fileSize: 4096 }),
        {
          cookie: who.cookie,
        },
      )
    expect((await upload(alice, 'ccmei')).status).toBe(201)
    expect((await upload(alice, 'selfie')).status).toBe(201)
    const limited = await upload(alice, 'identity_card_front')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(50)
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60)
    expect(await problemOf(limited)).toMatchObject({ code: 'rate_limit_exceeded' })
    expect((await upload(bob, 'ccmei')).status).toBe(201)
    expect(stack.sandbox.sandbox.control.documents(alice.customer.id)).toHaveLength(2)
  })
})

describe('the secret and the tokens', () => {
  it('never reach a response or a log line, whatever happens', async () => {
    const { customer, cookie } = stack.signIn()
    const control = stack.sandbox.sandbox.control
    await stack.request(`/customers/${customer.id}`, { cookie })
    control.expireTokens()
    await stack.request(`/customers/${customer.id}`, { cookie }) // refreshed behind the scenes
    // A customer never read before, so no last known status is served instead of the errors.
    const unread = stack.signIn()
    const asUnread = { cookie: unread.cookie }
    control.injectFault({ route: 'customer', kind: '500' })
    await stack.request(`/customers/${unread.customer.id}`, asUnread)
    control.injectFault({ route: 'customer', kind: 'html502' })
    await stack.request(`/customers/${unread.customer.id}`, asUnread)
    control.injectFault({ route: 'customer', kind: '429' })
    await stack.request(`/customers/${unread.customer.id}`, asUnread)
    const form = new FormData()
    form.set('type', 'ccmei')
    form.set('file', new Blob(['not a pdf']), 'notes.txt')
    await stack.request(`/customers/${customer.id}/documents`, {
      method: 'POST',
      body: form,
      cookie,
    })
    await stack.request(`/customers/${customer.id}/documents`, {
      method: 'POST',
      body: form,
      cookie,
      headers: { authorization: 'Bearer from-the-browser' },
    })
    control.expireTokens()
    await stack.request(`/customers/${customer.id}/documents`, {
      method: 'POST',
      body: form,
      cookie,
    })
    await stack.request(`/customers/cust_${'1'.repeat(32)}`, { cookie })
    await stack.request(`/customers/${customer.id}`)

    expect(stack.seen.map((text) => Number(text.slice(0, 3)))).toEqual([
      200, 200, 502, 502, 429, 422, 422, 503, 404, 401,
    ])
    expect(stack.tokens).toHaveLength(2)
    const basic = Buffer.from(`proxy-tests:${CLIENT_SECRET}`).toString('base64')
    const forbidden = [CLIENT_SECRET, basic, ...stack.tokens]
    const everything = [...stack.seen, ...stack.lines].join('\n')
    expect(stack.seen).toHaveLength(10)
    expect(stack.lines).toHaveLength(10)
    for (const value of forbidden) expect(everything).not.toContain(value)
    // And the browser's own Authorization header was not passed on.
    expect(JSON.stringify(stack.calls.map((call) => call.headers))).not.toContain(
      'from-the-browser',
    )
  })

  it('a wrong client secret: 502 provider_auth_failed, not a 401 the widget would take as its own', async () => {
    await stack.close()
    stack = await startStack({ proxy: { clientSecret: 'wrong-secret-value' } })
    const { customer, cookie } = stack.signIn()
    const response = await stack.request(`/customers/${customer.id}`, { cookie })
    expect(response.status).toBe(502)
    expect(await problemOf(response)).toMatchObject({ code: 'provider_auth_failed' })
    expect(stack.seen.join('\n')).not.toContain('wrong-secret-value')
  })
})

it('logs one line per request: method, path with ids, status, duration', async () => {
  const { customer, cookie } = stack.signIn()
  await stack.request(`/customers/${customer.id}`, { cookie })
  await stack.request(`/customers/${customer.id}`)
  expect(stack.lines).toEqual([
    expect.stringMatching(
      new RegExp(`^kyc-proxy GET /api/kyc/customers/${customer.id} 200 \\d+ms$`),
    ),
    expect.stringMatching(
      new RegExp(`^kyc-proxy GET /api/kyc/customers/${customer.id} 401 \\d+ms unauthenticated$`),
    ),
  ])
})
