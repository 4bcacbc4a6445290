import { resolveOptions } from './options.ts'

describe('sandbox options', () => {
  it('read an undefined field as its default, as a host passing its own optional settings on does', () => {
    const resolved = resolveOptions({
      reviewDelayMs: undefined,
      rateLimit: { limit: 30, windowMs: undefined },
      webhook: undefined,
      basePath: undefined,
    })
    expect(resolved.reviewDelayMs).toBe(3000)
    expect(resolved.rateLimit).toEqual({ limit: 30, windowMs: 60_000 })
    expect(resolved.webhook).toBeNull()
    expect(resolved.basePath).toBe('/v3')
  })
})
