import { ProblemError } from './problem.ts'
import type { KycStore } from './store/types.ts'

export interface ProxyRateLimitOptions {
  /** Requests allowed per key within the window. */
  limit: number
  /** Window length in milliseconds (fixed windows, counted in the proxy's store). */
  windowMs: number
}

/** The option as given, checked once at start-up: `null` when the limit is turned off. */
export function rateLimitFrom(
  value: ProxyRateLimitOptions | false | undefined,
  fallback: ProxyRateLimitOptions,
  name: string,
): ProxyRateLimitOptions | null {
  if (value === false) return null
  const options = value ?? fallback
  // Whole numbers: Redis counts and expires in whole milliseconds (a window of 60000.5 ms would
  // never expire there, and the limit would hold for good).
  if (
    !Number.isInteger(options.limit) ||
    options.limit < 1 ||
    !Number.isInteger(options.windowMs) ||
    options.windowMs < 1
  ) {
    throw new TypeError(
      `createKycProxy: ${name} needs a whole limit >= 1 and a whole windowMs >= 1 (milliseconds), got ${JSON.stringify(options)}`,
    )
  }
  return options
}

/**
 * Counts one request for `key` in the store, so that every instance sharing it counts alike;
 * past the limit, a 429 problem with `Retry-After`.
 */
export async function enforceRateLimit(
  store: KycStore,
  key: string,
  options: ProxyRateLimitOptions | null,
  detail: string,
): Promise<void> {
  if (!options) return
  const decision = await store.hit(key, options.limit, options.windowMs)
  if (decision.ok) return
  throw new ProblemError(429, 'rate_limit_exceeded', detail, {
    headers: new Headers({
      'retry-after': String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))),
    }),
  })
}
