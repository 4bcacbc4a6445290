import { ProblemError } from '../problem.ts'
import type { KycStore } from '../store/types.ts'

const LIMIT_KEY = 'provider-limit'
const REFILL_MS = 10_000

/** Which call spends the budget: uploads (and tokens) go before reads. */
export type ProviderCallKind = 'upload' | 'read'

export interface ProviderBudgetOptions {
  store: KycStore
  /** The provider's limit per minute until an answer's `X-RateLimit-Limit` says otherwise. */
  limitPerMinute: number
  /**
   * The share of that limit the proxy spends a minute, leaving room for the host's other calls.
   * The bucket refills every ten seconds and holds one refill, so no sliding minute sees more
   * than 7/6 of it: at 0.75, at most 87.5 % of the limit.
   */
  share: number
  /** The share of the budget reads may not touch, kept for uploads. */
  uploadReserve: number
}

/**
 * One token bucket for every call to the provider, in the store so every instance spends the
 * same one, kept under the provider's limit (`share` of it, learnt from `X-RateLimit-Limit`).
 * Reads leave `uploadReserve` of it untouched, so uploads go first when it runs low. A call the
 * bucket cannot pay for is not sent: 429 with `Retry-After`, which a read turns into the last
 * known status.
 */
export class ProviderBudget {
  readonly #options: ProviderBudgetOptions
  #limitPerMinute: number

  constructor(options: ProviderBudgetOptions) {
    this.#options = options
    this.#limitPerMinute = options.limitPerMinute
  }

  /** Calls the bucket holds, and refills every `REFILL_MS`. */
  get capacity(): number {
    return Math.max(1, Math.floor((this.#limitPerMinute * this.#options.share) / 6))
  }

  /** Notes the provider's announced limit from any answer's headers, for every instance. */
  learn(headers: Headers): void {
    const limit = Number(headers.get('x-ratelimit-limit'))
    if (!Number.isInteger(limit) || limit <= 0 || limit === this.#limitPerMinute) return
    this.#limitPerMinute = limit
    void this.#options.store.set(LIMIT_KEY, String(limit), 60 * 60 * 1000).catch(() => {})
  }

  /**
   * Spends one call, waiting up to `waitMs` for the bucket to refill, or throws 429
   * `rate_limit_exceeded` with the wait.
   */
  async spend(kind: ProviderCallKind, waitMs = 0): Promise<void> {
    const until = Date.now() + waitMs
    for (;;) {
      // What another instance learnt counts here too: one bucket needs one capacity.
      const shared = Number(await this.#options.store.get(LIMIT_KEY))
      if (Number.isInteger(shared) && shared > 0) this.#limitPerMinute = shared
      const capacity = this.capacity
      const result = await this.#options.store.takeToken('provider-budget', {
        capacity,
        periodMs: REFILL_MS,
        reserve: kind === 'read' ? Math.floor(capacity * this.#options.uploadReserve) : 0,
      })
      if (result.ok) return
      if (Date.now() + result.retryAfterMs > until) {
        throw new ProblemError(
          429,
          'rate_limit_exceeded',
          'Too many requests; wait and try again.',
          {
            headers: new Headers({
              'retry-after': String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))),
            }),
          },
        )
      }
      await new Promise((resolve) => setTimeout(resolve, result.retryAfterMs))
    }
  }
}
