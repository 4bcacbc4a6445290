import { DEFAULT_MAX_FILE_SIZE } from '../core/limits.ts'
import { checkWebhookSecret } from '../core/webhook-secret.ts'

export interface SandboxRateLimitOptions {
  /** Requests allowed per window and client. Default: 600. */
  limit: number
  /** Window length in milliseconds. Default: 60 000. */
  windowMs: number
}

export interface WebhookOptions {
  /** Where `customer.kyc_updated` events are POSTed. */
  url: string
  /** Standard Webhooks signing secret, `whsec_` + base64. */
  secret: string
  /** How long one delivery may take before it is abandoned. Default: 5000 ms. */
  timeoutMs?: number | undefined
  /**
   * Waits before each new attempt of a failed delivery; its length is the number of retries.
   * Default: 1 s, 5 s, 30 s, 2 min, 10 min (`DEFAULT_WEBHOOK_RETRY_DELAYS_MS`).
   */
  retryDelaysMs?: readonly number[] | undefined
}

export interface SandboxOptions {
  /** Client id accepted by `POST /auth/token`. Default: `sandbox`. */
  clientId?: string | undefined
  /** Client secret accepted by `POST /auth/token`. Default: `sandbox-secret`. */
  clientSecret?: string | undefined
  /** Time a submitted document waits before its review. Default: 3000 ms. */
  reviewDelayMs?: number | undefined
  /** Largest accepted file, in bytes. Default: 10 MiB (`DEFAULT_MAX_FILE_SIZE`). */
  maxFileSize?: number | undefined
  /** Lifetime of an access token. Default: 3600 s. */
  tokenTtlSeconds?: number | undefined
  /** Fixed-window rate limit per client. Default: 600 requests per 60 s. */
  rateLimit?:
    { [K in keyof SandboxRateLimitOptions]?: SandboxRateLimitOptions[K] | undefined } | undefined
  /** Send `customer.kyc_updated` webhooks here. Default: none. */
  webhook?: WebhookOptions | null | undefined
  /** Path prefix of every route. Default: `/v3`. */
  basePath?: string | undefined
  /** The clock, in milliseconds since the epoch; tests move it. Default: `Date.now`. */
  now?: (() => number) | undefined
  /** Receives one line per request and per webhook failure (never a secret). Default: silent. */
  log?: ((line: string) => void) | undefined
}

export interface ResolvedSandboxOptions {
  clientId: string
  clientSecret: string
  reviewDelayMs: number
  maxFileSize: number
  tokenTtlSeconds: number
  rateLimit: SandboxRateLimitOptions
  webhook: WebhookOptions | null
  basePath: string
  now: () => number
  log: (line: string) => void
}

export function resolveOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  return {
    clientId: options.clientId ?? 'sandbox',
    clientSecret: options.clientSecret ?? 'sandbox-secret',
    reviewDelayMs: options.reviewDelayMs ?? 3000,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    rateLimit: {
      limit: options.rateLimit?.limit ?? 600,
      windowMs: options.rateLimit?.windowMs ?? 60_000,
    },
    webhook: options.webhook ?? null,
    basePath: (options.basePath ?? '/v3').replace(/\/+$/, ''),
    now: options.now ?? Date.now,
    log: options.log ?? (() => {}),
  }
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  if (!/^\d+$/.test(value.trim())) throw new Error(`${name} must be a whole number, got "${value}"`)
  return Number(value)
}

/**
 * Sandbox settings from environment variables, so `npm run sandbox` and the demo's dev server
 * read them alike: `SANDBOX_CLIENT_ID`, `SANDBOX_CLIENT_SECRET`, `SANDBOX_REVIEW_DELAY_MS`,
 * `SANDBOX_MAX_FILE_SIZE` (bytes), `SANDBOX_RATE_LIMIT` (requests per minute),
 * `SANDBOX_WEBHOOK_URL` with `SANDBOX_WEBHOOK_SECRET`. Unset variables keep the defaults.
 */
export function sandboxOptionsFromEnv(env: Record<string, string | undefined>): SandboxOptions {
  const options: SandboxOptions = {}
  if (env.SANDBOX_CLIENT_ID) options.clientId = env.SANDBOX_CLIENT_ID
  if (env.SANDBOX_CLIENT_SECRET) options.clientSecret = env.SANDBOX_CLIENT_SECRET
  const reviewDelayMs = integer(env.SANDBOX_REVIEW_DELAY_MS, 'SANDBOX_REVIEW_DELAY_MS')
  if (reviewDelayMs !== undefined) options.reviewDelayMs = reviewDelayMs
  const maxFileSize = integer(env.SANDBOX_MAX_FILE_SIZE, 'SANDBOX_MAX_FILE_SIZE')
  if (maxFileSize !== undefined) options.maxFileSize = maxFileSize
  const perMinute = integer(env.SANDBOX_RATE_LIMIT, 'SANDBOX_RATE_LIMIT')
  if (perMinute !== undefined) options.rateLimit = { limit: perMinute, windowMs: 60_000 }
  if (env.SANDBOX_WEBHOOK_URL) {
    if (!env.SANDBOX_WEBHOOK_SECRET) {
      throw new Error('SANDBOX_WEBHOOK_URL needs SANDBOX_WEBHOOK_SECRET (whsec_…) to sign events')
    }
    checkWebhookSecret(env.SANDBOX_WEBHOOK_SECRET, 'SANDBOX_WEBHOOK_SECRET')
    options.webhook = { url: env.SANDBOX_WEBHOOK_URL, secret: env.SANDBOX_WEBHOOK_SECRET }
  }
  return options
}
