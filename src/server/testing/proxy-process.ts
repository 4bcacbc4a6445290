// The proxy alone in its own process, so a test can measure the proxy's memory and nothing else's.
// Run: node --expose-gc --import tsx src/server/testing/proxy-process.ts
// Env: PROVIDER_URL, CUSTOMER_ID, MAX_FILE_SIZE. Prints `READY <url>` once listening.
// GET /__memory/reset starts a measurement; GET /__memory reports the baseline and peaks since.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { createKycProxy } from '../index.ts'

const proxy = getRequestListener(
  createKycProxy({
    providerBaseUrl: process.env.PROVIDER_URL ?? '',
    clientId: process.env.CLIENT_ID ?? 'sandbox',
    clientSecret: process.env.CLIENT_SECRET ?? 'sandbox-secret',
    authorize: () => process.env.CUSTOMER_ID,
    maxFileSize: Number(process.env.MAX_FILE_SIZE ?? 10 * 1024 * 1024),
    uploadRateLimit: false,
    log: () => {},
  }),
)

interface Sample {
  rss: number
  heapUsed: number
  arrayBuffers: number
}

function sample(): Sample {
  const { rss, heapUsed, arrayBuffers } = process.memoryUsage()
  return { rss, heapUsed, arrayBuffers }
}

function max(a: Sample, b: Sample): Sample {
  return {
    rss: Math.max(a.rss, b.rss),
    heapUsed: Math.max(a.heapUsed, b.heapUsed),
    arrayBuffers: Math.max(a.arrayBuffers, b.arrayBuffers),
  }
}

// V8 frees the backing stores of collected ArrayBuffers on a background thread, so right after one
// collection `arrayBuffers` still counts garbage (more on a loaded machine); the next collection
// finishes that sweep first, so two in a row leave only what is really held.
function collect(): void {
  globalThis.gc?.()
  globalThis.gc?.()
}

// `peak` includes garbage not yet collected; `retainedPeak` samples right after a forced
// collection, so it shows what the proxy actually holds on to while data passes through.
let baseline = sample()
let peak = baseline
let retainedPeak = baseline
setInterval(() => (peak = max(peak, sample())), 5).unref()
setInterval(() => {
  collect()
  retainedPeak = max(retainedPeak, sample())
}, 50).unref()

const server = createServer((request, response) => {
  if (request.url === '/__memory/reset') {
    collect()
    baseline = sample()
    peak = baseline
    retainedPeak = baseline
  }
  if (request.url?.startsWith('/__memory')) {
    response.writeHead(200, { 'content-type': 'application/json' })
    collect()
    response.end(JSON.stringify({ baseline, peak, retainedPeak, current: sample() }))
    return
  }
  void proxy(request, response)
})
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  console.log(`READY http://127.0.0.1:${port}`)
})
