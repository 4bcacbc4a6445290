import type { SandboxServer } from './node-server.ts'
import { pdfBytes } from '../core/testing/files.ts'
import { control, get, requestToken, startTestSandbox, upload } from './testing/http.ts'

let server: SandboxServer
let clock: number

beforeEach(async () => {
  clock = Date.parse('2026-05-04T10:00:00Z')
  server = await startTestSandbox({ rateLimit: { limit: 5, windowMs: 60_000 }, now: () => clock })
})
afterEach(() => server.close())

function rateHeaders(response: Response) {
  return {
    limit: response.headers.get('x-ratelimit-limit'),
    remaining: response.headers.get('x-ratelimit-remaining'),
    reset: response.headers.get('x-ratelimit-reset'),
  }
}

describe('rate limits', () => {
  it('counts down X-RateLimit-Remaining and answers 429 with Retry-After past the limit', async () => {
    const token = await requestToken(server.url) // 1 of 5
    const resetAt = String(Math.ceil((clock + 60_000) / 1000))
    const seen = []
    for (let index = 0; index < 4; index += 1) {
      const response = await get(server.url, '/customers', token)
      expect(response.status).toBe(200)
      seen.push(rateHeaders(response))
    }
    expect(seen).toEqual(
      [3, 2, 1, 0].map((left) => ({ limit: '5', remaining: String(left), reset: resetAt })),
    )

    clock += 20_000
    const limited = await get(server.url, '/customers', token)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('40')
    expect(rateHeaders(limited)).toEqual({ limit: '5', remaining: '0', reset: resetAt })
    expect(await limited.json()).toMatchObject({ status: 429, code: 'rate_limit_exceeded' })

    const customer = server.sandbox.control.createCustomer('company')
    const refused = await upload(server.url, customer.id, {
      token,
      type: 'ccmei',
      file: pdfBytes(),
    })
    expect(refused.status).toBe(429)
    expect(server.sandbox.control.documents(customer.id)).toEqual([])

    clock += 40_000
    const again = await get(server.url, '/customers', token)
    expect(again.status).toBe(200)
    expect(again.headers.get('x-ratelimit-remaining')).toBe('4')
  })

  it('puts the headers on errors and unknown paths too', async () => {
    const token = await requestToken(server.url)
    const notFound = await get(
      server.url,
      '/customers/cust_00000000000000000000000000000000',
      token,
    )
    expect(notFound.status).toBe(404)
    expect(rateHeaders(notFound).limit).toBe('5')
    const unauthorized = await get(server.url, '/customers', 'nope')
    expect(unauthorized.status).toBe(401)
    expect(rateHeaders(unauthorized).remaining).not.toBeNull()
    const nowhere = await fetch(`${server.url}/nowhere`)
    expect(nowhere.status).toBe(404)
    expect(await nowhere.json()).toMatchObject({ code: 'not_found' })
    expect(rateHeaders(nowhere).reset).toMatch(/^\d+$/)
  })

  it('does not count control calls, so tests and the demo cannot exhaust it', async () => {
    const token = await requestToken(server.url)
    for (let index = 0; index < 10; index += 1) {
      expect((await control(server.url, token, 'GET', '/settings')).status).toBe(200)
    }
    const response = await get(server.url, '/customers', token)
    expect(response.headers.get('x-ratelimit-remaining')).toBe('3')
  })
})
