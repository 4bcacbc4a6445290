export interface ProxyRateLimitOptions {
  /** Requests allowed per key within the window. */
  limit: number
  /** Window length in milliseconds (sliding). */
  windowMs: number
}

export type RateLimitDecision = { ok: true } | { ok: false; retryAfterMs: number }

export interface RateLimiter {
  /** Counts one request for `key`, or says how long to wait when the key is over its limit. */
  take(key: string): RateLimitDecision
}

/** A sliding-window limiter kept in memory (one process; put a shared store in front for more). */
export function createRateLimiter(
  options: ProxyRateLimitOptions,
  now: () => number = Date.now,
): RateLimiter {
  if (!(options.limit >= 1) || !(options.windowMs > 0)) {
    throw new TypeError('rate limit needs limit >= 1 and windowMs > 0')
  }
  const hits = new Map<string, number[]>()
  let lastSweep = now()

  // Drops keys whose every hit has left the window, so idle users cost no memory.
  function sweep(at: number): void {
    if (at - lastSweep < options.windowMs) return
    lastSweep = at
    for (const [key, times] of hits) {
      const newest = times[times.length - 1]
      if (newest === undefined || newest <= at - options.windowMs) hits.delete(key)
    }
  }

  return {
    take(key) {
      const at = now()
      sweep(at)
      const times = (hits.get(key) ?? []).filter((time) => time > at - options.windowMs)
      if (times.length >= options.limit) {
        hits.set(key, times)
        const oldest = times[0] ?? at
        return { ok: false, retryAfterMs: Math.max(1, oldest + options.windowMs - at) }
      }
      times.push(at)
      hits.set(key, times)
      return { ok: true }
    },
  }
}
