// Two proxy instances on one real Redis (issue #10, 5): they behave as one, and survive Redis
// going away and coming back.
import { startSandboxServer, type SandboxServer } from '../sandbox/index.ts'
import { createKycProxy, type KycProxyOptions } from './index.ts'
import type { PublicCustomer } from './public-fields.ts'
import { createRedisStore } from './store/redis-store.ts'
import type { KycStore } from './store/types.ts'
import { multipartPdf, postStream, type RunningServer, serveHandler } from './testing/http.ts'
import { startRedisServer, type RunningRedis } from './testing/redis-server.ts'
import { closeEventStreams, openEvents } from './testing/sse.ts'
import { CLIENT_ID, CLIENT_SECRET, PREFIX, WEBHOOK_SECRET } from './testing/stack.ts'
import type { FetchFunction } from './provider.ts'

let redis: RunningRedis
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(() => redis.stop())

interface Cluster {
  sandbox: SandboxServer
  a: string
  b: string
  calls: { url: string; status: number }[]
  logs: string[]
  stores: KycStore[]
  cookie: string
  customer: PublicCustomer
  close(): Promise<void>
}

let cluster: Cluster | undefined
afterEach(async () => {
  closeEventStreams()
  await cluster?.close()
  cluster = undefined
})

/** A sandbox whose webhooks go to instance A, and instances A and B sharing one Redis. */
async function startCluster(
  sandboxOptions: Parameters<typeof startSandboxServer>[0] = {},
  proxyOptions: Partial<KycProxyOptions> = {},
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
  const keyPrefix = `cluster-${crypto.randomUUID()}:`
  const stores: KycStore[] = []
  const customer = sandbox.sandbox.control.createCustomer('person-cnh')
  for (let index = 0; index < 2; index += 1) {
    const store = await createRedisStore({
      url: redis.url,
      keyPrefix,
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
  const result: Cluster = {
    sandbox,
    a: `${serverA.url}${PREFIX}`,
    b: `${serverB.url}${PREFIX}`,
    calls,
    logs,
    stores,
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

it('one webhook at instance A reaches a stream on instance B; reads on both cost one provider call and one token', async () => {
  cluster = await startCluster()
  const { a, b, cookie, customer } = cluster
  const events = await statusEvents(`${b}/customers/${customer.id}/events`, cookie)
  await vi.waitFor(() => expect(events).toHaveLength(1), { timeout: 5000 })
  const reads = await Promise.all(
    [a, b, a, b, a, b].map((base) =>
      fetch(`${base}/customers/${customer.id}`, { headers: { cookie } }),
    ),
  )
  expect(reads.map((read) => read.status)).toEqual([200, 200, 200, 200, 200, 200])
  const customerCalls = () =>
    cluster?.calls.filter((call) => call.url.endsWith(`/customers/${customer.id}`)) ?? []
  expect(customerCalls(), cluster.logs.join('\n')).toHaveLength(1)
  expect(cluster.calls.filter((call) => call.url.endsWith('/auth/token'))).toHaveLength(1)

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
  expect(cluster.calls.filter((call) => call.url.endsWith('/auth/token'))).toHaveLength(1)
})

it('the budget holds across both instances: together they stay under the provider’s limit', async () => {
  cluster = await startCluster({ rateLimit: { limit: 120, windowMs: 60_000 } })
  const { a, b, sandbox } = cluster
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
  expect(cluster.calls.filter((call) => call.status === 429)).toEqual([])
})

it('a customer’s upload limit holds across both instances: the third upload is refused wherever it lands', async () => {
  cluster = await startCluster({}, { uploadRateLimit: { limit: 2, windowMs: 60_000 } })
  const { a, b, cookie, customer, sandbox } = cluster
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

it('Redis killed mid-run: both keep serving from the provider, say so once, and share again once it is back', async () => {
  cluster = await startCluster()
  const { a, b, cookie, customer } = cluster
  expect((await fetch(`${a}/customers/${customer.id}`, { headers: { cookie } })).status).toBe(200)
  await redis.stop()
  const whileDown = await Promise.all(
    [a, b].map((base) => fetch(`${base}/customers/${customer.id}`, { headers: { cookie } })),
  )
  expect(whileDown.map((read) => read.status)).toEqual([200, 200])
  expect(cluster.logs.filter((line) => line.includes('unreachable')).length).toBeGreaterThanOrEqual(
    1,
  )
  expect(cluster.logs.filter((line) => line.includes('unreachable')).length).toBeLessThanOrEqual(2)

  await redis.start()
  const events = await statusEvents(`${b}/customers/${customer.id}/events`, cookie)
  await vi.waitFor(
    async () => {
      await fetch(`${a}/customers/${customer.id}`, { headers: { cookie } })
      // Both instances found Redis again (each says so once).
      expect(cluster?.logs.filter((line) => line.includes('Redis is back'))).toHaveLength(2)
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
