// The one contract every store adapter keeps, run against memory, one real Redis and a real
// three-master Redis Cluster alike; then what the Redis store does when Redis dies, hangs
// (SIGSTOP) and comes back.
import { Redis } from 'ioredis'
import { type RunningCluster, startRedisCluster } from '../testing/redis-cluster.ts'
import { startRedisServer, type RunningRedis } from '../testing/redis-server.ts'
import { createMemoryStore } from './memory-store.ts'
import { createRedisStore } from './redis-store.ts'
import type { KycStore } from './types.ts'

let redis: RunningRedis | undefined
let cluster: RunningCluster | undefined

beforeAll(async () => {
  ;[redis, cluster] = await Promise.all([startRedisServer(), startRedisCluster()])
})
afterAll(async () => {
  await Promise.all([redis?.stop(), cluster?.stop()])
})

const adapters: [string, () => Promise<KycStore>][] = [
  ['memory', async () => createMemoryStore()],
  [
    'redis',
    () =>
      createRedisStore({
        url: redis?.url ?? '',
        keyPrefix: `test-${crypto.randomUUID()}:`,
        // The contract, not the deadline (tested below): a loaded test machine must not turn a
        // slow answer into this instance's memory mid-contract.
        commandTimeoutMs: 5000,
        log: () => {},
      }),
  ],
  [
    'redis cluster',
    () =>
      // One node's URL, as a managed cluster's configuration endpoint is given.
      createRedisStore({
        url: cluster?.urls[0] ?? '',
        keyPrefix: `test-${crypto.randomUUID()}:`,
        commandTimeoutMs: 5000,
        log: () => {},
      }),
  ],
]

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.each(adapters)('the %s store', (_, make) => {
  let store: KycStore
  beforeEach(async () => {
    store = await make()
  })
  afterEach(() => store.close())

  it('keeps a value for its lifetime only', async () => {
    expect(await store.get('a')).toBeNull()
    await store.set('a', 'one', 150)
    expect(await store.get('a')).toBe('one')
    await sleep(250)
    expect(await store.get('a')).toBeNull()
  })

  it('sets a key once (a lock, a seen webhook id) and releases it only for its owner', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => store.setIfAbsent('lock', `owner-${index}`, 5000)),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
    const owner = await store.get('lock')
    await store.deleteIfEquals('lock', 'someone-else')
    expect(await store.get('lock')).toBe(owner)
    await store.deleteIfEquals('lock', owner ?? '')
    expect(await store.setIfAbsent('lock', 'next', 5000)).toBe(true)
  })

  it('hands a value to exactly one of many concurrent takers (a single-use token), then to none', async () => {
    await store.set('token', 'cust_1', 5000)
    const taken = await Promise.all(Array.from({ length: 10 }, () => store.take('token')))
    expect(taken.filter((value) => value !== null)).toEqual(['cust_1'])
    expect(await store.take('token')).toBeNull()
    expect(await store.get('token')).toBeNull()
    await store.set('short', 'cust_2', 100)
    await sleep(200)
    expect(await store.take('short')).toBeNull()
  })

  it('never lets an older version overwrite a newer one', async () => {
    expect(await store.setIfNewer('status', 'v2', 2000, 5000)).toBe(true)
    expect(await store.setIfNewer('status', 'v1', 1000, 5000)).toBe(false)
    expect(await store.getVersioned('status')).toEqual({ value: 'v2', version: 2000 })
    expect(await store.setIfNewer('status', 'v2-again', 2000, 5000)).toBe(true)
    expect(await store.setIfNewer('status', 'v3', 3000, 5000)).toBe(true)
    expect(await store.getVersioned('status')).toEqual({ value: 'v3', version: 3000 })
    expect(await store.getVersioned('nothing')).toBeNull()
  })

  it('a token bucket gives its capacity, keeps a reserve for the first in line, refills over time', async () => {
    // A token every 6 s: however slow the burst, it refills nothing, on any backend.
    const bucket = { capacity: 10, periodMs: 60_000 }
    const low = await Promise.all(
      Array.from({ length: 10 }, () => store.takeToken('budget', { ...bucket, reserve: 4 })),
    )
    expect(low.filter((result) => result.ok)).toHaveLength(6)
    const high = await Promise.all(
      Array.from({ length: 6 }, () => store.takeToken('budget', bucket)),
    )
    expect(high.filter((result) => result.ok)).toHaveLength(4)
    const refused = high.find((result) => !result.ok)
    expect(refused).toMatchObject({ ok: false })
    expect(refused && !refused.ok && refused.retryAfterMs).toBeLessThanOrEqual(6000)
    // A fast bucket, emptied, is full again after its period.
    const fast = { capacity: 1, periodMs: 300 }
    expect(await store.takeToken('fast', fast)).toEqual({ ok: true })
    await sleep(400)
    expect(await store.takeToken('fast', fast)).toEqual({ ok: true })
  })

  it('counts hits in a fixed window and says when it reopens', async () => {
    const results = []
    for (let index = 0; index < 5; index += 1) results.push(await store.hit('session', 3, 300))
    expect(results.map((result) => result.ok)).toEqual([true, true, true, false, false])
    expect(results.map((result) => result.count)).toEqual([1, 2, 3, 4, 5])
    const last = results[4]
    expect(last && !last.ok && last.retryAfterMs).toBeGreaterThan(0)
    await sleep(400)
    expect(await store.hit('session', 3, 300)).toEqual({ ok: true, count: 1 })
  })

  it('publishes to every subscriber of a channel, and only to them', async () => {
    const a: string[] = []
    const b: string[] = []
    const stopA = await store.subscribe('customer:1', (message) => a.push(message))
    await store.subscribe('customer:2', (message) => b.push(message))
    await sleep(50)
    await store.publish('customer:1', 'hello')
    await vi.waitFor(() => expect(a).toEqual(['hello']))
    await stopA()
    await sleep(50)
    await store.publish('customer:1', 'gone')
    await sleep(100)
    expect(a).toEqual(['hello'])
    expect(b).toEqual([])
  })
})

