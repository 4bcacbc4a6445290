/** What the retry policy needs to know about a failure. `KycApiError` satisfies it. */
export interface RetryableFailure {
  /** HTTP status, or 0 when no response arrived. */
  status: number
  code: string
  /** The wait the server asked for (`Retry-After` or `X-RateLimit-Reset`), in milliseconds. */
  retryAfterMs?: number | undefined
}

export interface RetryPolicy {
  /** Retries after the first attempt. Default: 3. */
  retries: number
  /** Delay before the first retry, doubled each time. Default: 1000 ms. */
  baseDelayMs: number
  /** Largest computed backoff. Default: 15 000 ms. */
  maxDelayMs: number
  /** Largest server-requested wait honoured; longer ones are not retried. Default: 60 000 ms. */
  maxServerWaitMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 15_000,
  maxServerWaitMs: 60_000,
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504])
const RETRYABLE_CLIENT_CODES = new Set(['network_error', 'timeout'])

/** Whether a failure is transient: worth the same request again with the same idempotency key. */
export function isTransientFailure(failure: RetryableFailure): boolean {
  if (failure.status === 0) return RETRYABLE_CLIENT_CODES.has(failure.code)
  return RETRYABLE_STATUS.has(failure.status)
}

/**
 * How long to wait before retrying, or `null` to stop. `failureCount` is how many attempts have
 * failed so far (1 after the first). Exponential backoff with jitter; a server-requested wait
 * is honoured as a floor, and one longer than `maxServerWaitMs` ends the retries.
 *
 * The jitter is "equal jitter": a delay between half the backoff ceiling and the ceiling, so a
 * retry never comes sooner than half the intended wait while clients that failed together spread.
 */
export function retryDelay(
  failure: RetryableFailure,
  failureCount: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number | null {
  if (failureCount > policy.retries || !isTransientFailure(failure)) return null
  const asked = failure.retryAfterMs
  // A wait that is not a number (a garbled header) or negative (a reset already past) asks nothing.
  const serverWait = asked !== undefined && asked > 0 ? asked : 0
  if (serverWait > policy.maxServerWaitMs) return null
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failureCount - 1))
  const backoff = Math.round(ceiling / 2 + (random() * ceiling) / 2)
  return Math.max(backoff, serverWait)
}

/**
 * The policy as TanStack Query's `retry` and `retryDelay` options (its `failureCount` counts
 * the retries so far, one less than the failures), shared by the customer query and the upload.
 */
export const retryOptions = {
  retry: (failureCount: number, failure: RetryableFailure) =>
    retryDelay(failure, failureCount + 1) !== null,
  retryDelay: (failureCount: number, failure: RetryableFailure) =>
    retryDelay(failure, failureCount + 1) ?? 0,
}
