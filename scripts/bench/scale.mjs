// Status at scale (issue #10): the sandbox at its 600-a-minute limit, two proxy instances (each
// its own process) on one Redis, then on a three-master Redis Cluster reached through one node
// (issue 19), and simulated widgets (Node clients that load, stream and poll
// as the widget does; not browsers) for thousands of customers in review, their reviews decided
// over the run. Prints provider calls a minute, the 429s users saw, webhook-to-client latency,
// memory per open stream; then the same without webhooks (polling), and the pass-through
// design's breaking point for comparison.
//
//   npm run bench -- scale            (SCALE_CUSTOMERS, default 5000; SCALE_SECONDS, default 120;
//                                      SCALE_POLLING_CUSTOMERS, default 200; SCALE_REDIS: one,
//                                      cluster or both, default both)
import { fork } from 'node:child_process'
import { setMaxListeners } from 'node:events'
import { fileURLToPath } from 'node:url'
import { startSandboxServer } from '../../dist/sandbox.js'
import { formatMs, percentile, result } from './stats.mjs'
import { freePort } from '../lib/free-port.mjs'
import { startRedisCluster, startRedisServer } from '../lib/redis.mjs'

const WEBHOOK_SECRET = `whsec_${Buffer.from('scale-bench-webhook-key-0123456').toString('base64')}`
const RATE_LIMIT = 600
const sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })

async function startProxy(env) {
  const script = fileURLToPath(new URL('./scale-proxy.mjs', import.meta.url))
  const child = fork(script, [], {
    env: { ...process.env, ...env },
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  // What the Redis store logged (an outage, a refused command): none is expected.
  const storeLines = []
  const url = await new Promise((resolve, reject) => {
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (data) => {
      out += data
      for (const [, line] of data.matchAll(/^STORE (.*)$/gm)) storeLines.push(line)
      const match = /READY (\S+)/.exec(out)
      if (match) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`proxy exited with ${code}`)))
  })
  return {
    url,
    api: `${url}/api/kyc`,
    memory: async () => (await fetch(`${url}/__memory`)).json(),
    storeLines,
    stop: () => child.kill(),
  }
}

/** Counts the sandbox's answers per minute of the run (every request to it is a provider call). */
function providerCounter() {
  const started = Date.now()
  const perMinute = []
  let refused = 0
  return {
    log(line) {
      if (!/^(GET|POST|PATCH|DELETE) \/v3\/(customers|auth)/.test(line)) return
      const minute = Math.floor((Date.now() - started) / 60_000)
      perMinute[minute] = (perMinute[minute] ?? 0) + 1
      if (/ 429 /.test(line)) refused += 1
    },
    perMinute: () => Array.from(perMinute, (count) => count ?? 0),
    refused: () => refused,
  }
}

/** One simulated widget: loads the customer, then streams (or polls as the widget backs off). */
function widget({ api, customerId, stream, seen, ready, refusals, stop }) {
  const headers = { cookie: `sid=${customerId}` }
  const note = (customer) => {
    if (!ready.has(customerId)) ready.set(customerId, Date.now())
    const item = customer?.kyc?.find((entry) => entry.type === 'cnh')
    if (item && item.status !== 'submitted' && !seen.has(customerId))
      seen.set(customerId, Date.now())
  }
  const read = async () => {
    const response = await fetch(`${api}/customers/${customerId}`, {
      headers,
      signal: stop.signal,
    }).catch(() => null)
    if (!response) return
    if (response.status === 429) refusals.count += 1
    if (response.ok) note(await response.json().catch(() => null))
    else await response.body?.cancel().catch(() => {})
  }
  async function poll(delay) {
    while (!stop.signal.aborted && !seen.has(customerId)) {
      await sleep(delay, stop.signal)
      if (stop.signal.aborted) return
      await read()
      delay = stream ? 60_000 : Math.min(30_000, delay * 1.5)
    }
  }
  async function follow() {
    const response = await fetch(`${api}/customers/${customerId}/events`, {
      headers,
      signal: stop.signal,
    }).catch(() => null)
    if (!response) return
    if (response.status === 429) refusals.count += 1
    if (!response.ok || !response.body) return
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true })
        let end
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1]
          buffer = buffer.slice(end + 2)
          if (data) note(JSON.parse(data))
        }
      }
    } catch {
      // Stopped.
    }
  }
  return (async () => {
    await read()
    await Promise.all(stream ? [follow(), poll(60_000)] : [poll(2000)])
  })()
}

