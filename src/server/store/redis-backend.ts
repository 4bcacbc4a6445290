// The store's commands on a live Redis, one Redis (or Sentinel) or a Redis Cluster alike: no
// fallback here, every failure is thrown for the resilient layer (resilient-store.ts) to judge.
import type * as IoRedisModule from 'ioredis'
import type { Cluster, Redis, RedisOptions } from 'ioredis'
import type { ResolvedRedisOptions } from './redis-options.ts'
import { SCRIPTS } from './redis-scripts.ts'
import type { StoreBackend } from './resilient-store.ts'
import type { HitResult, TakeResult } from './types.ts'

type IoRedis = typeof IoRedisModule
type Client = Redis | Cluster

/** The scripts as ioredis defines them on a client (`defineCommand`). */
interface ScriptCommands {
  kycSetIfNewer(key: string, value: string, version: string, ttl: string): Promise<number>
  kycTakeToken(key: string, ...args: string[]): Promise<[number, number]>
  kycHit(key: string, windowMs: string): Promise<[number, number]>
  kycDeleteIfEquals(key: string, value: string): Promise<number>
}

export interface Topology {
  cluster: boolean
  /** The server's version, `[major, minor]`. */
  version: [number, number]
}

const CONNECT_TIMEOUT_MS = 2000
const ms = (value: number) => String(Math.max(1, Math.ceil(value)))

