// The provider misbehaving, over real HTTP: unreachable, stalled, slow, gateway pages, errors.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createKycProxy, type KycProxyOptions } from './index.ts'
import {
  multipartPdf,
  postStream,
  type RunningServer,
  serveHandler,
  serveRaw,
  unusedUrl,
} from './testing/http.ts'

const CUSTOMER = 'cust_0123456789abcdef0123456789abcdef'
const servers: RunningServer[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

type ProviderRoute = (request: IncomingMessage, response: ServerResponse) => void

/** A provider that issues tokens and hands every other request to `route`. */
async function provider(route: ProviderRoute): Promise<RunningServer> {
  const running = await serveRaw((request, response) => {
    if (request.url === '/v3/auth/token') {
      request.resume()
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({ access_token: 'tok_faults', token_type: 'Bearer', expires_in: 3600 }),
      )
      return
    }
    route(request, response)
  })
  servers.push(running)
  return running
}

async function proxyFor(providerUrl: string, options: Partial<KycProxyOptions> = {}) {
  const lines: string[] = []
  const running = await serveHandler(
    createKycProxy({
      providerBaseUrl: `${providerUrl}/v3`,
      clientId: 'faults',
      clientSecret: 'faults-secret',
      authorize: () => CUSTOMER,
      timeoutMs: 600,
      uploadTimeoutMs: 600,
      log: (line) => lines.push(line),
      ...options,
    }),
  )
  servers.push(running)
  return { url: running.url, lines }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now()
  const value = await work()
  return { value, ms: performance.now() - started }
}

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  return (await response.json()) as Record<string, unknown>
}

