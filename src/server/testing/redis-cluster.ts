// A real Redis Cluster for the tests: three `redis-server --cluster-enabled yes` masters joined by
// `redis-cli --cluster create` (scripts/lib/redis.mjs, shared with the benchmarks).
export { type RunningCluster, startRedisCluster } from '../../../scripts/lib/redis.mjs'
