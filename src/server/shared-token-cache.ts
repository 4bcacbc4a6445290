import type { KycStore } from './store/types.ts'
import type { TokenSeal } from './token-seal.ts'
import {
  createTokenCache,
  type IssuedToken,
  refreshMarginMs,
  type TokenCache,
} from './token-cache.ts'

interface SharedToken {
  token: string
  refreshAt: number
}

const TOKEN_KEY = 'provider-token'
const LOCK_KEY = 'provider-token-lock'

/**
 * The provider's access token kept in the store, so N instances ask for one token, not N: an
 * instance takes a valid one from the store, or takes the lock and asks, while the others wait
 * for it to appear. Within an instance, concurrent callers share one look (the local cache).
 * The store holds it sealed (`seal`): a reader of the store cannot call the provider with it.
 */
export function createSharedTokenCache(
  store: KycStore,
  requestToken: () => Promise<IssuedToken>,
  waitMs: number,
  seal: TokenSeal,
  now: () => number = Date.now,
): TokenCache {
  const owner = crypto.randomUUID()
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  // The token the provider last refused here: never taken from the store again, even before
  // the store has forgotten it.
  let refused: string | undefined

  async function fromStore(): Promise<SharedToken | null> {
    const sealed = await store.get(TOKEN_KEY)
    const text = sealed === null ? null : await seal.open(sealed)
    if (text === null) return null
    try {
      const shared = JSON.parse(text) as SharedToken
      return now() < shared.refreshAt && shared.token !== refused ? shared : null
    } catch {
      return null
    }
  }

  const local = createTokenCache(async () => {
    const deadline = now() + waitMs
    for (;;) {
      const shared = await fromStore()
      if (shared)
        return { accessToken: shared.token, expiresInSeconds: (shared.refreshAt - now()) / 1000 }
      if (await store.setIfAbsent(LOCK_KEY, owner, waitMs)) {
        try {
          const issued = await requestToken()
          const lifetimeMs = issued.expiresInSeconds * 1000
          const refreshAt = now() + lifetimeMs - refreshMarginMs(issued.expiresInSeconds)
          const shared: SharedToken = { token: issued.accessToken, refreshAt }
          await store.set(
            TOKEN_KEY,
            await seal.seal(JSON.stringify(shared)),
            Math.max(1, refreshAt - now()),
          )
          return issued
        } finally {
          await store.deleteIfEquals(LOCK_KEY, owner)
        }
      }
      if (now() > deadline) return requestToken()
      await sleep(50)
    }
  }, now)

  return {
    get: () => local.get(),
    invalidate(token) {
      refused = token
      local.invalidate(token)
      void (async () => {
        const sealed = await store.get(TOKEN_KEY)
        const text = sealed === null ? null : await seal.open(sealed)
        if (sealed !== null && text !== null && (JSON.parse(text) as SharedToken).token === token) {
          await store.deleteIfEquals(TOKEN_KEY, sealed)
        }
      })().catch(() => {})
    },
  }
}
