import { ProblemError } from '../problem.ts'
import type { KycStore } from '../store/types.ts'

const LIMIT_KEY = 'provider-limit'

/** Which call spends the budget: uploads (and tokens) go before reads. */
export type ProviderCallKind = 'upload' | 'read'

export interface ProviderBudgetOptions {
  store: KycStore
  /** The provider's limit per minute until an answer's `X-RateLimit-Limit` says otherwise. */
  limitPerMinute: number
  /** The share of that limit the proxy spends, leaving room for the host's other calls. */
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

  get capacity(): number {
    return Math.max(1, Math.floor(this.#limitPerMinute * this.#options.share))
  }

  /** Notes the provider's announced limit from any answer's headers, for every instance. */
  learn(headers: Headers): void {
    const limit = Number(headers.get('x-ratelimit-limit'))
    if (!Number.isInteger(limit) || limit <= 0 || limit === this.#limitPerMinute) return
    this.#limitPerMinute = limit
    void this.#options.store.set(LIMIT_KEY, String(limit), 60 * 60 * 1000).catch(() => {})
  }

  /** Spends one call, or throws 429 `rate_limit_exceeded` with the wait. */
  async spend(kind: ProviderCallKind): Promise<void> {
    // What another instance learnt counts here too: one bucket needs one capacity.
    const shared = Number(await this.#options.store.get(LIMIT_KEY))
    if (Number.isInteger(shared) && shared > 0) this.#limitPerMinute = shared
    const capacity = this.capacity
    const result = await this.#options.store.takeToken('provider-budget', {
      capacity,
      periodMs: 60_000,
      reserve: kind === 'read' ? Math.floor(capacity * this.#options.uploadReserve) : 0,
    })
    if (result.ok) return
    throw new ProblemError(429, 'rate_limit_exceeded', 'Too many requests; wait and try again.', {
      headers: new Headers({
        'retry-after': String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))),
      }),
    })
  }
}
