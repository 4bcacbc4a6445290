import { detectTopology, openRedisBackend } from './redis-backend.ts'
import { type RedisStoreOptions, resolveRedisOptions } from './redis-options.ts'
import { createResilientStore } from './resilient-store.ts'
import type { KycStore } from './types.ts'

export type { RedisConnectionOptions, RedisStoreOptions } from './redis-options.ts'

/**
 * The store for several proxy instances: everything in Redis, status changes on its pub/sub.
 * Needs the `ioredis` package (an optional peer dependency), loaded only when this is called.
 *
 * Given one node (or several), it asks whether they form a Redis Cluster and uses a cluster
 * client if so (every key its own hash tag, so each script keeps to one slot; sharded pub/sub
 * from Redis 7.0, which reaches every instance). Every command has a deadline
 * (`commandTimeoutMs`): when Redis is unreachable or does not answer in time, every call falls
 * back to this instance's own memory at once (logged once) and Redis is asked again each
 * second; when it answers, what this instance kept alone is dropped and the shared state is used
 * again (logged once). A command Redis refuses is logged as such, once per kind, never taken
 * for an outage.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<KycStore> {
  const resolved = resolveRedisOptions(options)
  const ioredis = await import('ioredis')
  return createResilientStore({
    deadlineMs: resolved.commandTimeoutMs,
    log: resolved.log,
    async connect(onMessage) {
      const topology = await detectTopology(ioredis, resolved)
      if (topology === null) throw new Error('no Redis node answered')
      if (resolved.cluster !== undefined) topology.cluster = resolved.cluster
      return openRedisBackend(ioredis, resolved, topology, onMessage)
    },
  })
}
