import { ProblemError } from '../problem.ts'
import type { KycStore } from '../store/types.ts'

const LIMIT_KEY = 'provider-limit'
const REFILL_MS = 10_000
/** The window in which a customer's calls are counted for their rank. */
const RANK_WINDOW_MS = 60_000

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
}

/**
 * The share of the bucket a call must leave untouched, by what it is and how many of its kind
 * the same customer made in the last minute (`count`, this one included). Under contention a
 * customer's first upload goes before anything else, a first read (the page load) before
 * anyone's second upload, and anyone's tenth read or fifth upload waits for everyone's first:
 * reads never reach the last tenth, the first uploads' own, and a crowd of accounts sending
 * junk uploads stops at a fifth of the bucket once past its first.
 */
export function reserveShare(kind: ProviderCallKind, count: number): number {
  if (kind === 'upload') {
    if (count <= 1) return 0
    return count <= 4 ? 0.2 : 0.5 // the rest of a KYC set, then anything past it
  }
  if (count <= 2) return 0.1 // the page load, and its retry
  return count <= 10 ? 0.35 : 0.5
}

/**
 * One token bucket for every call to the provider, in the store so every instance spends the
 * same one, kept under the provider's limit (`share` of it, learnt from `X-RateLimit-Limit`).
 * Shared fairly between customers: each call must leave a reserve that grows with its
 * customer's recent calls (`reserveShare`), so when the bucket runs low the customers who have
 * asked least go first, and reads never spend what is kept for uploads. A call the bucket
 * cannot pay for is not sent: 429 with `Retry-After`, which a read turns into the last known
 * status.
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
   * Spends one call for `customerId` (none: the proxy's own token request, which goes first),
   * waiting up to `waitMs` for the bucket to refill, or throws 429 `rate_limit_exceeded` with
   * the wait.
   */
  async spend(
    kind: ProviderCallKind,
    { customerId, waitMs = 0 }: { customerId?: string; waitMs?: number } = {},
  ): Promise<void> {
    const until = Date.now() + waitMs
    const { store } = this.#options
    const count =
      customerId === undefined
        ? 1
        : ((
            await store.hit(
              `provider-calls:${kind}:${customerId}`,
              Number.MAX_SAFE_INTEGER,
              RANK_WINDOW_MS,
            )
          ).count ?? 1)
    const share = customerId === undefined ? 0 : reserveShare(kind, count)
    for (;;) {
      // What another instance learnt counts here too: one bucket needs one capacity.
      const shared = Number(await store.get(LIMIT_KEY))
      if (Number.isInteger(shared) && shared > 0) this.#limitPerMinute = shared
      const capacity = this.capacity
      const result = await store.takeToken('provider-budget', {
        capacity,
        periodMs: REFILL_MS,
        reserve: Math.floor(capacity * share),
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
