import type { SandboxRateLimitOptions } from './options.ts'

export interface RateLimitState {
  limit: number
  remaining: number
  /** Unix seconds when the window resets. */
  resetAt: number
  /** Whether this request was over the limit. */
  limited: boolean
  /** Seconds until the reset, at least 1. */
  retryAfter: number
}

/** Fixed-window request counter per key (the client id behind the token). */
export class RateLimiter {
  #options: SandboxRateLimitOptions
  readonly #now: () => number
  readonly #windows = new Map<string, { start: number; count: number }>()

  constructor(options: SandboxRateLimitOptions, now: () => number) {
    this.#options = options
    this.#now = now
  }

  /** Counts one request and says whether it may pass. */
  hit(key: string): RateLimitState {
    const window = this.#window(key)
    window.count += 1
    return this.#state(window, window.count > this.#options.limit)
  }

  /** The state without counting, for answers that do not consume the budget. */
  peek(key: string): RateLimitState {
    return this.#state(this.#window(key), false)
  }

  reset(): void {
    this.#windows.clear()
  }

  #window(key: string) {
    const now = this.#now()
    let window = this.#windows.get(key)
    if (!window || now >= window.start + this.#options.windowMs) {
      window = { start: now, count: 0 }
      this.#windows.set(key, window)
    }
    return window
  }

  #state(window: { start: number; count: number }, limited: boolean): RateLimitState {
    const resetMs = window.start + this.#options.windowMs
    return {
      limit: this.#options.limit,
      remaining: Math.max(0, this.#options.limit - window.count),
      resetAt: Math.ceil(resetMs / 1000),
      limited,
      retryAfter: Math.max(1, Math.ceil((resetMs - this.#now()) / 1000)),
    }
  }
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-reset': String(state.resetAt),
  }
}
