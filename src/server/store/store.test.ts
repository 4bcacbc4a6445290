// The one contract every store adapter keeps, run against memory and a real Redis alike.
import { startRedisServer, type RunningRedis } from '../testing/redis-server.ts'
import { createMemoryStore } from './memory-store.ts'
import { createRedisStore } from './redis-store.ts'
import type { KycStore } from './types.ts'

let redis: RunningRedis | undefined

beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await redis?.stop()
})

const adapters: [string, () => Promise<KycStore>][] = [
  ['memory', async () => createMemoryStore()],
  [
    'redis',
    () =>
      createRedisStore({
        url: redis?.url ?? '',
        keyPrefix: `test-${crypto.randomUUID()}:`,
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
    const bucket = { capacity: 10, periodMs: 1000 }
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
    expect(refused && !refused.ok && refused.retryAfterMs).toBeLessThanOrEqual(100)
    await sleep(250)
    expect(await store.takeToken('budget', bucket)).toEqual({ ok: true })
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

describe('the redis store when Redis goes away', () => {
  it('falls back to memory at once, logs it once, and uses Redis again when it is back', async () => {
    const lines: string[] = []
    const store = await createRedisStore({
      url: redis?.url ?? '',
      keyPrefix: `down-${crypto.randomUUID()}:`,
      log: (line) => lines.push(line),
    })
    try {
      await store.set('a', 'shared', 60_000)
      await redis?.stop()
      const started = performance.now()
      expect(await store.setIfAbsent('lock', 'x', 5000)).toBe(true)
      expect(await store.get('a')).toBeNull() // what only Redis held is not here
      expect(performance.now() - started).toBeLessThan(1000)
      expect(lines.filter((line) => line.includes('unreachable'))).toHaveLength(1)

      await redis?.start()
      await vi.waitFor(
        async () => {
          await store.set('b', 'again', 60_000)
          expect(lines.some((line) => line.includes('back'))).toBe(true)
        },
        { timeout: 10_000, interval: 200 },
      )
      expect(await store.get('b')).toBe('again')
    } finally {
      await store.close()
    }
  })
})
