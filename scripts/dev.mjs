// `npm run dev`: the demo on http://localhost:5173 (or PORT) with everything it talks to running
// for real on loopback: the provider sandbox on an ephemeral port, the host proxy at /api/kyc
// (holding the sandbox's client secret, server side), and the demo's session API at /demo-api/.
//
//   node scripts/dev.mjs          Vite's dev server with hot reload.
//   node scripts/dev.mjs --prod   A production build served statically (what the e2e suite uses).
//
// Both send a strict Content-Security-Policy on every page. The production build needs nothing
// inline, so it gets exactly `script-src 'self'; style-src 'self'`. Vite's dev server injects a
// React Refresh preamble and CSS as inline <script>/<style>, so in dev mode those two directives
// also allow a per-response nonce (still no 'unsafe-inline', no 'unsafe-eval').
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { getRequestListener } from '@hono/node-server'
import { tsImport } from 'tsx/esm/api'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const production = process.argv.includes('--prod')
const port = Number(process.env.PORT ?? 5173)
const host = process.env.HOST ?? 'localhost'
const PAGES = ['index.html', 'onboarding.html', 'showcase.html', 'phone.html'].filter((page) =>
  existsSync(join(root, page)),
)

const load = (path) => tsImport(join(root, path), import.meta.url)
const sandboxModule = await load('src/sandbox/index.ts')
const { createKycProxy } = await load('src/server/index.ts')
const { createDemoApi } = await load('src/demo/server/demo-api.ts')

// --- the provider, emulated, over real HTTP on its own port -----------------------------------
const sandboxOptions = sandboxModule.sandboxOptionsFromEnv
  ? sandboxModule.sandboxOptionsFromEnv(process.env)
  : {}
// The sandbox's customer.kyc_updated webhooks go to the proxy below, signed with a secret made
// for this run (unless SANDBOX_WEBHOOK_URL sends them elsewhere): the demo shows reviews by push.
const webhookSecret =
  sandboxOptions.webhook?.secret ?? `whsec_${randomBytes(32).toString('base64')}`
const sandbox = await sandboxModule.startSandboxServer({
  ...sandboxOptions,
  webhook: sandboxOptions.webhook ?? {
    url: `http://${host}:${port}/api/kyc/webhooks`,
    secret: webhookSecret,
  },
  port: 0,
  host: '127.0.0.1',
})
const demoApi = createDemoApi({
  control: sandbox.sandbox.control,
  scenarios: sandboxModule.SCENARIOS,
  scenarioLabels: sandboxModule.SCENARIO_LABELS,
  reviewDelayMs: sandbox.sandbox.control.settings().reviewDelayMs,
})

// --- the host's backend: the proxy, with the credentials the browser never sees ----------------
const proxy = createKycProxy({
  providerBaseUrl: sandbox.url,
  clientId: sandboxOptions.clientId ?? 'sandbox',
  clientSecret: sandboxOptions.clientSecret ?? 'sandbox-secret',
  prefix: '/api/kyc',
  authorize: (request) => demoApi.customerIdOf(request),
  webhookSecret,
  // Continue on the phone: the link's exchange sends the phone to phone.html with its session.
  // HANDOFF_ORIGIN (e.g. http://192.168.0.10:5173, with HOST=0.0.0.0) makes links a phone on the
  // same network can open.
  handoff: {
    pageUrl: '/phone.html',
    ...(process.env.HANDOFF_ORIGIN ? { publicOrigin: process.env.HANDOFF_ORIGIN } : {}),
  },
  // One line per request (never a secret); KYC_PROXY_LOG=0 silences it (the e2e suite does).
  log: process.env.KYC_PROXY_LOG === '0' ? () => {} : (line) => console.log(`[proxy] ${line}`),
})

const listenerOptions = { overrideGlobalObjects: false }
const proxyListener = getRequestListener(proxy, listenerOptions)
// The demo API limits new sessions per client address (the socket's: this server is reached
// directly, so there is no proxy header to trust).
const demoListener = getRequestListener(
  (request, env) => demoApi.fetch(request, { clientAddress: env.incoming.socket.remoteAddress }),
  listenerOptions,
)

// --- the pages ---------------------------------------------------------------------------------
function contentSecurityPolicy(nonce) {
  const inline = nonce ? ` 'nonce-${nonce}'` : ''
  return [
    "default-src 'self'",
    `script-src 'self'${inline}`,
    `style-src 'self'${inline}`,
    "img-src 'self' data: blob:",
    "worker-src 'self'",
    "connect-src 'self' ws://localhost:*",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ')
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
}

function sendHtml(response, html, nonce) {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': contentSecurityPolicy(nonce),
    ...SECURITY_HEADERS,
  })
  response.end(html)
}

function pageFor(pathname) {
  if (pathname === '/') return 'index.html'
  const name = pathname.slice(1)
  if (PAGES.includes(name)) return name
  if (PAGES.includes(`${name}.html`)) return `${name}.html`
  return null
}

