import { createRateLimiter } from './rate-limit.ts'

describe('createRateLimiter', () => {
  it('allows the limit per key within the window, then says how long to wait', () => {
    let now = 0
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000 }, () => now)
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true])
    now = 10_000
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterMs: 50_000 })
    expect(limiter.take('b').ok).toBe(true)
    now = 60_001
    expect(limiter.take('a').ok).toBe(true)
  })

  it('slides: the oldest hit leaving the window frees one slot', () => {
    let now = 0
    const limiter = createRateLimiter({ limit: 2, windowMs: 1000 }, () => now)
    limiter.take('a')
    now = 500
    limiter.take('a')
    now = 1001
    expect(limiter.take('a').ok).toBe(true)
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterMs: 499 })
  })

  it('rejects nonsense settings', () => {
    expect(() => createRateLimiter({ limit: 0, windowMs: 1000 })).toThrow(TypeError)
  })
})
