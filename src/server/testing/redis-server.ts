// A real Redis for the tests: Debian's `redis-server` on a free port, nothing written to disk
// (scripts/lib/redis.mjs, shared with the benchmarks).
export { type RunningRedis, startRedisServer } from '../../../scripts/lib/redis.mjs'