function withDeadline<T>(work: Promise<T>, deadlineMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer in ${deadlineMs} ms`)),
      deadlineMs,
    )
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

/** Connection options of each node, from its URL and the host's own. */
function connectionOptions(options: ResolvedRedisOptions, url: URL | undefined): RedisOptions {
  const fromUrl: RedisOptions = {}
  if (url) {
    if (url.username) fromUrl.username = decodeURIComponent(url.username)
    if (url.password) fromUrl.password = decodeURIComponent(url.password)
    const db = Number(url.pathname.slice(1))
    if (url.pathname.length > 1 && Number.isInteger(db)) fromUrl.db = db
    // Node checks each node's certificate against the host it connects to (SNI included).
    if (url.protocol === 'rediss:') fromUrl.tls = {}
  }
  return {
    connectTimeout: CONNECT_TIMEOUT_MS,
    // The resilient layer races each command against its deadline; this only frees ioredis'
    // queue of a command that never gets an answer.
    commandTimeout: Math.max(1000, options.commandTimeoutMs * 4),
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: (times: number) => Math.min(times * 100, 2000),
    ...fromUrl,
    ...(options.connection as RedisOptions),
  }
}

const hostPort = (url: URL) => ({ host: url.hostname, port: Number(url.port || 6379) })

/** Asks each node in turn whether it is part of a cluster, and its version; `null` if none answers. */
export async function detectTopology(
  ioredis: IoRedis,
  options: ResolvedRedisOptions,
): Promise<Topology | null> {
  for (const url of options.nodes.length > 0 ? options.nodes : [undefined]) {
    const probe = url
      ? new ioredis.Redis({
          ...hostPort(url),
          ...connectionOptions(options, url),
          lazyConnect: true,
          retryStrategy: () => null,
        })
      : new ioredis.Redis({
          ...connectionOptions(options, url),
          lazyConnect: true,
          retryStrategy: () => null,
        })
    probe.on('error', () => {})
    try {
      await withDeadline(probe.connect(), CONNECT_TIMEOUT_MS + 500, 'connect')
      const info = await withDeadline(probe.info(), CONNECT_TIMEOUT_MS, 'INFO')
      const [major = 0, minor = 0] = (/redis_version:(\d+)\.(\d+)/.exec(info) ?? [])
        .slice(1)
        .map(Number)
      return { cluster: /cluster_enabled:1/.test(info), version: [major, minor] }
    } catch {
      // This node did not answer: the next one may.
    } finally {
      probe.disconnect()
    }
  }
  return null
}

function waitReady(client: Client, what: string): Promise<void> {
  return withDeadline(
    new Promise<void>((resolve, reject) => {
      if (client.status === 'ready') return resolve()
      client.once('ready', () => resolve())
      client.once('end', () => reject(new Error(`${what} closed`)))
    }),
    CONNECT_TIMEOUT_MS * 3,
    what,
  )
}

/**
 * Connects to the Redis the options name, as the topology says (a cluster client for a cluster,
 * with sharded pub/sub from Redis 7.0), and answers the store's commands on it. Keys and
 * channels are `{prefix}{{name}}`: each its own hash tag, so every script keeps to one slot and
 * sharded channels spread over the nodes. `onMessage` hears every channel `listen` asked for.
 */
export async function openRedisBackend(
  ioredis: IoRedis,
  options: ResolvedRedisOptions,
  topology: Topology,
  onMessage: (channel: string, message: string) => void,
): Promise<StoreBackend> {
  const { keyPrefix } = options
  const k = (name: string) => `${keyPrefix}{${name}}`
  const nameOf = (channel: string) =>
    channel.startsWith(`${keyPrefix}{`) && channel.endsWith('}')
      ? channel.slice(keyPrefix.length + 1, -1)
      : null
  const deliver = (channel: string, message: string) => {
    const name = nameOf(channel)
    if (name !== null) onMessage(name, message)
  }
  const [seed] = options.nodes
  let client: Client
  let subscriber: Client
  let sharded = false
  let description: string
  if (topology.cluster) {
    sharded = topology.version[0] >= 7 && typeof ioredis.Cluster.prototype.ssubscribe === 'function'
    const cluster = new ioredis.Cluster(options.nodes.map(hostPort), {
      redisOptions: connectionOptions(options, seed),
      enableOfflineQueue: false,
      clusterRetryStrategy: (times: number) => Math.min(times * 100, 2000),
      slotsRefreshTimeout: CONNECT_TIMEOUT_MS,
      shardedSubscribers: sharded,
      ...(options.clusterOptions as object),
    })
    client = cluster
    subscriber = cluster
    description = `a Redis Cluster (${sharded ? 'sharded' : 'classic'} pub/sub)`
  } else {
    const base = connectionOptions(options, seed)
    client = new ioredis.Redis(seed ? { ...hostPort(seed), ...base } : base)
    // Subscriptions are queued until connected, and ioredis makes them again on reconnect.
    subscriber = new ioredis.Redis(
      seed
        ? { ...hostPort(seed), ...base, enableOfflineQueue: true }
        : { ...base, enableOfflineQueue: true },
    )
    description = 'one Redis'
  }
  // An unhandled 'error' event would crash the process; failures reach the commands.
  client.on('error', () => {})
  if (subscriber !== client) subscriber.on('error', () => {})
  subscriber.on(sharded ? 'smessage' : 'message', deliver)
  for (const [name, lua] of Object.entries(SCRIPTS)) {
    client.defineCommand(name, { numberOfKeys: 1, lua })
  }
  const scripts = client as unknown as ScriptCommands
  try {
    await waitReady(client, 'Redis')
  } catch (error) {
    client.disconnect()
    if (subscriber !== client) subscriber.disconnect()
    throw error
  }
  description += ` ${topology.version.join('.')}`

  return {
    description,
    ping: async () => void (await client.ping()),
    get: (key) => client.get(k(key)),
    set: async (key, value, ttlMs) => void (await client.set(k(key), value, 'PX', ms(ttlMs))),
    setIfAbsent: async (key, value, ttlMs) =>
      (await client.set(k(key), value, 'PX', ms(ttlMs), 'NX')) === 'OK',
    // GETDEL (Redis 6.2+) is atomic: two instances exchanging one hand-off link cannot both win.
    take: (key) => client.getdel(k(key)),
    deleteIfEquals: async (key, value) => void (await scripts.kycDeleteIfEquals(k(key), value)),
    setIfNewer: async (key, value, version, ttlMs) =>
      (await scripts.kycSetIfNewer(k(key), value, String(version), ms(ttlMs))) === 1,
    async getVersioned(key) {
      const [version, value] = await client.hmget(k(key), 'v', 'd')
      return version == null || value == null ? null : { value, version: Number(version) }
    },
    async takeToken(key, { capacity, periodMs, reserve = 0, cost = 1 }): Promise<TakeResult> {
      const [ok, wait] = await scripts.kycTakeToken(
        k(key),
        String(capacity),
        ms(periodMs),
        String(reserve),
        String(cost),
      )
      return ok === 1 ? { ok: true } : { ok: false, retryAfterMs: Math.max(1, wait) }
    },
    async hit(key, limit, windowMs): Promise<HitResult> {
      const [count, ttl] = await scripts.kycHit(k(key), ms(windowMs))
      return count <= limit
        ? { ok: true, count }
        : { ok: false, retryAfterMs: Math.max(1, ttl), count }
    },
    publish: async (channel, message) =>
      void (await (sharded
        ? client.spublish(k(channel), message)
        : client.publish(k(channel), message))),
    listen: async (channel) =>
      void (await (sharded ? subscriber.ssubscribe(k(channel)) : subscriber.subscribe(k(channel)))),
    unlisten: async (channel) =>
      void (await (sharded
        ? subscriber.sunsubscribe(k(channel))
        : subscriber.unsubscribe(k(channel)))),
    async close() {
      client.disconnect()
      if (subscriber !== client) subscriber.disconnect()
    },
  }
}
