// Two proxy instances on one real Redis and on a real three-master Redis Cluster reached through
// one node (issues #10 and 19): they behave as one, and stay correct while Redis is down, hung
// and back.
import { Cluster, Redis } from 'ioredis'
import { startSandboxServer, type SandboxServer } from '../sandbox/index.ts'
import { createKycProxy, type KycProxyOptions } from './index.ts'
import type { PublicCustomer } from './public-fields.ts'
import { createRedisStore } from './store/redis-store.ts'
import type { KycStore } from './store/types.ts'
import { multipartPdf, postStream, type RunningServer, serveHandler } from './testing/http.ts'
import { type RunningCluster, startRedisCluster } from './testing/redis-cluster.ts'
import { startRedisServer, type RunningRedis } from './testing/redis-server.ts'
import { closeEventStreams, openEvents } from './testing/sse.ts'
import { CLIENT_ID, CLIENT_SECRET, PREFIX, WEBHOOK_SECRET } from './testing/stack.ts'
import type { FetchFunction } from './provider.ts'

let redis: RunningRedis
let redisCluster: RunningCluster
beforeAll(async () => {
  ;[redis, redisCluster] = await Promise.all([startRedisServer(), startRedisCluster()])
})
afterAll(() => Promise.all([redis.stop(), redisCluster.stop()]))

interface Pair {
  sandbox: SandboxServer
  a: string
  b: string
  calls: { url: string; status: number }[]
  logs: string[]
  stores: KycStore[]
  keyPrefix: string
  cookie: string
  customer: PublicCustomer
  close(): Promise<void>
}

let pair: Pair | undefined
afterEach(async () => {
  closeEventStreams()
  await pair?.close()
  pair = undefined
})

/** A sandbox whose webhooks go to instance A, and instances A and B sharing one Redis (or cluster). */
async function startPair(
  sandboxOptions: Parameters<typeof startSandboxServer>[0] = {},
  proxyOptions: Partial<KycProxyOptions> = {},
  redisUrl = redis.url,
  commandTimeoutMs = 3000,
) {
  const handlers: ((request: Request) => Promise<Response>)[] = []
  const servers: RunningServer[] = []
  for (let index = 0; index < 2; index += 1) {
    servers.push(
      await serveHandler((request) =>
        (handlers[index] as (r: Request) => Promise<Response>)(request),
      ),
    )
  }
  const [serverA, serverB] = servers as [RunningServer, RunningServer]
  const sandbox = await startSandboxServer({
    port: 0,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    reviewDelayMs: 200,
    webhook: {
      url: `${serverA.url}${PREFIX}/webhooks`,
      secret: WEBHOOK_SECRET,
      retryDelaysMs: [200, 500],
    },
    ...sandboxOptions,
  })
  const calls: { url: string; status: number }[] = []
  const logs: string[] = []
  const spy: FetchFunction = async (url, init) => {
    const response = await fetch(url, init)
    calls.push({ url, status: response.status })
    return response
  }
  const keyPrefix = `pair-${crypto.randomUUID()}:`
  const stores: KycStore[] = []
  const customer = sandbox.sandbox.control.createCustomer('person-cnh')
  for (let index = 0; index < 2; index += 1) {
    const store = await createRedisStore({
      url: redisUrl,
      keyPrefix,
      // Generous on a loaded test machine, unless a test is about the deadline.
      commandTimeoutMs,
      log: (line) => logs.push(line),
    })
    stores.push(store)
    handlers[index] = createKycProxy({
      providerBaseUrl: sandbox.url,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      prefix: PREFIX,
      webhookSecret: WEBHOOK_SECRET,
      store,
      fetch: spy,
      log: () => {},
      // The session cookie names the customer its user may act on.
      authorize: (request) =>
        /^sid=(cust_[0-9a-f]{32})$/.exec(request.headers.get('cookie') ?? '')?.[1],
      ...proxyOptions,
    })
  }
  const result: Pair = {
    sandbox,
    a: `${serverA.url}${PREFIX}`,
    b: `${serverB.url}${PREFIX}`,
    calls,
    logs,
    stores,
    keyPrefix,
    cookie: `sid=${customer.id}`,
    customer,
    async close() {
      await Promise.all(servers.map((server) => server.close()))
      await sandbox.close()
      await Promise.all(stores.map((store) => store.close()))
    },
  }
  return result
}

/** The customers a stream on `url` has been sent so far. */
async function statusEvents(url: string, cookie: string) {
  const stream = await openEvents(url, { cookie })
  if (!stream.response.ok) throw new Error(`no stream: ${stream.response.status}`)
  return stream.events
}

const cnhStatus = (customer: PublicCustomer | undefined) =>
  customer?.kyc.find((item) => item.type === 'cnh')?.status

