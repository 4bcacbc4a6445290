import { createTokenCache, refreshMarginMs } from './token-cache.ts'

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('createTokenCache', () => {
  it('shares one provider request among concurrent callers', async () => {
    const pending = deferred<{ accessToken: string; expiresInSeconds: number }>()
    const requestToken = vi.fn(() => pending.promise)
    const cache = createTokenCache(requestToken)
    const all = Promise.all(Array.from({ length: 100 }, () => cache.get()))
    pending.resolve({ accessToken: 't1', expiresInSeconds: 3600 })
    expect(new Set(await all)).toEqual(new Set(['t1']))
    expect(requestToken).toHaveBeenCalledTimes(1)
  })

  it('reuses the token until shortly before expiry, then fetches a new one', async () => {
    let now = 1_000_000
    let issued = 0
    const cache = createTokenCache(
      async () => ({ accessToken: `t${++issued}`, expiresInSeconds: 3600 }),
      () => now,
    )
    expect(await cache.get()).toBe('t1')
    now += 3600_000 - refreshMarginMs(3600) - 1
    expect(await cache.get()).toBe('t1')
    now += 1
    expect(await cache.get()).toBe('t2')
  })

  it('refreshes short-lived tokens a tenth of their life early, long-lived ones a minute early', () => {
    expect(refreshMarginMs(2)).toBe(200)
    expect(refreshMarginMs(3600)).toBe(60_000)
  })

  it('drops a refused token once, even when many requests report it', async () => {
    let issued = 0
    const requestToken = vi.fn(async () => ({ accessToken: `t${++issued}`, expiresInSeconds: 60 }))
    const cache = createTokenCache(requestToken)
    const stale = await cache.get()
    cache.invalidate(stale)
    const fresh = await cache.get()
    cache.invalidate(stale) // a late report about the old token
    expect(await cache.get()).toBe(fresh)
    expect(requestToken).toHaveBeenCalledTimes(2)
  })

  it('does not cache a failure: the next caller asks again', async () => {
    const requestToken = vi
      .fn<() => Promise<{ accessToken: string; expiresInSeconds: number }>>()
      .mockRejectedValueOnce(new Error('provider down'))
      .mockResolvedValueOnce({ accessToken: 't2', expiresInSeconds: 60 })
    const cache = createTokenCache(requestToken)
    await expect(cache.get()).rejects.toThrow('provider down')
    expect(await cache.get()).toBe('t2')
  })
})
