import type { SandboxServer } from './node-server.ts'
import { basic, checked, get, requestToken, startTestSandbox } from './testing/http.ts'

let server: SandboxServer
let clock: number

beforeEach(async () => {
  clock = Date.parse('2026-05-04T10:00:00Z')
  server = await startTestSandbox({ now: () => clock })
})
afterEach(() => server.close())

function tokenRequest(init: { authorization?: string; contentType?: string; body?: string }) {
  const headers: Record<string, string> = {}
  if (init.authorization) headers.authorization = init.authorization
  if (init.contentType) headers['content-type'] = init.contentType
  return fetch(`${server.url}/auth/token`, {
    method: 'POST',
    headers,
    body: init.body ?? '',
  }).then((response) => checked('POST', '/auth/token', response))
}

describe('POST /auth/token', () => {
  it('trades Basic client credentials for a one-hour bearer token', async () => {
    const response = await tokenRequest({
      authorization: basic(),
      contentType: 'application/x-www-form-urlencoded',
      body: 'grant_type=client_credentials',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toEqual({
      access_token: expect.stringMatching(/^\S{20,}$/),
      token_type: 'Bearer',
      expires_in: 3600,
    })
  })

  it('honours credentials configured for the sandbox', async () => {
    await server.close()
    server = await startTestSandbox({ clientId: 'acme', clientSecret: 's3cr3t:with:colons' })
    const form = {
      contentType: 'application/x-www-form-urlencoded',
      body: 'grant_type=client_credentials',
    }
    expect(
      (await tokenRequest({ ...form, authorization: basic('acme', 's3cr3t:with:colons') })).status,
    ).toBe(200)
    expect((await tokenRequest({ ...form, authorization: basic() })).status).toBe(401)
  })

  it.each([
    ['no credentials', undefined],
    ['a wrong secret', basic('sandbox', 'nope')],
    ['a wrong client id', basic('other', 'sandbox-secret')],
    ['a bearer token instead', 'Bearer abc'],
  ])('refuses %s with 401 invalid_client', async (_, authorization) => {
    const response = await tokenRequest({
      ...(authorization ? { authorization } : {}),
      contentType: 'application/x-www-form-urlencoded',
      body: 'grant_type=client_credentials',
    })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/)
    expect(await response.json()).toMatchObject({ status: 401, code: 'invalid_client' })
  })

  it('wants a form body: 400 invalid_content_type for JSON', async () => {
    const response = await tokenRequest({
      authorization: basic(),
      contentType: 'application/json',
      body: '{"grant_type":"client_credentials"}',
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 'invalid_content_type' })
  })

  it.each([
    ['missing', ''],
    ['another grant', 'grant_type=password&username=a&password=b'],
  ])('answers 400 malformed_body when grant_type is %s', async (_, body) => {
    const response = await tokenRequest({
      authorization: basic(),
      contentType: 'application/x-www-form-urlencoded',
      body,
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 'malformed_body', param: 'grant_type' })
  })
})

describe('bearer tokens on provider calls', () => {
  const customerPath = '/customers/cust_3c6af039bdb764af2e7870c712b19f56'

  async function withAuthorization(authorization?: string) {
    const response = await fetch(`${server.url}${customerPath}`, {
      headers: authorization ? { authorization } : {},
    })
    return checked('GET', customerPath, response)
  }

  it('lets a fresh token through', async () => {
    const token = await requestToken(server.url)
    expect((await get(server.url, customerPath, token)).status).toBe(200)
  })

  it.each([
    ['no Authorization header', undefined],
    ['an unknown token', 'Bearer sbx_at_00000000000000000000000000000000'],
    ['Basic credentials', basic()],
    ['an empty bearer', 'Bearer '],
  ])('answers 401 invalid_token for %s', async (_, authorization) => {
    const response = await withAuthorization(authorization)
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(await response.json()).toMatchObject({ status: 401, code: 'invalid_token' })
  })

  it('answers 401 token_expired once the hour is over, and a new token works', async () => {
    const token = await requestToken(server.url)
    clock += 3599_000
    expect((await get(server.url, customerPath, token)).status).toBe(200)
    clock += 1000
    const expired = await get(server.url, customerPath, token)
    expect(expired.status).toBe(401)
    expect(await expired.json()).toMatchObject({ code: 'token_expired' })
    const fresh = await requestToken(server.url)
    expect((await get(server.url, customerPath, fresh)).status).toBe(200)
  })

  it('expires every token on demand (control.expireTokens)', async () => {
    const token = await requestToken(server.url)
    server.sandbox.control.expireTokens()
    const response = await get(server.url, customerPath, token)
    expect(await response.json()).toMatchObject({ status: 401, code: 'token_expired' })
  })

  it('guards uploads too', async () => {
    const response = await fetch(`${server.url}${customerPath}/documents`, {
      method: 'POST',
      body: new FormData(),
    })
    await checked('POST', `${customerPath}/documents`, response)
    expect(response.status).toBe(401)
    expect(server.sandbox.control.documents()).toEqual([])
  })
})