describe.each([
  ['one Redis', () => redis.url, false],
  // A managed cluster's configuration endpoint: the URL of one node.
  ['a Redis Cluster reached through one node', () => redisCluster.urls[0] ?? '', true],
])('two instances on %s', (_, url, clustered) => {
  it('one webhook at instance A reaches a stream on instance B; reads on both cost one provider call and one token', async () => {
    pair = await startPair({}, {}, url())
    const { a, b, cookie, customer } = pair
    const events = await statusEvents(`${b}/customers/${customer.id}/events`, cookie)
    await vi.waitFor(() => expect(events).toHaveLength(1), { timeout: 5000 })
    const reads = await Promise.all(
      [a, b, a, b, a, b].map((base) =>
        fetch(`${base}/customers/${customer.id}`, { headers: { cookie } }),
      ),
    )
    expect(reads.map((read) => read.status)).toEqual([200, 200, 200, 200, 200, 200])
    const customerCalls = () =>
      pair?.calls.filter((call) => call.url.endsWith(`/customers/${customer.id}`)) ?? []
    expect(customerCalls(), pair.logs.join('\n')).toHaveLength(1)
    expect(pair.calls.filter((call) => call.url.endsWith('/auth/token'))).toHaveLength(1)

    const upload = await postStream(
      `${a}/customers/${customer.id}/documents`,
      multipartPdf({ type: 'cnh', fileSize: 8192 }),
      {
        cookie,
      },
    )
    expect(upload.status).toBe(201)
    await vi.waitFor(() => expect(cnhStatus(events.at(-1)?.customer)).toBe('approved'), {
      timeout: 5000,
    })
    expect(customerCalls()).toHaveLength(1)
    expect(pair.calls.filter((call) => call.url.endsWith('/auth/token'))).toHaveLength(1)
    // Nothing of it was taken for an outage, and the token in Redis is sealed.
    expect(pair.logs).toEqual([])
    const raw = clustered
      ? new Cluster([{ host: '127.0.0.1', port: Number(new URL(url()).port) }])
      : new Redis(url())
    try {
      const sealed = (await raw.get(`${pair.keyPrefix}{provider-token}`)) ?? ''
      expect(sealed).toMatch(/^v1\./)
      expect(sealed).not.toContain('sbx_at_')
    } finally {
      raw.disconnect()
    }
    if (clustered) {
      // Keys on every node: slots spread, not one hot node.
      expect((await redisCluster.keysPerNode()).every((keys) => keys > 0)).toBe(true)
    }
  })

  it('the budget holds across both instances: together they stay under the provider’s limit', async () => {
    pair = await startPair({ rateLimit: { limit: 120, windowMs: 60_000 } }, {}, url())
    const { a, b, sandbox } = pair
    const customers = Array.from({ length: 40 }, () =>
      sandbox.sandbox.control.createCustomer('person-cnh'),
    )
    const answers = await Promise.all(
      customers.map((customer, index) =>
        fetch(`${index % 2 === 0 ? a : b}/customers/${customer.id}`, {
          headers: { cookie: `sid=${customer.id}` },
        }),
      ),
    )
    // One bucket of 15 for both (120 announced), the token taking 1 and first reads leaving 1 for
    // first uploads: 13 reads at once and a few more that waited for a refill, not that many for
    // each instance.
    const served = answers.filter((answer) => answer.status === 200).length
    expect(served).toBeGreaterThanOrEqual(13)
    expect(served).toBeLessThanOrEqual(22)
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(40 - served)
    expect(pair.calls.filter((call) => call.status === 429)).toEqual([])
  })

  it('a customer’s upload limit holds across both instances: the third upload is refused wherever it lands', async () => {
    pair = await startPair({}, { uploadRateLimit: { limit: 2, windowMs: 60_000 } }, url())
    const { a, b, cookie, customer, sandbox } = pair
    const upload = (base: string, type: string) =>
      postStream(
        `${base}/customers/${customer.id}/documents`,
        multipartPdf({ type, fileSize: 4096 }),
        {
          cookie,
        },
      )
    expect((await upload(a, 'cnh')).status).toBe(201)
    expect((await upload(b, 'selfie')).status).toBe(201)
    const refused = await upload(a, 'cnh')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(50)
    expect((await upload(b, 'selfie')).status).toBe(429)
    // Another customer's uploads are counted apart.
    const other = sandbox.sandbox.control.createCustomer('person-cnh')
    const otherUpload = await postStream(
      `${b}/customers/${other.id}/documents`,
      multipartPdf({ type: 'cnh', fileSize: 4096 }),
      { cookie: `sid=${other.id}` },
    )
    expect(otherUpload.status).toBe(201)
    expect(sandbox.sandbox.control.documents(customer.id)).toHaveLength(2)
  })
})

