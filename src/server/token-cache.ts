export interface IssuedToken {
  accessToken: string
  /** Lifetime the provider announced (`expires_in`), in seconds. */
  expiresInSeconds: number
}

export interface TokenCache {
  /** A token valid for a while yet; concurrent callers share one request to the provider. */
  get(): Promise<string>
  /** Forgets `token` if it is still the cached one (the provider refused it). */
  invalidate(token: string): void
}

/** Refresh this long before the announced expiry: a tenth of the lifetime, at most a minute. */
export function refreshMarginMs(expiresInSeconds: number): number {
  return Math.min(60_000, (expiresInSeconds * 1000) / 10)
}

export function createTokenCache(
  requestToken: () => Promise<IssuedToken>,
  now: () => number = Date.now,
): TokenCache {
  let cached: { token: string; refreshAt: number } | undefined
  let inFlight: Promise<string> | undefined

  function refresh(): Promise<string> {
    inFlight ??= requestToken()
      .then(({ accessToken, expiresInSeconds }) => {
        cached = {
          token: accessToken,
          refreshAt: now() + expiresInSeconds * 1000 - refreshMarginMs(expiresInSeconds),
        }
        return accessToken
      })
      .finally(() => {
        inFlight = undefined
      })
    return inFlight
  }

  return {
    get() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token)
      return refresh()
    },
    invalidate(token) {
      // Several requests may fail with the same stale token; only the first drops it, the others
      // then share the refresh it starts.
      if (cached?.token === token) cached = undefined
    },
  }
}
