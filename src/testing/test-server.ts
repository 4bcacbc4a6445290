import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Customer } from '../api/types.ts'
import { startSandboxServer, type SandboxOptions, type SandboxServer } from '../sandbox/index.ts'
import type { SandboxControl } from '../sandbox/control.ts'
import type { ScenarioId } from '../sandbox/scenarios.ts'
import { createKycProxy, type KycProxyOptions } from '../server/index.ts'
import { toNodeListener } from '../server/node.ts'
import { inVitestJsdom, setUpJsdom } from './jsdom.ts'

export interface KycTestServerOptions {
  /** Where the proxy is mounted, as in your app. Default: `/api/kyc`. */
  prefix?: string | undefined
  /**
   * Reviews decide themselves this long after an upload, as the provider's do (approved, or
   * rejected when the file name contains "reject"). Default: `null`, never: a test decides with
   * `review()`, at once.
   */
  reviewDelayMs?: number | null | undefined
  /**
   * The proxy's `authorize`. Default: a request may act on the customer its path names (a test
   * has no session to check).
   */
  authorize?: KycProxyOptions['authorize'] | undefined
  /** More options for the proxy (`handoff`, `events`…), over the kit's own. */
  proxy?: Partial<KycProxyOptions> | undefined
  /** More options for the sandbox (`maxFileSize`, `rateLimit`…), over the kit's own. */
  sandbox?: SandboxOptions | undefined
  /**
   * In vitest's jsdom environment, put the page on the kit's origin and give it what jsdom lacks
   * (`EventSource`, `Blob#arrayBuffer`) until `close()`. Default: `true` there (nothing elsewhere).
   */
  jsdom?: boolean | undefined
  /** Receives the proxy's and the sandbox's log lines. Default: none. */
  log?: ((line: string) => void) | undefined
}

export interface KycTestServer {
  /** The proxy's origin, `http://127.0.0.1:<port>`. */
  origin: string
  /** The widget's `baseUrl` here: `origin` + prefix, e.g. `http://127.0.0.1:<port>/api/kyc`. */
  baseUrl: string
  /** The sandbox's own base URL (the provider the proxy calls), for `curl`-style checks. */
  providerUrl: string
  /** The sandbox's control: `createCustomer`, `forceNextReview`, `injectFault`, `documents`… */
  control: SandboxControl
  /** A fresh customer of a scenario (default `company`: ccmei, identity card front and back, selfie). */
  createCustomer(scenario?: ScenarioId | undefined): Customer
  /**
   * `review(customerId, type, 'approved' | 'rejected', message?)` decides that document's review
   * now and resolves once the proxy has it: a widget following the customer shows it at once.
   */
  review: SandboxControl['review']
  /**
   * The kit's URL for a request your page made to its own backend under the prefix, for
   * Playwright: `page.route('**\/api/kyc/**', (route) => route.continue({ url: kyc.route(route.request().url()) }))`.
   */
  route(url: string): string
  /** Stops both servers, closing open event streams, and undoes the jsdom set-up. */
  close(): Promise<void>
}

/** Reviews "never" decide by themselves: the longest delay a timer takes (about 24 days). */
const NEVER_MS = 2 ** 31 - 1

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/**
 * A test page may live on another origin (jsdom's `http://localhost:3000`, a dev server): the
 * kit answers CORS for it and lets it upload, as a host would for its own front end. It listens
 * on 127.0.0.1 only.
 */
function withCors(handler: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const origin = request.headers.get('origin')
    const own = new URL(request.url).origin
    // A preflight (jsdom's carries no Origin), or a request from another origin.
    const preflight =
      request.method === 'OPTIONS' && request.headers.has('access-control-request-method')
    if (!preflight && (origin === null || origin === own)) return handler(request)
    const allowed = {
      'access-control-allow-origin': origin ?? '*',
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers':
        'retry-after, idempotent-replayed, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset',
      vary: 'Origin',
    }
    if (preflight) {
      return new Response(null, {
        status: 204,
        headers: {
          ...allowed,
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers':
            request.headers.get('access-control-request-headers') ?? '',
          'access-control-max-age': '600',
        },
      })
    }
    // Seen by the proxy as a page of its own origin, which its upload check lets through (a
    // request Playwright routed here from the page's origin says `Sec-Fetch-Site: same-site`).
    const headers = new Headers(request.headers)
    headers.set('origin', own)
    if (headers.has('sec-fetch-site')) headers.set('sec-fetch-site', 'same-origin')
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
    const forwarded = new Request(request.url, {
      method: request.method,
      headers,
      body: hasBody ? request.body : null,
      signal: request.signal,
      duplex: 'half',
    } as RequestInit)
    const response = await handler(forwarded)
    const answered = new Headers(response.headers)
    for (const [name, value] of Object.entries(allowed)) answered.set(name, value)
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: answered,
    })
  }
}

