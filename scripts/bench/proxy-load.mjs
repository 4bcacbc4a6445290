// The proxy under load: rounds of 50 concurrent 1 MiB uploads from Node through the proxy (its
// own process) to the sandbox (this process), over loopback. Every upload must answer 201; p50
// and p95 latency are printed, beside the same uploads sent straight to the sandbox; the proxy's resident memory must stay flat from round to round
// and its peak must stay below the payload in flight (it streams, it does not buffer).
import { fork } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { startSandboxServer } from '../../dist/sandbox.js'
import { pdfOfSize } from './files.mjs'
import { MiB, formatMiB, formatMs, median, percentile, result } from './stats.mjs'

const CONCURRENCY = 50
const FILE_SIZE = 1 * MiB
const ROUNDS = 5 // measured, after one warm-up round
/**
 * Flat memory. The JS heap the proxy keeps after a full GC (objects and Buffers) is the precise
 * leak check: it may not grow by more than FLAT_HEAP_TOLERANCE over the rounds. RSS also moves
 * with the allocator's high-water mark (±20 MiB between rounds on this kind of machine), so it
 * gets looser bounds: the idle RSS after the last round within FLAT_RSS_TOLERANCE of the idle
 * RSS before the first, and no peak as large as the payload in flight (which buffering would
 * need).
 */
const FLAT_HEAP_TOLERANCE = 2 * MiB
const FLAT_RSS_TOLERANCE = 32 * MiB