function notFound(response) {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
  response.end('Not found')
}

const NONCE_PLACEHOLDER = 'KYC_DEV_NONCE'
const httpServer = createHttpServer()
// Longer than any client's idle keep-alive, so a reused connection is never closed under a request.
httpServer.keepAliveTimeout = 65_000
httpServer.headersTimeout = 66_000
let serveRest

if (production) {
  const { build } = await import('vite')
  const { default: react } = await import('@vitejs/plugin-react')
  // One directory per port: two servers (say, two test runs) never delete each other's build.
  const outDir = join(root, '.tmp', `demo-dist-${port}`)
  // Independent of vite.config.ts, whose build section belongs to the library package.
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: {
        input: Object.fromEntries(
          PAGES.map((page) => [page.replace('.html', ''), join(root, page)]),
        ),
      },
    },
  })
  const TYPES = {
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
    '.json': 'application/json',
    '.map': 'application/json',
    '.woff2': 'font/woff2',
    '.txt': 'text/plain; charset=utf-8',
  }
  // Text is sent compressed, as any production host would (brotli, else gzip), each file
  // compressed once.
  const compressedCache = new Map()
  const compressedFile = (file, type, acceptEncoding = '') => {
    const raw = readFileSync(file)
    if (!/^(text\/|application\/json|image\/svg)/.test(type) || raw.length < 1024) {
      return { body: raw, encoding: null }
    }
    const encoding = /\bbr\b/.test(acceptEncoding)
      ? 'br'
      : /\bgzip\b/.test(acceptEncoding)
        ? 'gzip'
        : null
    if (!encoding) return { body: raw, encoding: null }
    const key = `${encoding} ${file}`
    if (!compressedCache.has(key)) {
      compressedCache.set(
        key,
        encoding === 'br' ? brotliCompressSync(raw) : gzipSync(raw, { level: 9 }),
      )
    }
    return { body: compressedCache.get(key), encoding }
  }
  serveRest = async (request, response, pathname) => {
    const page = pageFor(pathname)
    if (page) return sendHtml(response, readFileSync(join(outDir, page), 'utf8'), null)
    let file
    try {
      file = normalize(join(outDir, decodeURIComponent(pathname)))
    } catch {
      return notFound(response)
    }
    const type = TYPES[extname(file)]
    if (!file.startsWith(outDir + sep) || !type || !existsSync(file) || !statSync(file).isFile()) {
      return notFound(response)
    }
    const { body, encoding } = compressedFile(file, type, request.headers['accept-encoding'])
    response.writeHead(200, {
      'content-type': type,
      'cache-control': pathname.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      vary: 'accept-encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
      ...SECURITY_HEADERS,
    })
    response.end(body)
  }
} else {
  const { createServer } = await import('vite')
  const vite = await createServer({
    configFile: join(root, 'vite.config.ts'),
    root,
    appType: 'custom',
    server: { middlewareMode: true, hmr: { server: httpServer } },
    // Only the pages this server serves (not every HTML file below the root, e.g. the bench page).
    optimizeDeps: { entries: PAGES },
    html: { cspNonce: NONCE_PLACEHOLDER },
  })
  serveRest = async (request, response, pathname) => {
    const page = pageFor(pathname)
    if (page) {
      try {
        const source = readFileSync(join(root, page), 'utf8')
        const html = await vite.transformIndexHtml(request.url ?? '/', source)
        const nonce = randomBytes(18).toString('base64')
        return sendHtml(response, html.replaceAll(NONCE_PLACEHOLDER, nonce), nonce)
      } catch (error) {
        vite.ssrFixStacktrace(error)
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
        return response.end(String(error?.stack ?? error))
      }
    }
    vite.middlewares(request, response, () => notFound(response))
  }
  httpServer.on('close', () => void vite.close())
}

httpServer.on('request', (request, response) => {
  const pathname = (request.url ?? '/').split('?')[0] ?? '/'
  if (pathname === '/api/kyc' || pathname.startsWith('/api/kyc/')) {
    return void proxyListener(request, response)
  }
  if (pathname.startsWith('/demo-api/')) return void demoListener(request, response)
  return void serveRest(request, response, pathname).catch((error) => {
    console.error(error)
    if (!response.headersSent) response.writeHead(500)
    response.end()
  })
})

await new Promise((resolveListen, rejectListen) => {
  httpServer.once('error', rejectListen)
  httpServer.listen(port, host, resolveListen)
})
console.log(
  `kyc-uploader demo (${production ? 'production build' : 'dev, hot reload'}): http://${host}:${port}/\n` +
    `  sandbox (emulated provider): ${sandbox.url}\n` +
    `  proxy: http://${host}:${port}/api/kyc  demo API: http://${host}:${port}/demo-api/`,
)

let closing = false
function shutdown() {
  if (closing) return
  closing = true
  httpServer.closeAllConnections?.()
  httpServer.close()
  void sandbox.close().finally(() => process.exit(0))
  setTimeout(() => process.exit(0), 2000).unref()
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