async function run({ customers, seconds, webhooks, redisUrl }) {
  const counter = providerCounter()
  const portA = await freePort()
  const sandbox = await startSandboxServer({
    port: 0,
    reviewDelayMs: 3_600_000,
    rateLimit: { limit: RATE_LIMIT, windowMs: 60_000 },
    log: counter.log,
    ...(webhooks
      ? {
          webhook: {
            url: `http://127.0.0.1:${portA}/api/kyc/webhooks`,
            secret: WEBHOOK_SECRET,
            retryDelaysMs: [500, 2000, 5000, 10_000],
          },
        }
      : {}),
  })
  const env = {
    SCALE_PROVIDER_URL: sandbox.url,
    SCALE_REDIS_URL: redisUrl,
    SCALE_KEY_PREFIX: `scale-${Date.now()}:`,
    ...(webhooks ? { SCALE_WEBHOOK_SECRET: WEBHOOK_SECRET } : {}),
  }
  const a = await startProxy({ ...env, SCALE_PORT: String(portA) })
  const b = await startProxy(env)
  const control = sandbox.sandbox.control
  const ids = []
  // Reviews decided over the run, once every widget has had time to connect (setup included).
  const firstDecisionMs = 30_000 + customers * 6
  for (let index = 0; index < customers; index += 1) {
    const { id } = control.createCustomer('person-cnh')
    control.setReviewDelay(firstDecisionMs + Math.round(Math.random() * seconds * 1000), id)
    control.submitDocument(id, 'cnh')
    ids.push(id)
  }
  // The submissions' webhooks (with webhooks on) fill the status cache before the widgets load.
  await sleep(webhooks ? 8000 : 1000)
  const before = [await a.memory(), await b.memory()]
  const seen = new Map()
  const ready = new Map()
  const refusals = { count: 0 }
  const stop = new AbortController()
  // Every simulated widget listens to it: thousands of listeners by design.
  setMaxListeners(0, stop.signal)
  const started = Date.now()
  const widgets = ids.map((customerId, index) =>
    widget({
      api: index % 2 === 0 ? a.api : b.api,
      customerId,
      stream: webhooks,
      seen,
      ready,
      refusals,
      stop,
    }),
  )
  await sleep(10_000)
  const streaming = [await a.memory(), await b.memory()]
  const deadline = started + firstDecisionMs + seconds * 1000 + 30_000
  while (seen.size < ids.length && Date.now() < deadline) await sleep(500)
  stop.abort()
  await Promise.allSettled(widgets)
  const latencies = []
  let unseen = 0
  let decidedBeforeReady = 0
  for (const id of ids) {
    const [document] = control.documents(id)
    const at = seen.get(id)
    const decidedAt = Date.parse(document?.updated_at ?? '')
    if (at === undefined || !document) unseen += 1
    // Only decisions made while the widget was already following: the others it learnt on load.
    else if (decidedAt < (ready.get(id) ?? Infinity)) decidedBeforeReady += 1
    else latencies.push(at - decidedAt)
  }
  a.stop()
  b.stop()
  await sandbox.close()
  const perStream = streaming.map(
    (sample, index) => (sample.rss - before[index].rss) / Math.ceil(customers / 2),
  )
  const heapPerStream = streaming.map(
    (sample, index) => (sample.heapUsed - before[index].heapUsed) / Math.ceil(customers / 2),
  )
  const perMinute = counter.perMinute()
  return {
    storeLines: [...a.storeLines, ...b.storeLines],
    perMinute: perMinute.length === 0 ? [0] : perMinute,
    providerRefused: counter.refused(),
    userRefusals: refusals.count,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: Math.max(...latencies),
    unseen,
    decidedBeforeReady,
    perStream,
    heapPerStream,
    runSeconds: Math.round((Date.now() - started) / 1000),
  }
}

