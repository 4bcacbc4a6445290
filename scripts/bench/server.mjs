// The bench's web server on 127.0.0.1:0: the bench page (a production build), the built proxy
// at /api/kyc, and behind it the built sandbox on its own port, all over loopback. It counts
// the `GET /api/kyc/customers/{id}` requests it sees, per customer, for the polling figures.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { getRequestListener } from '@hono/node-server'
import { createKycProxy } from '../../dist/server.js'
import { startSandboxServer } from '../../dist/sandbox.js'

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
}
const PREFIX = '/api/kyc'
const customerRead = /^\/api\/kyc\/customers\/([^/]+)$/
const customerInPath = /\/customers\/([^/]+)/

export async function startBenchServer({ pageDir, maxFileSize, reviewDelayMs }) {
  const sandbox = await startSandboxServer({
    port: 0,
    host: '127.0.0.1',
    maxFileSize,
    reviewDelayMs,
    rateLimit: { limit: 1_000_000, windowMs: 60_000 },
  })
  const proxy = createKycProxy({
    providerBaseUrl: sandbox.url,
    clientId: 'sandbox',
    clientSecret: 'sandbox-secret',
    prefix: PREFIX,
    maxFileSize,
    uploadRateLimit: false,
    // The bench's visitor may act on the customer it names; a host reads its session here.
    authorize: (request) => customerInPath.exec(new URL(request.url).pathname)?.[1],
    log: () => {},
  })
  const proxyListener = getRequestListener(proxy, { overrideGlobalObjects: false })

  /** customer id -> times (ms, performance.now()) of each read. */
  const reads = new Map()

  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://bench')
    if (pathname.startsWith(`${PREFIX}/`)) {
      const read = req.method === 'GET' && customerRead.exec(pathname)
      if (read) {
        const list = reads.get(read[1]) ?? []
        list.push(performance.now())
        reads.set(read[1], list)
      }
      return proxyListener(req, res)
    }
    const file = normalize(join(pageDir, pathname === '/' ? 'index.html' : pathname))
    if (!file.startsWith(pageDir + sep)) {
      res.writeHead(404).end()
      return
    }
    try {
      const body = await readFile(file)
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
      res.end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()

  return {
    url: `http://127.0.0.1:${port}`,
    control: sandbox.sandbox.control,
    /** Reads of a customer since `since` (performance.now() of this process). */
    readsOf(customerId, since = 0) {
      return (reads.get(customerId) ?? []).filter((time) => time >= since).length
    },
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await sandbox.close()
    },
  }
}