async function sandboxToken(sandboxUrl) {
  const response = await fetch(`${sandboxUrl}/auth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('sandbox:sandbox-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  })
  if (!response.ok) throw new Error(`the sandbox refused a token: ${response.status}`)
  return (await response.json()).access_token
}

export async function benchProxyLoad({ log = console.log } = {}) {
  const sandbox = await startSandboxServer({
    port: 0,
    host: '127.0.0.1',
    maxFileSize: 64 * MiB,
    reviewDelayMs: 60 * 60_000,
    rateLimit: { limit: 1_000_000, windowMs: 60_000 },
  })
  const child = fork(
    new URL('./proxy-child.mjs', import.meta.url),
    [sandbox.url, String(64 * MiB)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--expose-gc'],
    },
  )
  try {
    const [{ url: proxyUrl }] = await once(child, 'message')
    const rss = async ({ gc = false } = {}) => {
      child.send({ type: 'rss', gc })
      const [answer] = await once(child, 'message')
      return answer
    }
    const settle = () => new Promise((resolve) => setTimeout(resolve, 300))
    const file = new Blob([pdfOfSize(FILE_SIZE)], { type: 'application/pdf' })

    // The same uploads straight to the sandbox, with a token of our own: the baseline that
    // shows what the proxy adds to the latency.
    const token = await sandboxToken(sandbox.url)
    async function round({ direct = false } = {}) {
      const customers = Array.from({ length: CONCURRENCY }, () =>
        sandbox.sandbox.control.createCustomer('company'),
      )
      const type = customers[0].kyc.find((item) => item.kind === 'document').type
      const timings = await Promise.all(
        customers.map(async (customer) => {
          const form = new FormData()
          form.set('type', type)
          form.set('file', file, 'documento.pdf')
          const started = performance.now()
          const base = direct ? sandbox.url : proxyUrl
          try {
            const response = await fetch(`${base}/customers/${customer.id}/documents`, {
              method: 'POST',
              body: form,
              headers: {
                'idempotency-key': randomUUID(),
                ...(direct ? { authorization: `Bearer ${token}` } : {}),
              },
            })
            const text = await response.text()
            const ms = performance.now() - started
            return { status: response.status, ms, problem: response.status === 201 ? null : text }
          } catch (error) {
            const cause = error.cause?.code ?? error.cause?.message ?? error.message
            const ms = performance.now() - started
            return { status: 'network error', ms, problem: `the client's request failed: ${cause}` }
          }
        }),
      )
      return timings
    }

    await round() // warm-up: token, connections, JIT
    await settle()
    const { rss: baseline, heap: heapBaseline } = await rss({ gc: true })
    const latencies = []
    const statuses = new Map()
    const problems = new Set()
    // After each round and a full GC: what the proxy keeps. The peak is sampled during the round.
    const idle = []
    const heaps = []
    const peaks = []
    for (let index = 0; index < ROUNDS; index += 1) {
      const timings = await round()
      await settle()
      const memory = await rss({ gc: true })
      idle.push(memory.rss)
      heaps.push(memory.heap)
      peaks.push(memory.peak)
      for (const { status, ms, problem } of timings) {
        latencies.push(ms)
        if (problem) problems.add(`${status} ${problem.slice(0, 300)}`)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }
      sandbox.sandbox.control.reset() // the sandbox keeps what it stored; the proxy keeps nothing
    }

    const directLatencies = []
    let directFailures = 0
    for (let index = 0; index < ROUNDS; index += 1) {
      for (const { status, ms } of await round({ direct: true })) {
        if (status === 201) directLatencies.push(ms)
        else directFailures += 1
      }
      sandbox.sandbox.control.reset()
    }

    const total = ROUNDS * CONCURRENCY
    const created = statuses.get(201) ?? 0
    const growth = idle.at(-1) - baseline
    const heapGrowth = heaps.at(-1) - heapBaseline
    const peakOverIdle = Math.max(...peaks) - baseline
    const payloadInFlight = CONCURRENCY * FILE_SIZE
    const p50 = median(latencies)
    const p95 = percentile(latencies, 95)
    const directP50 = median(directLatencies)
    const directP95 = percentile(directLatencies, 95)
    const pass =
      created === total &&
      heapGrowth <= FLAT_HEAP_TOLERANCE &&
      growth <= FLAT_RSS_TOLERANCE &&
      peakOverIdle < payloadInFlight
    const statusText = [...statuses].map(([status, count]) => `${count}×${status}`).join(', ')
    const figure =
      `${created}/${total} answered 201 (${statusText}); p50 ${formatMs(p50)}, p95 ${formatMs(p95)} ` +
      `(straight to the sandbox: p50 ${formatMs(directP50)}, p95 ${formatMs(directP95)}` +
      `${directFailures ? `, ${directFailures} not 201` : ''}); ` +
      `proxy RSS ${(baseline / MiB).toFixed(1)} MiB idle, after each round ${idle.map((bytes) => (bytes / MiB).toFixed(1)).join(', ')} MiB ` +
      `(${growth >= 0 ? '+' : ''}${formatMiB(growth)}), JS heap kept after GC ` +
      `${formatMiB(heapBaseline)} → ${formatMiB(heaps.at(-1))}, peak RSS ` +
      `+${formatMiB(peakOverIdle)} over idle with ${formatMiB(payloadInFlight)} in flight`
    for (const problem of problems) log(`  not 201: ${problem}`)
    log(`proxy under load (${ROUNDS} rounds of ${CONCURRENCY} concurrent 1 MiB uploads): ${figure}`)
    return result('proxy under load', {
      figure,
      target:
        `all 201; JS heap kept after GC grows ≤ ${formatMiB(FLAT_HEAP_TOLERANCE)}; idle RSS ` +
        `≤ +${formatMiB(FLAT_RSS_TOLERANCE)} and peak < payload in flight`,
      pass,
      values: {
        uploads: total,
        created,
        p50Ms: p50,
        p95Ms: p95,
        directP50Ms: directP50,
        directP95Ms: directP95,
        rssIdle: baseline,
        rssAfterEachRound: idle,
        growth,
        heapAfterEachRound: heaps,
        heapGrowth,
        peakOverIdle,
      },
    })
  } finally {
    child.send({ type: 'exit' })
    await once(child, 'exit').catch(() => {})
    await sandbox.close()
  }
}