describe('an unreachable or stalled provider', () => {
  it('unreachable: 502 provider_unreachable, well within the timeout', async () => {
    const proxy = await proxyFor(await unusedUrl(), { timeoutMs: 10_000 })
    const { value: response, ms } = await timed(() => fetch(`${proxy.url}/customers/${CUSTOMER}`))
    expect(response.status).toBe(502)
    expect(await problemOf(response)).toMatchObject({ status: 502, code: 'provider_unreachable' })
    expect(ms).toBeLessThan(5000)
    expect(proxy.lines).toEqual([expect.stringMatching(/ 502 \d+ms provider_unreachable$/)])
  })

  it('a token endpoint that never answers: 504 provider_timeout after timeoutMs', async () => {
    const stalled = await serveRaw(() => {})
    servers.push(stalled)
    const proxy = await proxyFor(stalled.url)
    const { value: response, ms } = await timed(() => fetch(`${proxy.url}/customers/${CUSTOMER}`))
    expect(await problemOf(response)).toMatchObject({ status: 504, code: 'provider_timeout' })
    expect(ms).toBeGreaterThanOrEqual(550)
    expect(ms).toBeLessThan(4000)
  })

  it('a customer read that stalls after the headers: 504, the body read is under the deadline too', async () => {
    const upstream = await provider((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{"id":')
    })
    const proxy = await proxyFor(upstream.url)
    const { value: response, ms } = await timed(() => fetch(`${proxy.url}/customers/${CUSTOMER}`))
    expect(await problemOf(response)).toMatchObject({ status: 504, code: 'provider_timeout' })
    expect(ms).toBeLessThan(4000)
  })

  it('an upload the provider stops reading: 504 after the idle timeout', async () => {
    const upstream = await provider(() => {}) // never reads, never answers
    const proxy = await proxyFor(upstream.url)
    const upload = multipartPdf({ type: 'selfie', fileSize: 4 * 1024 * 1024 })
    const { value: response, ms } = await timed(() =>
      postStream(`${proxy.url}/customers/${CUSTOMER}/documents`, upload),
    )
    expect(await problemOf(response)).toMatchObject({ status: 504, code: 'provider_timeout' })
    expect(ms).toBeLessThan(4500)
  })

  it('a slow upload that keeps moving is not cut off, however long it takes in total', async () => {
    let received = 0
    const upstream = await provider((request, response) => {
      request.on('data', (chunk: Buffer) => (received += chunk.length))
      request.on('end', () => {
        response.writeHead(201, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ id: 'doc_1', type: 'selfie', status: 'submitted' }))
      })
    })
    const proxy = await proxyFor(upstream.url, { uploadTimeoutMs: 800 })
    const upload = multipartPdf({ type: 'selfie', fileSize: 64 * 1024 })
    const reader = upload.body.getReader()
    // Each piece arrives 250 ms after the last: 1.5 s or more in all, never 800 ms idle (room for a busy machine).
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 250))
        const { done, value } = await reader.read()
        if (done) controller.close()
        else controller.enqueue(value)
      },
    })
    const { value: response, ms } = await timed(() =>
      postStream(`${proxy.url}/customers/${CUSTOMER}/documents`, { ...upload, body: slow }),
    )
    expect(response.status).toBe(201)
    expect(ms).toBeGreaterThan(1000)
    // Every byte, re-framed under the proxy's boundary (`kyc-` + 32 hex, three delimiter lines).
    const boundary = upload.contentType.split('boundary=')[1] ?? ''
    expect(received).toBe(upload.length + 3 * (36 - boundary.length))
  })

  it('the browser going away mid-upload aborts the upstream request', async () => {
    let reportClosed: (incomplete: boolean) => void = () => {}
    const upstreamClosed = new Promise<boolean>((resolve) => (reportClosed = resolve))
    const upstream = await provider((request) => {
      request.resume()
      request.on('close', () => reportClosed(!request.complete))
    })
    const proxy = await proxyFor(upstream.url, { uploadTimeoutMs: 10_000 })
    const abort = new AbortController()
    const upload = multipartPdf({ type: 'selfie', fileSize: 8 * 1024 * 1024 })
    let sent = 0
    const reader = upload.body.getReader()
    const throttled = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read()
        if (done) return controller.close()
        sent += value.length
        if (sent > 1024 * 1024) abort.abort()
        await new Promise((resolve) => setTimeout(resolve, 5))
        controller.enqueue(value)
      },
    })
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { 'content-type': upload.contentType, 'idempotency-key': crypto.randomUUID() },
      body: throttled,
      duplex: 'half',
      signal: abort.signal,
    }
    await expect(fetch(`${proxy.url}/customers/${CUSTOMER}/documents`, init)).rejects.toThrow()
    expect(await upstreamClosed).toBe(true) // closed before the whole body had arrived
  })

  it('the browser going away after its whole body was sent, while the provider is slow to answer, aborts the upstream request', async () => {
    let bodyDone: () => void = () => {}
    const bodyArrived = new Promise<void>((resolve) => (bodyDone = resolve))
    let reportClosed: (answered: boolean) => void = () => {}
    const upstreamClosed = new Promise<boolean>((resolve) => (reportClosed = resolve))
    const upstream = await provider((request, response) => {
      request.resume()
      request.on('end', bodyDone)
      // A slow provider: it holds the answer; a proxy that left closes the connection first.
      response.on('close', () => reportClosed(response.writableFinished))
    })
    const proxy = await proxyFor(upstream.url, { uploadTimeoutMs: 10_000 })
    const abort = new AbortController()
    const upload = multipartPdf({ type: 'selfie', fileSize: 64 * 1024 })
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { 'content-type': upload.contentType, 'idempotency-key': crypto.randomUUID() },
      body: upload.body,
      duplex: 'half',
      signal: abort.signal,
    }
    const answer = fetch(`${proxy.url}/customers/${CUSTOMER}/documents`, init)
    await bodyArrived
    abort.abort()
    await expect(answer).rejects.toThrow()
    expect(await upstreamClosed).toBe(false) // the proxy hung up before the provider answered
  })
})

