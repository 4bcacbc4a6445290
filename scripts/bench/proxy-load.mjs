// The proxy under load: rounds of 50 concurrent 1 MiB uploads from Node through the proxy (its
// own process) to the sandbox (this process), over loopback. Every upload must answer 201; p50
// and p95 latency are printed; the proxy's resident memory must stay flat from round to round
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
/** How much the idle RSS (after GC) may grow after the first measured round. */
const FLAT_RSS_TOLERANCE = 8 * MiB

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

    async function round() {
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
          const response = await fetch(`${proxyUrl}/customers/${customer.id}/documents`, {
            method: 'POST',
            body: form,
            headers: { 'idempotency-key': randomUUID() },
          })
          const text = await response.text()
          const ms = performance.now() - started
          return { status: response.status, ms, problem: response.status === 201 ? null : text }
        }),
      )
      return timings
    }

    await round() // warm-up: token, connections, JIT
    await settle()
    const baseline = (await rss({ gc: true })).rss
    const latencies = []
    const statuses = new Map()
    const problems = new Set()
    // After each round and a full GC: what the proxy keeps. The peak is sampled during the round.
    const idle = []
    const peaks = []
    for (let index = 0; index < ROUNDS; index += 1) {
      const timings = await round()
      await settle()
      const memory = await rss({ gc: true })
      idle.push(memory.rss)
      peaks.push(memory.peak)
      for (const { status, ms, problem } of timings) {
        latencies.push(ms)
        if (problem) problems.add(`${status} ${problem.slice(0, 300)}`)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }
      sandbox.sandbox.control.reset() // the sandbox keeps what it stored; the proxy keeps nothing
    }

    const total = ROUNDS * CONCURRENCY
    const created = statuses.get(201) ?? 0
    // The first round sets the allocator's high-water mark; a leak shows as growth after it.
    const growth = Math.max(...idle.slice(1)) - idle[0]
    const peakOverIdle = Math.max(...peaks) - baseline
    const payloadInFlight = CONCURRENCY * FILE_SIZE
    const p50 = median(latencies)
    const p95 = percentile(latencies, 95)
    const pass = created === total && growth <= FLAT_RSS_TOLERANCE
    const statusText = [...statuses].map(([status, count]) => `${count}×${status}`).join(', ')
    const figure =
      `${created}/${total} answered 201 (${statusText}); p50 ${formatMs(p50)}, p95 ${formatMs(p95)}; ` +
      `proxy RSS ${(baseline / MiB).toFixed(1)} MiB idle, after each round ${idle.map((bytes) => (bytes / MiB).toFixed(1)).join(', ')} MiB ` +
      `(${growth >= 0 ? '+' : ''}${formatMiB(growth)} after the first), peak ` +
      `+${formatMiB(peakOverIdle)} over idle with ${formatMiB(payloadInFlight)} in flight`
    for (const problem of problems) log(`  not 201: ${problem}`)
    log(`proxy under load (${ROUNDS} rounds of ${CONCURRENCY} concurrent 1 MiB uploads): ${figure}`)
    return result('proxy under load', {
      figure,
      target: `all 201; idle RSS (after GC) growth ≤ ${formatMiB(FLAT_RSS_TOLERANCE)}`,
      pass,
      values: {
        uploads: total,
        created,
        p50Ms: p50,
        p95Ms: p95,
        rssIdle: baseline,
        rssAfterEachRound: idle,
        growth,
        peakOverIdle,
      },
    })
  } finally {
    child.send({ type: 'exit' })
    await once(child, 'exit').catch(() => {})
    await sandbox.close()
  }
}
