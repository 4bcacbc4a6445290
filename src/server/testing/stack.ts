// Test stack: the real sandbox and the proxy, each on an ephemeral port, with a cookie session.
import type { Customer } from '../../api/types.ts'
import { startSandboxServer, type SandboxOptions, type SandboxServer } from '../../sandbox/index.ts'
import { createKycProxy, type KycProxyOptions } from '../index.ts'
import type { FetchFunction, StreamingRequestInit } from '../provider.ts'
import { type RunningServer, serveHandler } from './http.ts'

export const CLIENT_ID = 'proxy-tests'
export const CLIENT_SECRET = 'proxy-tests-secret-7f3a9c'
export const PREFIX = '/api/kyc'

/** One call the proxy made to the provider, as it left the proxy. */
export interface OutgoingCall {
  method: string
  url: string
  headers: Record<string, string>
  /** Bytes of a streamed body that left the proxy (counted as the provider pulled them). */
  bodyBytes: () => number
  status?: number
}

export interface Stack {
  sandbox: SandboxServer
  proxy: RunningServer
  /** `http://127.0.0.1:PORT/api/kyc` */
  api: string
  /** A signed-in user: the cookie for a fresh customer of the scenario. */
  signIn(scenario?: 'company' | 'person-cnh' | 'mixed' | 'rejected' | 'approved'): {
    customer: Customer
    cookie: string
  }
  /** Another session (another tab, device or user) allowed the same customer. */
  cookieFor(customerId: string): string
  /** Every call the proxy made to the provider. */
  calls: OutgoingCall[]
  /** Access tokens the provider issued to the proxy. */
  tokens: string[]
  /** The proxy's log lines. */
  lines: string[]
  /** Every response text (status line, headers and body) the browser side received via `get`/`send`. */
  seen: string[]
  /**
   * `fetch` against the proxy that records what came back for leak checks. A POST gets a fresh
   * `Idempotency-Key`, as the widget always sends one, unless the caller names its own.
   */
  request(path: string, init?: StreamingRequestInit & { cookie?: string }): Promise<Response>
  close(): Promise<void>
}

function countBytes(body: ReadableStream<Uint8Array>, onBytes: (n: number) => void) {
  const reader = body.getReader()
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read()
        if (done) return controller.close()
        onBytes(value.byteLength)
        controller.enqueue(value)
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  )
}

/** A webhook secret for tests: `whsec_` + base64 of 24 bytes. */
export const WEBHOOK_SECRET = `whsec_${Buffer.from('proxy-tests-webhook-key!').toString('base64')}`

export async function startStack(
  options: {
    sandbox?: SandboxOptions
    proxy?: Partial<KycProxyOptions>
    /** The sandbox sends its webhooks to the proxy's `/webhooks`, signed with `WEBHOOK_SECRET`. */
    webhooks?: boolean
  } = {},
): Promise<Stack> {
  // The proxy listens first, so the sandbox can be told where to send its webhooks.
  let handler: (request: Request) => Promise<Response> = async () =>
    new Response(null, { status: 503 })
  const proxy = await serveHandler((request) => handler(request))
  const sandbox = await startSandboxServer({
    port: 0,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    reviewDelayMs: 60_000,
    ...(options.webhooks
      ? {
          webhook: {
            url: `${proxy.url}${PREFIX}/webhooks`,
            secret: WEBHOOK_SECRET,
            retryDelaysMs: [100, 500],
          },
        }
      : {}),
    ...options.sandbox,
  })
  const calls: OutgoingCall[] = []
  const tokens: string[] = []
  const lines: string[] = []
  const seen: string[] = []
  const sessions = new Map<string, string>()

  // A spy at the boundary: the real fetch does the work; we note what left the proxy.
  const spyFetch: FetchFunction = async (url, init) => {
    let bytes = 0
    const call: OutgoingCall = {
      method: init.method ?? 'GET',
      url,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      bodyBytes: () => bytes,
    }
    calls.push(call)
    const body =
      init.body instanceof ReadableStream
        ? countBytes(init.body as ReadableStream<Uint8Array>, (n) => (bytes += n))
        : init.body
    const response = await fetch(url, { ...init, body })
    call.status = response.status
    if (url.endsWith('/auth/token') && response.ok) {
      const { access_token } = (await response.clone().json()) as { access_token: string }
      tokens.push(access_token)
    }
    return response
  }

  handler = createKycProxy({
    providerBaseUrl: sandbox.url,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    prefix: PREFIX,
    timeoutMs: 5000,
    uploadTimeoutMs: 5000,
    uploadRateLimit: false,
    // Without webhooks every read asks the provider, as the pass-through tests expect.
    ...(options.webhooks ? {} : { statusMaxAgeMs: 0 }),
    fetch: spyFetch,
    log: (line) => lines.push(line),
    // The host's session: an opaque cookie mapped to the customer its user may act on.
    authorize: (request) => {
      const sid = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1]
      return sid === undefined ? null : sessions.get(sid)
    },
    ...(options.webhooks ? { webhookSecret: WEBHOOK_SECRET } : {}),
    ...options.proxy,
  })
  const api = `${proxy.url}${PREFIX}`

  return {
    sandbox,
    proxy,
    api,
    calls,
    tokens,
    lines,
    seen,
    signIn(scenario = 'company') {
      const customer = sandbox.sandbox.control.createCustomer(scenario)
      const sid = crypto.randomUUID()
      sessions.set(sid, customer.id)
      return { customer, cookie: `sid=${sid}` }
    },
    cookieFor(customerId) {
      const sid = crypto.randomUUID()
      sessions.set(sid, customerId)
      return `sid=${sid}`
    },
    async request(path, init = {}) {
      const { cookie, ...rest } = init
      const headers = new Headers(rest.headers)
      if (cookie) headers.set('cookie', cookie)
      if (rest.method === 'POST' && !headers.has('idempotency-key')) {
        headers.set('idempotency-key', crypto.randomUUID())
      }
      const response = await fetch(`${api}${path}`, { ...rest, headers })
      const text = await response.clone().text()
      seen.push(
        `${response.status}\n${[...response.headers].map((h) => h.join(': ')).join('\n')}\n\n${text}`,
      )
      return response
    },
    async close() {
      await proxy.close()
      await sandbox.close()
    },
  }
}
