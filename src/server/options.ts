// The proxy's options: what a host may pass, their defaults, and their resolution into what the
// routes share, each checked once at start-up with a message that names it.
import { DEFAULT_MAX_FILE_SIZE } from '../core/limits.ts'
import type { ProxyContext } from './context.ts'
import { createEventStreams, type EventStreams } from './customer-events.ts'
import { createHandoff, type Handoff, type HandoffOptions } from './handoff/handoff.ts'
import { type FetchFunction, requestClientCredentialsToken } from './provider.ts'
import { type ProxyRateLimitOptions, rateLimitFrom } from './rate-limit.ts'
import { normalizePrefix } from './routes.ts'
import { trustedOriginSet } from './same-origin.ts'
import { createSharedTokenCache } from './shared-token-cache.ts'
import { tokenSeal } from './token-seal.ts'
import { MULTIPART_OVERHEAD_BYTES } from './size-limit.ts'
import { ProviderBudget } from './status/provider-budget.ts'
import type { StatusCache } from './status/status-cache.ts'
import type { KycStore } from './store/types.ts'
import { statusCacheFrom } from './proxy-store.ts'
import { createWebhookIntake, type WebhookIntake } from './webhooks.ts'

/** What `authorize` may answer: the customer id the signed-in user may act on, or nothing. */
export type AuthorizeResult = string | null | undefined