describe('the redis store as fintechs run Redis', () => {
  it('on a cluster reached through one node: keys land on every node, none of it taken for an outage', async () => {
    const lines: string[] = []
    const store = await createRedisStore({
      url: cluster?.urls[1] ?? '',
      keyPrefix: `spread-${crypto.randomUUID()}:`,
      commandTimeoutMs: 5000,
      log: (line) => lines.push(line),
    })
    try {
      const before = (await cluster?.keysPerNode()) ?? []
      for (let index = 0; index < 60; index += 1) {
        await store.set(`status:cust_${index}`, 'x', 60_000)
        await store.hit(`session-reads:host:cust_${index}`, 100, 60_000)
        await store.setIfNewer(`status-v:cust_${index}`, 'x', index, 60_000)
      }
      const after = (await cluster?.keysPerNode()) ?? []
      expect(after.map((count, node) => count - (before[node] ?? 0)).every((n) => n > 0)).toBe(true)
      expect(store.degraded?.()).toBe(false)
      expect(lines).toEqual([])
    } finally {
      await store.close()
    }
  })

  it('a killed Redis: memory at once, said once; restarted: used again, said once, what was kept alone dropped', async () => {
    const own = await startRedisServer()
    const lines: string[] = []
    const store = await createRedisStore({
      url: own.url,
      keyPrefix: `down-${crypto.randomUUID()}:`,
      log: (line) => lines.push(line),
    })
    try {
      await store.set('a', 'shared', 60_000)
      await own.stop()
      const started = performance.now()
      expect(await store.setIfAbsent('lock', 'x', 60_000)).toBe(true)
      expect(await store.get('a')).toBeNull() // what only Redis held is not here
      await store.set('alone', 'this instance only', 60_000)
      expect(performance.now() - started).toBeLessThan(1000)
      expect(store.degraded?.()).toBe(true)
      expect(
        lines.filter((line) => line.includes('unreachable')),
        lines.join('\n'),
      ).toHaveLength(1)

      await own.start()
      await vi.waitFor(() => expect(store.degraded?.()).toBe(false), {
        timeout: 10_000,
        interval: 200,
      })
      expect(
        lines.filter((line) => line.includes('Redis is back')),
        lines.join('\n'),
      ).toHaveLength(1)
      expect(await store.get('alone')).toBeNull() // dropped: the shared state is the truth
      await store.set('b', 'again', 60_000)
      expect(await store.get('b')).toBe('again')
    } finally {
      await store.close()
      await own.stop()
    }
  })

  it('a hung Redis (SIGSTOP): no call waits past the deadline; it is said once; SIGCONT brings it back', async () => {
    const own = await startRedisServer()
    const lines: string[] = []
    const store = await createRedisStore({
      url: own.url,
      keyPrefix: `hung-${crypto.randomUUID()}:`,
      commandTimeoutMs: 200,
      log: (line) => lines.push(line),
    })
    try {
      await store.set('a', 'shared', 60_000)
      own.pause()
      const durations: number[] = []
      for (const call of [
        () => store.get('a'),
        () => store.hit('limit', 10, 60_000),
        () => store.setIfAbsent('lock', 'x', 5000),
        () => store.publish('channel', 'hello'),
        () => store.takeToken('budget', { capacity: 10, periodMs: 10_000 }),
      ]) {
        const started = performance.now()
        await call()
        durations.push(performance.now() - started)
      }
      // No call waits past the deadline; once a ping missed it too (the second deadline), every
      // call goes to memory at once.
      expect(Math.max(...durations)).toBeLessThan(200 + 300)
      expect(durations.slice(2).every((ms) => ms < 100)).toBe(true)
      expect(lines).toEqual([
        "kyc-proxy: Redis is not answering within 200 ms; serving from this instance's memory until it is back",
      ])
      own.resume()
      await vi.waitFor(() => expect(store.degraded?.()).toBe(false), { timeout: 5000 })
      expect(await store.get('a')).toBe('shared')
    } finally {
      own.resume()
      await store.close()
      await own.stop()
    }
  })

  it('a command Redis refuses is said to be refused, once, and is not an outage', async () => {
    const lines: string[] = []
    const keyPrefix = `refused-${crypto.randomUUID()}:`
    const store = await createRedisStore({
      url: redis?.url ?? '',
      keyPrefix,
      commandTimeoutMs: 5000,
      log: (line) => lines.push(line),
    })
    const raw = new Redis(redis?.url ?? '')
    try {
      // Something else wrote a hash where the limiter counts: INCR fails inside the script.
      await raw.hset(`${keyPrefix}{limit}`, 'x', '1')
      expect(await store.hit('limit', 10, 60_000)).toMatchObject({ ok: true })
      await store.hit('limit', 10, 60_000)
      expect(store.degraded?.()).toBe(false)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^kyc-proxy: Redis refused a command \(.*WRONGTYPE/)
      expect(lines.join('\n')).not.toContain('unreachable')
      // A window that is not a whole number of milliseconds still expires.
      const hit = await store.hit('fractional', 1, 60_000.5)
      expect(hit).toEqual({ ok: true, count: 1 })
      expect(await raw.pttl(`${keyPrefix}{fractional}`)).toBeGreaterThan(59_000)
    } finally {
      raw.disconnect()
      await store.close()
    }
  })

  it('refuses options Redis cannot use, at start-up, naming them', async () => {
    await expect(createRedisStore({ url: 'http://x' })).rejects.toThrow(/createRedisStore: /)
    await expect(createRedisStore({ url: redis?.url ?? '', keyPrefix: '{app}:' })).rejects.toThrow(
      /keyPrefix/,
    )
    await expect(
      createRedisStore({ url: redis?.url ?? '', commandTimeoutMs: 250.5 }),
    ).rejects.toThrow(/commandTimeoutMs/)
    await expect(createRedisStore({})).rejects.toThrow(/url/)
  })
})
