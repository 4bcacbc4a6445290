// The host's backend alone in its own process, so its memory can be watched: the built proxy
// (dist/server.js) on 127.0.0.1:0 in front of the sandbox whose URL the parent passes. Talks to
// the parent over IPC: sends { url } once listening, answers { type: 'rss', gc? } with the
// current resident set and JS heap (used + external: Buffers live there), after a full GC when
// asked (what the process keeps), and the peak RSS since the last question (sampled every
// 10 ms). Run with --expose-gc.
import { createServer } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { createKycProxy } from '../../dist/server.js'

const [providerBaseUrl, maxFileSize] = process.argv.slice(2)
const customerInPath = /\/customers\/([^/]+)/

const proxy = createKycProxy({
  providerBaseUrl,
  clientId: 'sandbox',
  clientSecret: 'sandbox-secret',
  maxFileSize: Number(maxFileSize),
  uploadRateLimit: false,
  // The bench's visitor may act on the customer it names; a host reads its session here.
  authorize: (request) => customerInPath.exec(new URL(request.url).pathname)?.[1],
  log: () => {},
})

let peak = 0
const sample = () => {
  peak = Math.max(peak, process.memoryUsage.rss())
}
setInterval(sample, 10).unref()

const server = createServer(getRequestListener(proxy, { overrideGlobalObjects: false }))
// A host's server outlives its clients' idle connections (Node's default is 5 s, which on a
// loaded machine races the client's own 4 s and resets requests sent on a closing socket).
server.keepAliveTimeout = 65_000
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address()
  process.send({ url: `http://127.0.0.1:${port}` })
})

process.on('message', (message) => {
  if (message.type === 'rss') {
    sample()
    if (message.gc) globalThis.gc?.()
    const { rss, heapUsed, external } = process.memoryUsage()
    process.send({ rss, peak, heap: heapUsed + external })
    peak = 0
  } else if (message.type === 'exit') {
    server.close()
    process.exit(0)
  }
})
