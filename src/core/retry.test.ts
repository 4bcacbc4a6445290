import { DEFAULT_RETRY_POLICY, isTransientFailure, retryDelay, type RetryPolicy } from './retry.ts'

const policy: RetryPolicy = {
  retries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 15_000,
  maxServerWaitMs: 60_000,
}
const lowest = () => 0
const highest = () => 0.999_999
const middle = () => 0.5

function http(status: number, code = `http_${status}`, retryAfterMs?: number) {
  return { status, code, retryAfterMs }
}

describe('which failures are retried', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(isTransientFailure(http(status))).toBe(true)
    expect(retryDelay(http(status), 1, policy, middle)).toBeGreaterThan(0)
  })

  it.each(['network_error', 'timeout'])('retries the client failure %s', (code) => {
    expect(isTransientFailure({ status: 0, code })).toBe(true)
    expect(retryDelay({ status: 0, code }, 1, policy, middle)).toBeGreaterThan(0)
  })

  it.each([400, 401, 403, 404, 409, 413, 422, 501])('never retries HTTP %i', (status) => {
    expect(isTransientFailure(http(status))).toBe(false)
    expect(retryDelay(http(status), 1, policy, middle)).toBeNull()
  })

  it('never retries a cancelled request', () => {
    expect(retryDelay({ status: 0, code: 'aborted' }, 1, policy, middle)).toBeNull()
  })

  it('never retries an unreadable 4xx answer, but does retry a gateway page', () => {
    expect(retryDelay(http(400, 'invalid_response'), 1, policy, middle)).toBeNull()
    expect(retryDelay(http(404, 'invalid_response'), 1, policy, middle)).toBeNull()
    expect(retryDelay(http(502, 'invalid_response'), 1, policy, middle)).not.toBeNull()
  })

  it('never retries a failure without a response whose code it does not know', () => {
    expect(retryDelay({ status: 0, code: 'invalid_response' }, 1, policy, middle)).toBeNull()
    expect(retryDelay({ status: 0, code: 'something_else' }, 1, policy, middle)).toBeNull()
  })

  it('does not let a retryable-looking code rescue a permanent status', () => {
    expect(retryDelay(http(422, 'timeout'), 1, policy, middle)).toBeNull()
  })
})

describe('how many times', () => {
  it('retries `retries` times, then stops', () => {
    const failure = http(503)
    const delays = [1, 2, 3, 4, 5].map((count) => retryDelay(failure, count, policy, middle))
    expect(delays.slice(0, 3).every((delay) => typeof delay === 'number')).toBe(true)
    expect(delays.slice(3)).toEqual([null, null])
  })

  it('retries not at all with `retries: 0`', () => {
    expect(retryDelay(http(503), 1, { ...policy, retries: 0 }, middle)).toBeNull()
  })

  it('defaults to three retries', () => {
    expect(DEFAULT_RETRY_POLICY.retries).toBe(3)
    expect(retryDelay(http(500), 3)).not.toBeNull()
    expect(retryDelay(http(500), 4)).toBeNull()
  })
})

describe('backoff', () => {
  it('doubles the ceiling each time, with jitter between half the ceiling and the ceiling', () => {
    const failure = http(500)
    for (const [count, ceiling] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
    ] as const) {
      expect(retryDelay(failure, count, policy, lowest)).toBe(ceiling / 2)
      expect(retryDelay(failure, count, policy, highest)).toBe(ceiling)
      expect(retryDelay(failure, count, policy, middle)).toBe((ceiling * 3) / 4)
    }
  })

  it('stays within its bounds for any random value', () => {
    const failure = { status: 0, code: 'network_error' }
    for (let index = 0; index <= 100; index += 1) {
      const value = index / 101
      const delay = retryDelay(failure, 2, policy, () => value)
      expect(delay).toBeGreaterThanOrEqual(1000)
      expect(delay).toBeLessThanOrEqual(2000)
    }
  })

  it('varies with the random source, so clients that failed together do not retry together', () => {
    const delays = new Set(
      [0, 0.25, 0.5, 0.75].map((value) => retryDelay(http(503), 3, policy, () => value)),
    )
    expect(delays.size).toBe(4)
  })

  it('is capped at maxDelayMs however many failures there were', () => {
    const many = { ...policy, retries: 50 }
    expect(retryDelay(http(503), 10, many, highest)).toBe(15_000)
    expect(retryDelay(http(503), 50, many, highest)).toBe(15_000)
    expect(retryDelay(http(503), 50, many, lowest)).toBe(7_500)
  })
})

describe("the server's wait", () => {
  it('is a floor: never retry before the server said so', () => {
    expect(retryDelay(http(429, 'rate_limit_exceeded', 5_000), 1, policy, highest)).toBe(5_000)
    expect(retryDelay(http(503, 'http_503', 30_000), 1, policy, lowest)).toBe(30_000)
  })

  it('does not shorten a longer backoff', () => {
    expect(retryDelay(http(429, 'rate_limit_exceeded', 100), 3, policy, highest)).toBe(4000)
  })

  it('may exceed maxDelayMs up to maxServerWaitMs', () => {
    expect(retryDelay(http(429, 'rate_limit_exceeded', 60_000), 1, policy, lowest)).toBe(60_000)
  })

  it('ends the retries when it is longer than maxServerWaitMs', () => {
    expect(retryDelay(http(429, 'rate_limit_exceeded', 60_001), 1, policy, lowest)).toBeNull()
    expect(retryDelay(http(503, 'http_503', 3_600_000), 1, policy, lowest)).toBeNull()
  })

  it('treats a zero wait (the reset already passed) as no floor', () => {
    expect(retryDelay(http(429, 'rate_limit_exceeded', 0), 1, policy, lowest)).toBe(500)
  })

  it('ignores a wait that is not a finite number instead of returning NaN', () => {
    expect(retryDelay(http(429, 'rate_limit_exceeded', Number.NaN), 1, policy, lowest)).toBe(500)
    expect(retryDelay(http(429, 'rate_limit_exceeded', -5), 1, policy, lowest)).toBe(500)
    expect(retryDelay(http(429, 'rate_limit_exceeded', Infinity), 1, policy, lowest)).toBeNull()
  })

  it('does not make a permanent failure retryable', () => {
    expect(retryDelay(http(422, 'file_too_large', 1000), 1, policy, lowest)).toBeNull()
  })
})