export async function benchScale({ log = console.log } = {}) {
  const customers = Number(process.env.SCALE_CUSTOMERS ?? 5000)
  const seconds = Number(process.env.SCALE_SECONDS ?? 120)
  // Without webhooks every status is a provider read: the budget (75 % of 600 a minute) keeps
  // about 225 customers fresh at the widget's 30 s poll, so the polling run stays near that.
  const pollers = Number(process.env.SCALE_POLLING_CUSTOMERS ?? 200)
  const topologies =
    (process.env.SCALE_REDIS ?? 'both') === 'both' ? ['one', 'cluster'] : [process.env.SCALE_REDIS]
  const results = []
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
  for (const topology of topologies) {
    const redis = topology === 'cluster' ? await startRedisCluster() : await startRedisServer()
    // A managed cluster's configuration endpoint: the URL of one node.
    const redisUrl = topology === 'cluster' ? redis.urls[0] : redis.url
    const on = topology === 'cluster' ? 'a 3-master Redis Cluster (through one node)' : 'one Redis'
    try {
      log(`scale: ${customers} customers in review, two proxies on ${on}, webhooks and streams`)
      const pushed = await run({ customers, seconds, webhooks: true, redisUrl })
      log(`scale: ${JSON.stringify(pushed)}`)
      const keys =
        topology === 'cluster' ? ` (keys per node ${(await redis.keysPerNode()).join(' / ')})` : ''
      const maxPerMinute = Math.max(...pushed.perMinute)
      results.push(
        result(
          `scale on ${on}: provider calls a minute, ${customers.toLocaleString('en')} customers in review, 2 instances, webhooks`,
          {
            figure: `${pushed.perMinute.join(', ')} (by minute of the run; the sandbox refused ${pushed.providerRefused})${keys}`,
            target: `≤ ${RATE_LIMIT}`,
            pass: maxPerMinute <= RATE_LIMIT && pushed.providerRefused === 0,
            values: pushed,
          },
        ),
        result(`scale on ${on}: 429s seen by users`, {
          figure: `${pushed.userRefusals}`,
          target: '0',
          pass: pushed.userRefusals === 0,
        }),
        result(`scale on ${on}: provider decision to client, with webhooks and streams`, {
          figure: `p50 ${formatMs(pushed.p50)}, p95 ${formatMs(pushed.p95)}, max ${formatMs(pushed.max)}; ${pushed.unseen} not seen`,
          target: 'p95 ≤ 1 s',
          pass: pushed.p95 <= 1000 && pushed.unseen === 0,
        }),
        result(`scale on ${on}: proxy memory per open stream`, {
          figure: `RSS ${pushed.perStream.map(kib).join(' / ')}, JS heap ${pushed.heapPerStream.map(kib).join(' / ')} (instance A / B)`,
          target: '—',
          pass: true,
        }),
        result(`scale on ${on}: lines the Redis store logged (outages, refused commands)`, {
          figure: pushed.storeLines.length === 0 ? 'none' : pushed.storeLines.join(' | '),
          target: 'none',
          pass: pushed.storeLines.length === 0,
        }),
      )
      if (topology === topologies[0]) {
        log(`scale: ${pollers} customers without webhooks (polling, 5 s status max age)`)
        const polled = await run({ customers: pollers, seconds, webhooks: false, redisUrl })
        log(`scale: ${JSON.stringify(polled)}`)
        results.push(
          result(`scale: the same without webhooks (${pollers} customers polling, ${on})`, {
            figure: `p50 ${formatMs(polled.p50)}, p95 ${formatMs(polled.p95)}; ${polled.unseen} not seen; provider calls a minute ${polled.perMinute.join(', ')}; ${polled.userRefusals} 429s to users`,
            target: 'all arrive, p95 ≤ 35 s (30 s poll + 5 s max age)',
            pass: polled.unseen === 0 && polled.p95 <= 35_000,
          }),
        )
      }
    } finally {
      await redis.stop()
    }
  }
  // Today's pass-through design: every poll is a provider call. The widget polls 7 times in a
  // review's first minute (2 s backing off by 1.5 to 30 s), then twice a minute.
  results.push(
    result('scale: pass-through design (before), customers at which 429s begin', {
      figure: `${Math.floor(RATE_LIMIT / 2)} at the widget's steady 30 s poll; ${Math.floor(RATE_LIMIT / 7)} if their reviews start together (7 polls in the first minute)`,
      target: '—',
      pass: true,
    }),
  )
  return results
}