describe('provider errors', () => {
  it('a provider that refuses every token: one refresh, then 502 provider_auth_failed, no loop', async () => {
    let tokenRequests = 0
    let customerCalls = 0
    const upstream = await serveRaw((request, response) => {
      request.resume()
      if (request.url === '/v3/auth/token') {
        tokenRequests += 1
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ access_token: `tok_${tokenRequests}`, expires_in: 3600 }))
        return
      }
      customerCalls += 1
      response.writeHead(401, { 'content-type': 'application/problem+json' })
      response.end(
        JSON.stringify({
          title: 'Unauthorized',
          status: 401,
          detail: 'Expired.',
          code: 'token_expired',
        }),
      )
    })
    servers.push(upstream)
    const proxy = await proxyFor(upstream.url)
    const response = await fetch(`${proxy.url}/customers/${CUSTOMER}`)
    expect(await problemOf(response)).toMatchObject({ status: 502, code: 'provider_auth_failed' })
    expect({ tokenRequests, customerCalls }).toEqual({ tokenRequests: 2, customerCalls: 2 })
  })

  it('pass through as problem+json with rate-limit, retry and replay headers, and nothing else', async () => {
    const upstream = await provider((request, response) => {
      request.resume()
      response.writeHead(429, {
        'content-type': 'application/problem+json',
        'retry-after': '7',
        'x-ratelimit-limit': '600',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '1900000000',
        'set-cookie': 'provider_session=abc',
        'x-internal-trace': 'trace-123',
      })
      response.end(
        JSON.stringify({
          type: 'https://provider.example/errors/rate-limit',
          title: 'Too Many Requests',
          status: 429,
          detail: 'Slow down.',
          code: 'rate_limit_exceeded',
          internal_debug: { client_id: 'faults' },
        }),
      )
    })
    const proxy = await proxyFor(upstream.url)
    const response = await fetch(`${proxy.url}/customers/${CUSTOMER}`)
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('7')
    expect(response.headers.get('x-ratelimit-limit')).toBe('600')
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(response.headers.get('x-ratelimit-reset')).toBe('1900000000')
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(response.headers.get('x-internal-trace')).toBeNull()
    // The provider's own type URI and words stay on the server (issue #13, 5).
    expect(await problemOf(response)).toEqual({
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Too many requests; wait and try again.',
      code: 'rate_limit_exceeded',
    })
  })

  it('an HTML 502 page from a gateway becomes a 502 problem+json', async () => {
    const upstream = await provider((request, response) => {
      request.resume()
      response.writeHead(502, { 'content-type': 'text/html' })
      response.end('<html><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>')
    })
    const proxy = await proxyFor(upstream.url)
    const response = await fetch(`${proxy.url}/customers/${CUSTOMER}`)
    const body = await problemOf(response)
    expect(body).toMatchObject({ status: 502, code: 'provider_error' })
    expect(JSON.stringify(body)).not.toContain('<')
  })

  it('an endless customer answer: 502, cut off past 1 MiB instead of read whole', async () => {
    let sent = 0
    const upstream = await provider((request, response) => {
      request.resume()
      response.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const pump = () => {
        while (!response.destroyed && sent < 64 * 1024 * 1024) {
          sent += chunk.length
          if (!response.write(chunk)) return void response.once('drain', pump)
        }
        response.end()
      }
      pump()
    })
    const proxy = await proxyFor(upstream.url)
    const response = await fetch(`${proxy.url}/customers/${CUSTOMER}`)
    expect(await problemOf(response)).toMatchObject({
      status: 502,
      code: 'invalid_provider_response',
    })
    expect(sent).toBeLessThan(16 * 1024 * 1024)
  })

  it('a customer answer declaring more than 1 MiB is refused before its body is read', async () => {
    const upstream = await provider((request, response) => {
      request.resume()
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(2 * 1024 * 1024),
      })
      response.write('{')
    })
    const proxy = await proxyFor(upstream.url)
    // Read on, the body would stall into the 600 ms timeout: 504 provider_timeout instead.
    const response = await fetch(`${proxy.url}/customers/${CUSTOMER}`)
    expect(await problemOf(response)).toMatchObject({ code: 'invalid_provider_response' })
  })

  it('a provider 404 is the proxy’s own 404, byte for byte', async () => {
    const upstream = await provider((request, response) => {
      request.resume()
      response.writeHead(404, { 'content-type': 'application/problem+json' })
      response.end(
        JSON.stringify({
          title: 'Not found',
          status: 404,
          detail: `No customer ${CUSTOMER}`,
          code: 'customer_not_found',
        }),
      )
    })
    const proxy = await proxyFor(upstream.url)
    const fromProvider = await fetch(`${proxy.url}/customers/${CUSTOMER}`)
    const other = await fetch(`${proxy.url}/customers/cust_${'f'.repeat(32)}`)
    expect(fromProvider.status).toBe(404)
    expect(await fromProvider.text()).toBe(await other.text())
  })
})