it('Redis killed mid-run: both keep serving from the provider, say so once, and share again once it is back', async () => {
  pair = await startPair()
  const { a, b, cookie, customer } = pair
  expect((await fetch(`${a}/customers/${customer.id}`, { headers: { cookie } })).status).toBe(200)
  await redis.stop()
  const whileDown = await Promise.all(
    [a, b].map((base) => fetch(`${base}/customers/${customer.id}`, { headers: { cookie } })),
  )
  expect(whileDown.map((read) => read.status)).toEqual([200, 200])
  expect(pair.logs.filter((line) => line.includes('unreachable')).length).toBeGreaterThanOrEqual(1)
  expect(pair.logs.filter((line) => line.includes('unreachable')).length).toBeLessThanOrEqual(2)

  await redis.start()
  const events = await statusEvents(`${b}/customers/${customer.id}/events`, cookie)
  await vi.waitFor(
    async () => {
      await fetch(`${a}/customers/${customer.id}`, { headers: { cookie } })
      // Both instances found Redis again (each says so once).
      expect(pair?.logs.filter((line) => line.includes('Redis is back'))).toHaveLength(2)
    },
    { timeout: 10_000, interval: 300 },
  )
  await vi.waitFor(() => expect(events.length).toBeGreaterThanOrEqual(1), { timeout: 5000 })
  const upload = await postStream(
    `${a}/customers/${customer.id}/documents`,
    multipartPdf({ type: 'cnh', fileSize: 8192 }),
    {
      cookie,
    },
  )
  expect(upload.status).toBe(201)
  await vi.waitFor(() => expect(cnhStatus(events.at(-1)?.customer)).toBe('approved'), {
    timeout: 8000,
  })
})

it('Redis down: a decision that reaches instance A by webhook reaches a read and a stream on B within the short maximum age, B marking what it serves alone as stale', async () => {
  pair = await startPair({ reviewDelayMs: 1500 }, { degradedStatusMaxAgeMs: 1000 })
  const { a, b, cookie, customer, sandbox } = pair
  const readOn = (base: string) =>
    fetch(`${base}/customers/${customer.id}`, { headers: { cookie } })
  expect((await readOn(b)).status).toBe(200)
  const events = await statusEvents(`${b}/customers/${customer.id}/events`, cookie)
  await vi.waitFor(() => expect(events).toHaveLength(1), { timeout: 5000 })
  await redis.stop()
  try {
    const upload = await postStream(
      `${a}/customers/${customer.id}/documents`,
      multipartPdf({ type: 'cnh', fileSize: 8192 }),
      { cookie },
    )
    expect(upload.status).toBe(201)
    // B on its own: what it read itself, for a second at most, and marked stale.
    await readOn(b)
    const served = await readOn(b)
    expect(served.headers.get('x-kyc-stale')).toBe('true')
    expect(Number(served.headers.get('age'))).toBeGreaterThanOrEqual(0)

    // The reviewer decides; the provider's webhook reaches A only.
    await vi.waitFor(
      () => expect(sandbox.sandbox.control.documents(customer.id)[0]?.status).toBe('approved'),
      { timeout: 5000, interval: 50 },
    )
    const decidedAt = Date.now()
    await vi.waitFor(
      async () => expect(cnhStatus(await (await readOn(b)).json())).toBe('approved'),
      {
        timeout: 2500,
        interval: 100,
      },
    )
    await vi.waitFor(() => expect(cnhStatus(events.at(-1)?.customer)).toBe('approved'), {
      timeout: 2500,
      interval: 50,
    })
    console.log(`outage: decision on B's read and stream ${Date.now() - decidedAt} ms after it`)
  } finally {
    await redis.start()
  }
  // Back: both say so once, and B's reads are whole (not stale) again.
  await vi.waitFor(
    () => expect(pair?.logs.filter((line) => line.includes('Redis is back'))).toHaveLength(2),
    { timeout: 10_000, interval: 200 },
  )
  expect((await readOn(b)).headers.get('x-kyc-stale')).toBeNull()
})

it('Redis hung (SIGSTOP): no read waits past the deadline; it is said once per instance; SIGCONT and it is shared again', async () => {
  pair = await startPair({}, {}, redis.url, 300)
  const { a, b, cookie, customer } = pair
  const readOn = (base: string) =>
    fetch(`${base}/customers/${customer.id}`, { headers: { cookie } })
  expect((await readOn(a)).status).toBe(200)
  redis.pause()
  try {
    const durations: number[] = []
    for (const base of [a, b, a, b]) {
      const started = performance.now()
      expect((await readOn(base)).status).toBe(200)
      durations.push(performance.now() - started)
    }
    // One command meets the 300 ms deadline per instance, then memory; never minutes.
    expect(Math.max(...durations)).toBeLessThan(1500)
    expect(pair.logs.filter((line) => line.includes('not answering within 300 ms'))).toHaveLength(2)
  } finally {
    redis.resume()
  }
  await vi.waitFor(
    () => expect(pair?.logs.filter((line) => line.includes('Redis is back'))).toHaveLength(2),
    { timeout: 10_000, interval: 200 },
  )
})