export interface KycProxyOptions {
  /** The provider's API root, e.g. `https://api.provider.example/v3` (no trailing slash needed). */
  providerBaseUrl: string
  /** OAuth2 client id. Server side only. */
  clientId: string
  /** OAuth2 client secret. Server side only: it never reaches a response or a log line. */
  clientSecret: string
  /**
   * Returns the customer id the signed-in user may act on, or `null`/`undefined` when there is no
   * session (401). Any other customer id gets the same 404 as an unknown one. Read the session
   * from headers or cookies; do not read the request body. May be async.
   */
  authorize: (request: Request) => AuthorizeResult | Promise<AuthorizeResult>
  /** Path the proxy is mounted under, e.g. `/api/kyc`. Default: `''`. */
  prefix?: string | undefined
  /** Largest file accepted, in bytes; keep it equal to the provider's. Default: 10 MiB. */
  maxFileSize?: number | undefined
  /** Deadline for the token request and for reading a customer, in ms. Default: 10 000. */
  timeoutMs?: number | undefined
  /** Idle timeout for an upload: the longest pause in progress tolerated, in ms. Default: 30 000. */
  uploadTimeoutMs?: number | undefined
  /**
   * Total time an upload may take, in ms, however steadily its bytes arrive: past it the upload
   * is cut off with 408 `timeout`. Default: 240 000 (10 MiB at 350 kbit/s, a weak 3G link).
   */
  uploadDeadlineMs?: number | undefined
  /**
   * Origins besides the proxy's own whose pages may upload, e.g. `['https://app.example.com']`
   * when the page and the proxy live on different origins (the host then answers the CORS
   * preflight itself). Uploads from any other origin, including a sibling origin of the same
   * site, get 403 `cross_origin_request`. Default: none.
   */
  trustedOrigins?: readonly string[] | undefined
  /**
   * Per-customer upload limit, counted in the store (so across instances), or `false` for none.
   * Default: 20 uploads per minute.
   */
  uploadRateLimit?: ProxyRateLimitOptions | false | undefined
  /**
   * Where shared state lives: the status cache, locks, budget, limits, seen webhook ids and
   * pub/sub. Default: this process's memory (one instance, no setup). For several instances,
   * `createRedisStore({ url })` from `kyc-uploader/server/redis`.
   */
  store?: KycStore | Promise<KycStore> | undefined
  /**
   * The Standard Webhooks secret (`whsec_…`) the provider signs `customer.kyc_updated` with.
   * With it the proxy serves `POST {prefix}/webhooks` (point the provider there) and keeps
   * statuses until an event changes them; without it that route does not exist. A malformed
   * secret throws here.
   */
  webhookSecret?: string | undefined
  /**
   * How long a known status is served without asking the provider, in ms. Default: 300 000 with
   * `webhookSecret` (events keep it current), 5 000 without. `0` asks every time (still one call
   * for all concurrent readers).
   */
  statusMaxAgeMs?: number | undefined
  /**
   * The same while the store is degraded (Redis unreachable or not answering: this instance
   * hears no other instance's webhooks): what it read itself is served this long at most, with
   * `Age` and `X-Kyc-Stale: true`, and its open streams re-read their customer this often.
   * Default: 5 000 (never more than `statusMaxAgeMs`).
   */
  degradedStatusMaxAgeMs?: number | undefined
  /**
   * Server-Sent Events at `GET {prefix}/customers/{id}/events`: a heartbeat this often, at most
   * this many streams per session (the host's, and each phone's, per instance), and at most
   * `maxStreams` on this instance (past it 503 with `Retry-After`; the widget polls instead).
   * Default: 15 000 ms, 6 streams per session, 5 000 per instance.
   */
  events?:
    | {
        heartbeatMs?: number | undefined
        maxStreamsPerSession?: number | undefined
        maxStreams?: number | undefined
      }
    | undefined
  /**
   * The provider's rate limit per minute, until its `X-RateLimit-Limit` says otherwise. The proxy
   * spends 75 % of it a minute across all instances (a bucket of a sixth of that, refilled every
   * 10 s: never more than 87.5 % in any minute), shared fairly between customers: under
   * contention a customer's first read or upload goes before another's tenth, and reads never
   * spend the last tenth, kept for first uploads. Default: 600.
   */
  providerRateLimit?: number | undefined
  /**
   * Reads and stream openings per session (the host's session, and each phone's, counted apart),
   * across instances; past it 429 with `Retry-After`. Default: 120 a minute (a widget polls at
   * most 30 a minute).
   */
  sessionReadLimit?: ProxyRateLimitOptions | false | undefined
  /**
   * Continue on the phone: serves `POST {prefix}/customers/{id}/handoff` (a single-use link and
   * its code, authorised like an upload; it ends the previous link), its state and its end
   * (`GET`/`DELETE {prefix}/customers/{id}/handoff/{handoffId}`), the link's page
   * `GET {prefix}/handoff/{token}` (spends nothing), its confirmation `POST` (sets an HttpOnly
   * session cookie for that customer, path-scoped to the prefix, then redirects to `pageUrl`)
   * and `GET {prefix}/handoff` (that session's customer). Where there is no host session, a
   * request carrying a valid hand-off cookie is allowed that customer, and may only read it,
   * upload to it and follow its events; the host's session always wins. Default: off (those
   * routes answer 404).
   */
  handoff?: HandoffOptions | undefined
  /** The `fetch` used to reach the provider. Default: `globalThis.fetch`. */
  fetch?: FetchFunction | undefined
  /** Receives one line per request. Default: `console.log`. */
  log?: ((line: string) => void) | undefined
}

export type KycProxyHandler = (request: Request) => Promise<Response>

export const DEFAULT_PROXY_TIMEOUT_MS = 10_000
export const DEFAULT_UPLOAD_IDLE_TIMEOUT_MS = 30_000
export const DEFAULT_UPLOAD_DEADLINE_MS = 240_000
export const DEFAULT_STATUS_MAX_AGE_MS = { withWebhooks: 300_000, withoutWebhooks: 5_000 }
export const DEFAULT_DEGRADED_STATUS_MAX_AGE_MS = 5_000
export const DEFAULT_UPLOAD_RATE_LIMIT: ProxyRateLimitOptions = { limit: 20, windowMs: 60_000 }
export const DEFAULT_SESSION_READ_LIMIT: ProxyRateLimitOptions = { limit: 120, windowMs: 60_000 }

export function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`createKycProxy: ${name} is required`)
  }
  return value
}

export function positive(
  value: number | undefined,
  fallback: number,
  name: string,
  whole = false,
): number {
  if (value === undefined) return fallback
  if (!(value > 0) || !Number.isFinite(value) || (whole && !Number.isInteger(value))) {
    throw new TypeError(`createKycProxy: ${name} must be a positive ${whole ? 'whole ' : ''}number`)
  }
  return value
}

