import type { KycStore } from './types.ts'

/**
 * A store that may still be connecting (`createRedisStore` answers a promise): each call waits
 * for it, so `createKycProxy` can take either and stay synchronous.
 */
export function lazyStore(store: KycStore | Promise<KycStore>): KycStore {
  if (!(store instanceof Promise)) return store
  const ready = store
  let resolved: KycStore | undefined
  void ready.then((value) => (resolved = value)).catch(() => {})
  return {
    degraded: () => resolved?.degraded?.() ?? false,
    get: async (key) => (await ready).get(key),
    set: async (key, value, ttlMs) => (await ready).set(key, value, ttlMs),
    setIfAbsent: async (key, value, ttlMs) => (await ready).setIfAbsent(key, value, ttlMs),
    take: async (key) => (await ready).take(key),
    deleteIfEquals: async (key, value) => (await ready).deleteIfEquals(key, value),
    setIfNewer: async (key, value, version, ttlMs) =>
      (await ready).setIfNewer(key, value, version, ttlMs),
    getVersioned: async (key) => (await ready).getVersioned(key),
    takeToken: async (key, bucket) => (await ready).takeToken(key, bucket),
    hit: async (key, limit, windowMs) => (await ready).hit(key, limit, windowMs),
    publish: async (channel, message) => (await ready).publish(channel, message),
    subscribe: async (channel, listener) => (await ready).subscribe(channel, listener),
    close: async () => (await ready).close(),
  }
}
