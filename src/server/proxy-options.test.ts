// Construction, hooks and mounting: what a host developer meets first.
import { Hono } from 'hono'
import { createKycProxy, type KycProxyOptions } from './index.ts'
import { type RunningServer, serveHandler } from './testing/http.ts'
import { CLIENT_ID, CLIENT_SECRET, type Stack, startStack } from './testing/stack.ts'

const base: KycProxyOptions = {
  providerBaseUrl: 'http://127.0.0.1:9/v3',
  clientId: 'id',
  clientSecret: 'secret',
  authorize: () => null,
}

describe('createKycProxy options', () => {
  it.each([
    ['no client secret', { clientSecret: '' }],
    ['no client id', { clientId: '' }],
    ['a relative provider URL', { providerBaseUrl: '/v3' }],
    ['a relative prefix', { prefix: 'api/kyc' }],
    ['a zero timeout', { timeoutMs: 0 }],
    ['a negative file limit', { maxFileSize: -1 }],
    ['an upload limit of zero', { uploadRateLimit: { limit: 0, windowMs: 60_000 } }],
    ['a read limit without a window', { sessionReadLimit: { limit: 120, windowMs: 0 } }],
  ])('refuses %s at start-up', (_name, override) => {
    expect(() => createKycProxy({ ...base, ...override })).toThrow()
  })

  it.each([
    ['uploadRateLimit', { uploadRateLimit: { limit: 20, windowMs: 60_000.5 } }],
    ['sessionReadLimit', { sessionReadLimit: { limit: 2.5, windowMs: 60_000 } }],
    ['handoff.issueLimit', { handoff: { pageUrl: '/p', issueLimit: { limit: 3, windowMs: 0.5 } } }],
    ['providerRateLimit', { providerRateLimit: 600.5 }],
    ['events.maxStreams', { events: { maxStreams: 10.5 } }],
  ])(
    'a fractional count or window (Redis needs whole numbers) is refused at start-up, naming %s',
    (name, override) => {
      expect(() => createKycProxy({ ...base, ...override })).toThrow(
        new RegExp(`createKycProxy: ${name.replace('.', '\\.')} `),
      )
    },
  )

  it('a failing authorize is a 500 problem whose log line names no error detail', async () => {
    const lines: string[] = []
    const proxy = createKycProxy({
      ...base,
      authorize: async () => {
        throw new Error('session store down at redis://user:pw@10.0.0.5')
      },
      log: (line) => lines.push(line),
    })
    const response = await proxy(new Request(`http://host/customers/cust_${'a'.repeat(32)}`))
    expect(response.status).toBe(500)
    expect(await response.json()).toMatchObject({ code: 'internal_error' })
    expect(lines).toEqual([expect.stringMatching(/ 500 \d+ms internal_error$/)])
    expect(lines.join()).not.toContain('redis')
  })

  it('a throwing logger does not fail the request', async () => {
    const proxy = createKycProxy({
      ...base,
      log: () => {
        throw new Error('disk full')
      },
    })
    const response = await proxy(new Request('http://host/nowhere'))
    expect(response.status).toBe(404)
  })
})

describe('mounting', () => {
  let stack: Stack
  let hono: RunningServer | undefined

  beforeEach(async () => {
    stack = await startStack()
  })
  afterEach(async () => {
    await hono?.close()
    await stack.close()
  })

  it('in a Hono app under /api/kyc, beside the app’s own routes', async () => {
    const { customer } = stack.signIn()
    const kyc = createKycProxy({
      providerBaseUrl: stack.sandbox.url,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      prefix: '/api/kyc',
      authorize: async (request) =>
        request.headers.get('cookie') === 'sid=alice' ? customer.id : null,
      log: () => {},
    })
    const app = new Hono()
    app.get('/health', (c) => c.text('ok'))
    app.all('/api/kyc/*', (c) => kyc(c.req.raw))
    hono = await serveHandler(async (request) => app.fetch(request))

    const read = await fetch(`${hono.url}/api/kyc/customers/${customer.id}`, {
      headers: { cookie: 'sid=alice' },
    })
    expect(read.status).toBe(200)
    expect(((await read.json()) as { id: string }).id).toBe(customer.id)
    expect((await fetch(`${hono.url}/health`)).status).toBe(200)
    expect((await fetch(`${hono.url}/api/kyc/customers/${customer.id}`)).status).toBe(401)
  })
})