function contextFrom(options: KycProxyOptions, status: StatusCache): ProxyContext {
  const baseUrl = new URL(requireText(options.providerBaseUrl, 'providerBaseUrl')).href.replace(
    /\/+$/,
    '',
  )
  const clientId = requireText(options.clientId, 'clientId')
  const clientSecret = requireText(options.clientSecret, 'clientSecret')
  const innerFetch: FetchFunction =
    options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const budget = new ProviderBudget({
    store: status.store,
    limitPerMinute: positive(options.providerRateLimit, 600, 'providerRateLimit', true),
    share: 0.75,
  })
  // Every provider answer tells the budget the provider's current limit.
  const fetchFn: FetchFunction = async (input, init) => {
    const response = await innerFetch(input, init)
    budget.learn(response.headers)
    return response
  }
  const timeoutMs = positive(options.timeoutMs, DEFAULT_PROXY_TIMEOUT_MS, 'timeoutMs')
  return {
    baseUrl,
    fetch: fetchFn,
    tokens: createSharedTokenCache(
      status.store,
      async () => {
        await budget.spend('upload')
        return requestClientCredentialsToken({
          fetch: fetchFn,
          baseUrl,
          clientId,
          clientSecret,
          timeoutMs,
        })
      },
      timeoutMs,
      tokenSeal(clientId, clientSecret),
    ),
    timeoutMs,
    uploadIdleTimeoutMs: positive(
      options.uploadTimeoutMs,
      DEFAULT_UPLOAD_IDLE_TIMEOUT_MS,
      'uploadTimeoutMs',
    ),
    uploadDeadlineMs: positive(
      options.uploadDeadlineMs,
      DEFAULT_UPLOAD_DEADLINE_MS,
      'uploadDeadlineMs',
    ),
    trustedOrigins: trustedOriginSet(options.trustedOrigins),
    maxUploadBytes:
      positive(options.maxFileSize, DEFAULT_MAX_FILE_SIZE, 'maxFileSize') +
      MULTIPART_OVERHEAD_BYTES,
    uploadLimit: rateLimitFrom(
      options.uploadRateLimit,
      DEFAULT_UPLOAD_RATE_LIMIT,
      'uploadRateLimit',
    ),
    status,
    budget,
  }
}

/** Everything the router needs, resolved from the options once. */
export interface ResolvedProxy {
  context: ProxyContext
  webhooks: WebhookIntake | null
  streams: EventStreams
  sessionReadLimit: ProxyRateLimitOptions | null
  prefix: string
  log: (line: string) => void
  handoff: Handoff | null
}

/** Checks every option (throwing a `TypeError` that names a bad one) and builds the parts. */
export function resolveProxy(options: KycProxyOptions): ResolvedProxy {
  if (typeof options.authorize !== 'function') {
    throw new TypeError('createKycProxy: authorize is required')
  }
  const status = statusCacheFrom(options)
  const context = contextFrom(options, status)
  const prefix = normalizePrefix(options.prefix ?? '')
  return {
    context,
    webhooks:
      options.webhookSecret === undefined
        ? null
        : createWebhookIntake(options.webhookSecret, status),
    streams: createEventStreams({
      heartbeatMs: positive(options.events?.heartbeatMs, 15_000, 'events.heartbeatMs'),
      maxStreamsPerSession: positive(
        options.events?.maxStreamsPerSession,
        6,
        'events.maxStreamsPerSession',
        true,
      ),
      maxStreams: positive(options.events?.maxStreams, 5000, 'events.maxStreams', true),
      degradedRefreshMs: positive(
        options.degradedStatusMaxAgeMs,
        DEFAULT_DEGRADED_STATUS_MAX_AGE_MS,
        'degradedStatusMaxAgeMs',
      ),
    }),
    sessionReadLimit: rateLimitFrom(
      options.sessionReadLimit,
      DEFAULT_SESSION_READ_LIMIT,
      'sessionReadLimit',
    ),
    prefix,
    log: options.log ?? ((line: string) => console.log(line)),
    handoff: options.handoff
      ? createHandoff(options.handoff, status.store, prefix, context.trustedOrigins)
      : null,
  }
}