/**
 * Starts the provider sandbox and the proxy in this process, each on a free port of 127.0.0.1,
 * wired as a host's backend is: the proxy reads and uploads through the sandbox, the sandbox's
 * signed webhooks reach the proxy, so reviews are pushed to the widget's event stream, and the
 * proxy keeps no status cache a test would wait out. Reviews wait for `review()`.
 *
 * In vitest's jsdom environment it also puts the page on its origin, so the widget's relative
 * `baseUrl` (`/api/kyc`) reaches it, and gives jsdom the `EventSource` and `Blob#arrayBuffer` the
 * widget uses (`jsdom: false` leaves the page alone; pass `baseUrl={kyc.baseUrl}` then).
 */
export async function startKycTestServer(
  options: KycTestServerOptions = {},
): Promise<KycTestServer> {
  const prefix = options.prefix ?? '/api/kyc'
  const log = options.log ?? (() => {})
  const clientId = 'kyc-test-kit'
  const clientSecret = randomBytes(24).toString('hex')
  const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`

  // The proxy listens first, so the sandbox can be told where to send its webhooks.
  let handler: (request: Request) => Promise<Response> = async () =>
    new Response(null, { status: 503 })
  const proxyServer = createServer(toNodeListener((request) => handler(request)))
  const origin = await listen(proxyServer)
  let sandbox: SandboxServer
  try {
    sandbox = await startSandboxServer({
      port: 0,
      clientId,
      clientSecret,
      reviewDelayMs: options.reviewDelayMs ?? NEVER_MS,
      rateLimit: { limit: 1_000_000, windowMs: 60_000 },
      webhook: {
        url: `${origin}${prefix}/webhooks`,
        secret: webhookSecret,
        retryDelaysMs: [100, 500, 1000],
      },
      log,
      ...options.sandbox,
    })
  } catch (error) {
    proxyServer.close()
    throw error
  }

  const customerInPath = new RegExp(
    `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/customers/([^/]+)`,
  )
  const proxy = createKycProxy({
    providerBaseUrl: sandbox.url,
    clientId,
    clientSecret,
    prefix,
    webhookSecret,
    // Every read asks the sandbox (in this process: a millisecond), so nothing a test changes
    // through `control` waits out a cache.
    statusMaxAgeMs: 0,
    providerRateLimit: 1_000_000,
    uploadRateLimit: false,
    sessionReadLimit: false,
    authorize:
      options.authorize ??
      ((request) => {
        const id = customerInPath.exec(new URL(request.url).pathname)?.[1]
        return id === undefined ? undefined : decodeURIComponent(id)
      }),
    log,
    ...options.proxy,
  })
  handler = withCors(proxy)

  const undoJsdom = (options.jsdom ?? true) && inVitestJsdom() ? setUpJsdom(origin) : () => {}
  const control = sandbox.sandbox.control
  const baseUrl = `${origin}${prefix}`

  return {
    origin,
    baseUrl,
    providerUrl: sandbox.url,
    control,
    createCustomer: (scenario = 'company') => control.createCustomer(scenario),
    review: (customerId, type, outcome, message) =>
      control.review(customerId, type, outcome, message),
    route(url) {
      const { pathname, search } = new URL(url)
      return `${origin}${pathname}${search}`
    },
    async close() {
      undoJsdom()
      proxyServer.closeAllConnections()
      await new Promise<void>((resolve) => proxyServer.close(() => resolve()))
      await sandbox.close()
    },
  }
}
