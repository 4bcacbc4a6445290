/**
 * `kyc-uploader/server/redis`: the proxy's store for several instances, on Redis. An entry of its
 * own so that `kyc-uploader/server` names no `ioredis` at all: a host that does not use Redis
 * never installs it, and its bundler (Next.js, for one) never looks for it.
 */
export {
  createRedisStore,
  type RedisConnectionOptions,
  type RedisStoreOptions,
} from './store/redis-store.ts'
