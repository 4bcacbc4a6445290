import type { Redis as RedisClient, RedisOptions } from 'ioredis'
import { createMemoryStore } from './memory-store.ts'
import type { HitResult, KycStore, TakeResult } from './types.ts'

export interface RedisStoreOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string
  /** Prefix of every key and channel, so several apps can share one Redis. Default: `kyc:`. */
  keyPrefix?: string
  /** Further `ioredis` options (TLS, Sentinel…). */
  redis?: RedisOptions
  /** Receives one line when Redis goes away and one when it is back. Default: `console.warn`. */
  log?: (line: string) => void
}

const SET_IF_NEWER = `
local current = redis.call('HGET', KEYS[1], 'v')
if current and tonumber(current) > tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'd', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`

const TAKE_TOKEN = `
local capacity, period, reserve, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local rate = capacity / period
local tokens = capacity
if state[1] then tokens = math.min(capacity, tonumber(state[1]) + (now - tonumber(state[2])) * rate) end
local ok, wait = 0, 0
if tokens - cost >= reserve then tokens = tokens - cost; ok = 1 else wait = math.ceil((reserve + cost - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], period * 2)
return {ok, wait}`

const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`

const DELETE_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`

/**
 * The store for several proxy instances: everything in one Redis, status changes on its pub/sub.
 * Needs the `ioredis` package (an optional peer dependency), loaded only when this is called.
 *
 * When Redis cannot be reached, every call falls back to this instance's own memory (logged
 * once), so the proxy keeps serving on its own, from the provider within a local budget; when
 * Redis answers again it is used again (logged once). Commands are never queued while Redis is
 * down: they fail at once and take the fallback, rather than hang a request.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<KycStore> {
  const { Redis } = await import('ioredis')
  const prefix = options.keyPrefix ?? 'kyc:'
  const log = options.log ?? ((line: string) => console.warn(line))
  const clientOptions: RedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 100, 2000),
    ...options.redis,
  }
  const client: RedisClient = new Redis(options.url, clientOptions)
  // The subscriber queues its SUBSCRIBEs until connected, and ioredis re-subscribes on reconnect.
  const subscriber: RedisClient = new Redis(options.url, {
    ...clientOptions,
    enableOfflineQueue: true,
  })
  const fallback = createMemoryStore()
  let down = false
  // An unhandled 'error' event would crash the process; the state is reported through `attempt`.
  client.on('error', () => {})
  subscriber.on('error', () => {})
  // Commands are not queued, so wait for the first connection (or its failure) before serving.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, clientOptions.connectTimeout ?? 2000)
    const done = () => {
      clearTimeout(timer)
      client.off('ready', done)
      client.off('error', done)
      resolve()
    }
    client.once('ready', done)
    client.once('error', done)
  })

  async function attempt<T>(work: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    try {
      const value = await work()
      if (down) {
        down = false
        log('kyc-proxy: Redis is back; shared state resumes')
      }
      return value
    } catch {
      if (!down) {
        down = true
        log("kyc-proxy: Redis unreachable; serving from this instance's memory until it is back")
      }
      return local()
    }
  }

  const listeners = new Map<string, Set<(message: string) => void>>()
  subscriber.on('message', (channel: string, message: string) => {
    for (const listener of [...(listeners.get(channel) ?? [])]) {
      try {
        listener(message)
      } catch {
        // One listener's failure is not the others'.
      }
    }
  })

  const k = (key: string) => `${prefix}${key}`
  return {
    get: (key) =>
      attempt(
        () => client.get(k(key)),
        () => fallback.get(key),
      ),
    set: (key, value, ttlMs) =>
      attempt(
        async () => void (await client.set(k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)))),
        () => fallback.set(key, value, ttlMs),
      ),
    setIfAbsent: (key, value, ttlMs) =>
      attempt(
        async () =>
          (await client.set(k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK',
        () => fallback.setIfAbsent(key, value, ttlMs),
      ),
    // GETDEL (Redis 6.2+) is atomic: two instances exchanging the same token cannot both win.
    take: (key) =>
      attempt(
        () => client.getdel(k(key)),
        () => fallback.take(key),
      ),
    deleteIfEquals: (key, value) =>
      attempt(
        async () => void (await client.eval(DELETE_IF_EQUALS, 1, k(key), value)),
        () => fallback.deleteIfEquals(key, value),
      ),
    setIfNewer: (key, value, version, ttlMs) =>
      attempt(
        async () =>
          (await client.eval(
            SET_IF_NEWER,
            1,
            k(key),
            value,
            String(version),
            String(Math.max(1, Math.ceil(ttlMs))),
          )) === 1,
        () => fallback.setIfNewer(key, value, version, ttlMs),
      ),
    getVersioned: (key) =>
      attempt(
        async () => {
          const [version, value] = await client.hmget(k(key), 'v', 'd')
          return version == null || value == null ? null : { value, version: Number(version) }
        },
        () => fallback.getVersioned(key),
      ),
    takeToken: (key, { capacity, periodMs, reserve = 0, cost = 1 }) =>
      attempt(
        async (): Promise<TakeResult> => {
          const [ok, wait] = (await client.eval(
            TAKE_TOKEN,
            1,
            k(key),
            String(capacity),
            String(periodMs),
            String(reserve),
            String(cost),
          )) as [number, number]
          return ok === 1 ? { ok: true } : { ok: false, retryAfterMs: Math.max(1, wait) }
        },
        () => fallback.takeToken(key, { capacity, periodMs, reserve, cost }),
      ),
    hit: (key, limit, windowMs) =>
      attempt(
        async (): Promise<HitResult> => {
          const [count, ttl] = (await client.eval(HIT, 1, k(key), String(windowMs))) as [
            number,
            number,
          ]
          return count <= limit
            ? { ok: true, count }
            : { ok: false, retryAfterMs: Math.max(1, ttl), count }
        },
        () => fallback.hit(key, limit, windowMs),
      ),
    publish: (channel, message) =>
      attempt(
        async () => void (await client.publish(k(channel), message)),
        () => fallback.publish(channel, message),
      ),
    async subscribe(channel, listener) {
      const name = k(channel)
      const set = listeners.get(name) ?? new Set()
      if (set.size === 0) {
        listeners.set(name, set)
        subscriber.subscribe(name).catch(() => {})
      }
      set.add(listener)
      // Also on this instance's own memory: what it publishes while Redis is down reaches it.
      const unsubscribeLocal = await fallback.subscribe(channel, listener)
      return async () => {
        await unsubscribeLocal()
        set.delete(listener)
        if (set.size === 0) {
          listeners.delete(name)
          await subscriber.unsubscribe(name).catch(() => {})
        }
      }
    },
    async close() {
      await fallback.close()
      client.disconnect()
      subscriber.disconnect()
    },
  }
}
