// The Redis store's options: what a host passes (typed without `ioredis`, so a host's strict
// type check never loads ioredis' own declarations through ours), checked once at start-up.

/**
 * Options of each Redis connection, passed to `ioredis` as they are: `username`, `password`,
 * `db`, `tls` (e.g. `{ ca }`), `sentinels` with `name` (Redis Sentinel), `connectionName`,
 * `family`… See ioredis' `RedisOptions`.
 */
export type RedisConnectionOptions = Readonly<Record<string, unknown>>

export interface RedisStoreOptions {
  /**
   * `redis://[user:password@]host:port[/db]`, or `rediss://…` for TLS: one Redis, or any node of
   * a Redis Cluster (its configuration endpoint). Omit it with `redis.sentinels`.
   */
  url?: string | undefined
  /** Several nodes of one cluster (or one Redis), tried in order. Instead of `url`. */
  nodes?: readonly string[] | undefined
  /**
   * Whether the nodes form a Redis Cluster. Default: asked at start-up (`INFO`'s
   * `cluster_enabled`), and again until a node answers.
   */
  cluster?: boolean | undefined
  /** Prefix of every key and channel, so several apps can share one Redis. Default: `kyc:`. */
  keyPrefix?: string | undefined
  /**
   * Deadline of every Redis command, in whole milliseconds: past it the command takes the
   * fallback path (this instance's memory) as if Redis were down, and Redis is asked again in the
   * background. Default: 250.
   */
  commandTimeoutMs?: number | undefined
  /** Further options of each connection (TLS, Sentinel, credentials…). */
  redis?: RedisConnectionOptions | undefined
  /** Further options of the cluster client, e.g. `natMap` (ioredis' `ClusterOptions`). */
  clusterOptions?: RedisConnectionOptions | undefined
  /**
   * Receives one line when Redis goes away (unreachable, or not answering within the deadline),
   * one when it is back, and one per kind of command Redis refused. Default: `console.warn`.
   */
  log?: ((line: string) => void) | undefined
}

export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 250

export interface ResolvedRedisOptions {
  nodes: URL[]
  cluster: boolean | undefined
  keyPrefix: string
  commandTimeoutMs: number
  connection: RedisConnectionOptions
  clusterOptions: RedisConnectionOptions
  log: (line: string) => void
}

const fail = (message: string) => new TypeError(`createRedisStore: ${message}`)

/** Checks every option once, with a message that names it. */
export function resolveRedisOptions(options: RedisStoreOptions): ResolvedRedisOptions {
  const connection = options.redis ?? {}
  const sentinels = Array.isArray(connection.sentinels) && connection.sentinels.length > 0
  const given = options.nodes ?? (options.url === undefined ? [] : [options.url])
  if (given.length === 0 && !sentinels) throw fail('url (or nodes, or redis.sentinels) is required')
  const nodes = given.map((text) => {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      throw fail(`${JSON.stringify(text)} is not a redis:// or rediss:// URL`)
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
      throw fail(`${JSON.stringify(url.protocol)} is not redis: or rediss:`)
    }
    return url
  })
  const keyPrefix = options.keyPrefix ?? 'kyc:'
  // Keys carry their own hash tag ({…}); one in the prefix would put every key in one slot.
  if (typeof keyPrefix !== 'string' || /[{}]/.test(keyPrefix)) {
    throw fail('keyPrefix must be a string without { or }')
  }
  const commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS
  if (!Number.isInteger(commandTimeoutMs) || commandTimeoutMs < 1 || commandTimeoutMs > 60_000) {
    throw fail('commandTimeoutMs must be a whole number of milliseconds from 1 to 60000')
  }
  if (options.cluster !== undefined && typeof options.cluster !== 'boolean') {
    throw fail('cluster must be true, false or left out')
  }
  if (sentinels && options.cluster === true) throw fail('Sentinel and cluster cannot be combined')
  return {
    nodes,
    cluster: sentinels ? false : options.cluster,
    keyPrefix,
    commandTimeoutMs,
    connection,
    clusterOptions: options.clusterOptions ?? {},
    log: options.log ?? ((line: string) => console.warn(line)),
  }
}
