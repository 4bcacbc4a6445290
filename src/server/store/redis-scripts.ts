// The store's Lua scripts. Each touches the one key it is given (KEYS[1]), so on a Redis Cluster
// every script runs on the node holding that key's slot.

export const SET_IF_NEWER = `
local current = redis.call('HGET', KEYS[1], 'v')
if current and tonumber(current) > tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'd', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`

export const TAKE_TOKEN = `
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

export const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`

export const DELETE_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`

/** The scripts by the command name each is defined under (ioredis sends EVALSHA, then EVAL). */
export const SCRIPTS = {
  kycSetIfNewer: SET_IF_NEWER,
  kycTakeToken: TAKE_TOKEN,
  kycHit: HIT,
  kycDeleteIfEquals: DELETE_IF_EQUALS,
} as const
