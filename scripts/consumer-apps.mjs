// What an integrator gets: the project packed (`npm pack`) and installed, with only its declared
// dependencies and peers, into apps made here outside the repo: Vite + React 19, Vite + React 18,
// a Next.js App Router app, webpack 5 + Express 5 (the page and the proxy in one server) and React
// Router 7 in framework mode (server rendering, the proxy a resource route). Their files that the
// README shows (the snippets whose first line names a file) are taken from the README itself, so
// the two cannot drift. Each app type-checks (strict, exactOptionalPropertyTypes,
// noUncheckedSideEffectImports, no bundler client types), builds (without the provider's
// variables), serves the widget against the README's sandbox, whose webhooks reach the README's
// proxy, and in Chromium one real PDF upload reaches `approved` through push with no console
// error and no hydration warning. The React 19 app also runs the README's two test recipes
// (vitest + jsdom, Playwright) on kyc-uploader/testing.
//
//   node scripts/consumer-apps.mjs [--built] [vite-react19|vite-react18|next|webpack-express|react-router…]
//
// npm test runs all five (--built: after its package step has built dist/). The React 19 app
// also prints what the widget adds to its gzipped JS, the README's figure for integrators.
//
// The apps share npm's cache and install once each; KEEP_CONSUMER_APPS=1 keeps their folder.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import ts from 'typescript'
import { freePort } from './lib/free-port.mjs'
import { readmeFiles } from './lib/readme-snippets.mjs'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const SANDBOX_CREDENTIALS = { KYC_CLIENT_ID: 'sandbox', KYC_CLIENT_SECRET: 'sandbox-secret' }
const PDF = join(root, 'e2e/fixtures/files/ccmei-multipage.pdf')
const PHOTO = join(root, 'e2e/fixtures/files/camera-12mp.jpg')
const CHROMIUM_ARGS = JSON.parse(
  readFileSync(join(root, 'e2e/support/chromium-flags.json'), 'utf8'),
)

const readme = readmeFiles(readFileSync(join(root, 'README.md'), 'utf8'))
function fromReadme(name) {
  const body = readme.get(name)
  if (!body) throw new Error(`README.md has no snippet whose first line is "// ${name}"`)
  return body
}

// --- the apps' own files (what the README leaves to the host) ------------------------------------

const json = (value) => `${JSON.stringify(value, null, 2)}\n`

// The signed-in user's session, as the README's snippets import it: here a cookie naming the
// customer (a real host looks its session up).
const SESSION = `export async function sessionFrom(request: Request) {
  const id = /(?:^|;\\s*)kyc_customer=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1]
  return id ? { kycCustomerId: id } : undefined
}
`

const STRICT = {
  target: 'ES2022',
  lib: ['ES2023', 'DOM', 'DOM.Iterable'],
  module: 'ESNext',
  moduleResolution: 'Bundler',
  jsx: 'react-jsx',
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUncheckedSideEffectImports: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  noEmit: true,
}

/**
 * The README's two test recipes, in the React 19 app: a vitest + jsdom + Testing Library test of
 * its KycStep and a Playwright test of its page, both on kyc-uploader/testing, run as they are.
 */
const TEST_RECIPES = {
  devDependencies: [
    'vitest@4.1.12',
    'jsdom@27.3.0',
    '@testing-library/react@16.3.3',
    '@testing-library/dom@10.4.2',
    '@testing-library/user-event@14.6.14',
    '@playwright/test@1.65.2',
  ],
  files: {
    'vitest.config.ts': fromReadme('vitest.config.ts'),
    'vitest.setup.ts': fromReadme('vitest.setup.ts'),
    'src/KycStep.test.tsx': fromReadme('src/KycStep.test.tsx'),
    'e2e/kyc.spec.ts': fromReadme('e2e/kyc.spec.ts'),
    // The app's own: its page on `vite preview`, Chromium as this machine has it.
    'playwright.config.ts': `import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: 'e2e',
  reporter: 'line',
  use: {
    baseURL: process.env.BASE_URL,
    launchOptions: {
      executablePath: process.env.CHROMIUM,
      args: JSON.parse(process.env.CHROMIUM_ARGS ?? '[]'),
    },
  },
})
`,
  },
  /** Both recipes, against the app's built page (`pageUrl`, served by `vite preview`). */
  async run(app, pageUrl, log) {
    const vitest = await run('npx vitest run', app.dir, log)
    const playwright = await run('npx playwright test', app.dir, log, {
      BASE_URL: new URL(pageUrl).origin,
      CHROMIUM: chromiumExecutable(),
      CHROMIUM_ARGS: JSON.stringify(CHROMIUM_ARGS),
    })
    const passed = (output) => /(\d+) passed/.exec(output)?.[1] ?? '?'
    log(
      `test recipes: vitest + jsdom ${passed(vitest)} passed, Playwright ${passed(playwright)} passed`,
    )
  },
}

function viteApp(react) {
  const recipes = react === 19 ? TEST_RECIPES : { devDependencies: [], files: {} }
  return {
    dependencies: [`react@^${react}`, `react-dom@^${react}`, '@tanstack/react-query@^5'],
    devDependencies: [
      'vite@8.3.8',
      '@vitejs/plugin-react@6.3.0',
      'typescript@5.9',
      `@types/react@^${react}`,
      `@types/react-dom@^${react}`,
      '@types/node@^20',
      ...recipes.devDependencies,
    ],
    tests: recipes.run,
    files: {
      ...recipes.files,
      'package.json': json({ name: `consumer-vite-react${react}`, private: true, type: 'module' }),
      // No `types: ["vite/client"]`: styles.css must type-check on the package's own types.
      'tsconfig.json': json({
        compilerOptions: { ...STRICT, types: ['node'] },
        include: ['src', 'e2e', 'server.ts', 'session.ts'],
      }),
      'vite.config.ts': `import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

const proxy = { '/api/kyc': \`http://127.0.0.1:\${process.env.API_PORT}\` }
export default defineConfig({ plugins: [react()], server: { proxy }, preview: { proxy } })
`,
      'index.html': `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>KYC</title><link rel="icon" href="data:," /></head>
  <body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body>
</html>
`,
      'src/main.tsx': PAGE_ENTRY,
      'src/KycStep.tsx': fromReadme('KycStep.tsx'),
      'server.ts': fromReadme('server.ts'),
      'session.ts': SESSION,
      'sandbox.mjs': fromReadme('sandbox.mjs'),
    },
    typecheck: 'npx tsc -p tsconfig.json',
    build: 'npx vite build --logLevel warn',
    // What the widget adds to the JS the page loads, gzipped: the same app with a bare React
    // page, and with a page already on TanStack Query (a QueryClientProvider and a useQuery).
    async measure(dir, log) {
      const variants = {
        'a bare React page': `<p>Your documents</p>`,
        'a page on TanStack Query': `<QueryClientProvider client={new QueryClient()}><Docs /></QueryClientProvider>`,
      }
      const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`
      const withWidget = await loadedJsGzipped(join(dir, 'dist'))
      const figures = [`${kb(withWidget)} with the widget (the README's KycStep, locale en)`]
      for (const [index, [name, page]] of Object.entries(variants).entries()) {
        await writeFile(
          join(dir, 'src/main.tsx'),
          `import { createRoot } from 'react-dom/client'\n` +
            `import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'\n` +
            `function Docs() {\n` +
            `  const { data } = useQuery({ queryKey: ['docs'], queryFn: () => fetch('/docs').then((r) => r.text()) })\n` +
            `  return <p>{data}</p>\n` +
            `}\n` +
            `createRoot(document.getElementById('root')!).render(${page})\n`,
        )
        const outDir = `dist-baseline-${index}`
        await run(`npx vite build --logLevel warn --outDir ${outDir}`, dir, log)
        const bare = await loadedJsGzipped(join(dir, outDir))
        figures.push(`${name} ${kb(bare)}: the widget adds ${kb(withWidget - bare)}`)
      }
      log(`JS the page loads, gzipped: ${figures.join('; ')}`)
    },
    async serve(app, sandbox) {
      // The README's node:http proxy, compiled as the host's own build would, behind `vite preview`.
      await compileServer(app.dir, ['server', 'session'])
      const { apiPort } = sandbox
      app.apiPort = apiPort
      app.start('node server.js', { ...sandbox.env, PORT: String(apiPort) })
      await waitForHttp(`http://127.0.0.1:${apiPort}/api/kyc/customers/none`)
      const port = await freePort()
      app.start(`npx vite preview --port ${port} --strictPort --host 127.0.0.1`, {
        API_PORT: String(apiPort),
      })
      await waitForHttp(`http://127.0.0.1:${port}/`)
      return `http://127.0.0.1:${port}/?customer=${sandbox.customerId}`
    },
    // Vite's dev server pre-bundles the package (optimizeDeps, on by default): the photo worker
    // must still be found beside its chunk. The proxy started by `serve` stays up for it.
    async dev(app) {
      const port = await freePort()
      app.start(`npx vite --port ${port} --strictPort --host 127.0.0.1`, {
        API_PORT: String(app.apiPort),
      })
      await waitForHttp(`http://127.0.0.1:${port}/`)
      return `http://127.0.0.1:${port}/`
    },
  }
}

const nextApp = {
  dependencies: ['next@16.4.6', 'react@^19', 'react-dom@^19', '@tanstack/react-query@^5'],
  devDependencies: [
    'typescript@5.9',
    '@types/react@^19',
    '@types/react-dom@^19',
    '@types/node@^20',
  ],
  files: {
    'package.json': json({ name: 'consumer-next', private: true }),
    'next.config.mjs': 'export default {}\n',
    'tsconfig.json': json({
      compilerOptions: {
        ...STRICT,
        verbatimModuleSyntax: false,
        allowJs: false,
        skipLibCheck: true,
        esModuleInterop: true,
        resolveJsonModule: true,
        incremental: true,
        plugins: [{ name: 'next' }],
        paths: { '@/*': ['./*'] },
      },
      include: ['next-env.d.ts', '**/*.ts', '**/*.tsx', '.next/types/**/*.ts'],
      exclude: ['node_modules'],
    }),
    'session.ts': SESSION,
    'app/layout.tsx': `export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
`,
    'app/page.tsx': `import { cookies } from 'next/headers'
import { Step } from './Step'

export default async function Page() {
  const customerId = (await cookies()).get('kyc_customer')?.value ?? ''
  return (
    <main>
      <h1>Your documents</h1>
      <Step customerId={customerId} />
    </main>
  )
}
`,
    'app/Step.tsx': `'use client'
import { KycStep } from './KycStep'

export function Step({ customerId }: { customerId: string }) {
  return <KycStep customerId={customerId} onDone={() => void (document.title = 'done')} />
}
`,
    'app/icon.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>\n',
    'app/KycStep.tsx': fromReadme('KycStep.tsx'),
    'app/api/kyc/[...path]/route.ts': fromReadme('app/api/kyc/[...path]/route.ts'),
    'sandbox.mjs': fromReadme('sandbox.mjs'),
  },
  typecheck: null, // `next build` type-checks, with the tsconfig above
  build: 'npx next build',
  async serve(app, sandbox) {
    // The proxy is the app's own route: it listens where the sandbox sends its webhooks.
    const port = sandbox.apiPort
    app.start(`npx next start --port ${port} --hostname 127.0.0.1`, sandbox.env)
    await waitForHttp(`http://127.0.0.1:${port}/`)
    return `http://127.0.0.1:${port}/`
  },
}

/** The page's own entry, as the Vite apps have it: the README's KycStep for `?customer=`. */
const PAGE_ENTRY = `import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { KycStep } from './KycStep'

const customerId = new URLSearchParams(location.search).get('customer') ?? ''
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <KycStep customerId={customerId} onDone={() => void (document.title = 'done')} />
  </StrictMode>,
)
`

// webpack 5 builds the page, Express 5 serves it and mounts the proxy with `app.use('/api/kyc',
// …)`: the README's express.ts and webpack.config.mjs as they are.
const webpackExpressApp = {
  dependencies: ['react@^19', 'react-dom@^19', '@tanstack/react-query@^5', 'express@5.3.0'],
  devDependencies: [
    'webpack@5.113.0',
    'webpack-cli@7.3.1',
    'ts-loader@9.6.2',
    'css-loader@7.1.5',
    'mini-css-extract-plugin@2.10.2',
    'html-webpack-plugin@5.6.8',
    'typescript@5.9',
    '@types/react@^19',
    '@types/react-dom@^19',
    '@types/node@^20',
    '@types/express@5.0.6',
  ],
  files: {
    'package.json': json({ name: 'consumer-webpack-express', private: true, type: 'module' }),
    // The package's own declarations are checked without skipLibCheck by the Vite apps; here the
    // README's files are (webpack's and Express's declarations would double the time).
    'tsconfig.json': json({
      compilerOptions: { ...STRICT, types: ['node'], skipLibCheck: true },
      include: ['src', 'express.ts', 'session.ts'],
    }),
    'webpack.config.mjs': fromReadme('webpack.config.mjs'),
    'index.html': `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>KYC</title><link rel="icon" href="data:," /></head>
  <body><div id="root"></div></body>
</html>
`,
    'src/main.tsx': PAGE_ENTRY,
    'src/KycStep.tsx': fromReadme('KycStep.tsx'),
    'express.ts': fromReadme('express.ts'),
    'session.ts': SESSION,
    'sandbox.mjs': fromReadme('sandbox.mjs'),
  },
  typecheck: 'npx tsc -p tsconfig.json',
  build: 'npx webpack --mode production',
  async serve(app, sandbox) {
    await compileServer(app.dir, ['express', 'session'])
    const { apiPort } = sandbox
    app.server = app.start('node express.js', { ...sandbox.env, PORT: String(apiPort) })
    await waitForHttp(`http://127.0.0.1:${apiPort}/`)
    return `http://127.0.0.1:${apiPort}/?customer=${sandbox.customerId}`
  },
  // webpack 5 bundles the photo worker from the package's `new URL(…, import.meta.url)`.
  photo: true,
  // Under `app.use('/api/kyc', …)` the proxy's log lines carry the mount path.
  afterUpload(app, sandbox) {
    const line = `kyc-proxy POST /api/kyc/customers/${sandbox.customerId}/documents 201`
    return app.server.output().includes(line) ? [] : [`no log line "${line}…"`]
  },
}

// React Router 7 in framework mode: the page rendered on the server and hydrated, the proxy a
// resource route. The README's two route modules as they are; the rest is the framework's own.
const reactRouterApp = {
  dependencies: [
    'react-router@7.18.5',
    '@react-router/node@7.18.5',
    '@react-router/serve@7.18.5',
    'isbot@5.2.4',
    'react@^19',
    'react-dom@^19',
    '@tanstack/react-query@^5',
  ],
  devDependencies: [
    '@react-router/dev@7.18.5',
    'vite@8.3.8',
    'typescript@5.9',
    '@types/react@^19',
    '@types/react-dom@^19',
    '@types/node@^20',
  ],
  files: {
    'package.json': json({ name: 'consumer-react-router', private: true, type: 'module' }),
    // skipLibCheck as React Router's templates have it (its toolchain's declarations take a
    // minute and a half to check); the Vite apps check the package's declarations without it.
    'tsconfig.json': json({
      compilerOptions: { ...STRICT, types: ['node'], skipLibCheck: true },
      include: ['app', 'react-router.config.ts', 'vite.config.ts'],
    }),
    'react-router.config.ts': `import type { Config } from '@react-router/dev/config'

export default { ssr: true } satisfies Config
`,
    'vite.config.ts': `import { defineConfig } from 'vite'
import { reactRouter } from '@react-router/dev/vite'

export default defineConfig({ plugins: [reactRouter()] })
`,
    'app/root.tsx': `import type { ReactNode } from 'react'
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from 'react-router'

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>KYC</title>
        <link rel="icon" href="data:," />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}
`,
    'app/routes.ts': `import { type RouteConfig, index, route } from '@react-router/dev/routes'

export default [
  index('routes/home.tsx'),
  route('api/kyc/*', 'routes/api.kyc.ts'),
] satisfies RouteConfig
`,
    'app/routes/home.tsx': fromReadme('app/routes/home.tsx'),
    'app/routes/api.kyc.ts': fromReadme('app/routes/api.kyc.ts'),
    'app/KycStep.tsx': fromReadme('KycStep.tsx'),
    'app/session.ts': SESSION,
    'sandbox.mjs': fromReadme('sandbox.mjs'),
  },
  typecheck: 'npx tsc -p tsconfig.json',
  build: 'npx react-router build',
  async serve(app, sandbox) {
    const port = sandbox.apiPort
    app.start('npx react-router-serve ./build/server/index.js', {
      ...sandbox.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
    })
    await waitForHttp(`http://127.0.0.1:${port}/`)
    return `http://127.0.0.1:${port}/`
  },
}

const APPS = {
  'vite-react19': viteApp(19),
  'vite-react18': viteApp(18),
  next: nextApp,
  'webpack-express': webpackExpressApp,
  'react-router': reactRouterApp,
}

// --- plumbing ------------------------------------------------------------------------------------

/** The README's server files (TypeScript), compiled to JavaScript beside them as a host's build would. */
async function compileServer(dir, names) {
  for (const name of names) {
    const source = readFileSync(join(dir, `${name}.ts`), 'utf8')
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    })
    await writeFile(join(dir, `${name}.js`), outputText)
  }
}

/** The environment of a child: the provider's variables only when given (never at build time). */
function envWith(extra = {}) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1' }
  for (const name of Object.keys(env)) if (name.startsWith('KYC_')) delete env[name]
  return { ...env, ...extra }
}

/** Runs a command to its end (without blocking the others); its output only if it fails. */
function run(command, cwd, log, extraEnv) {
  const started = Date.now()
  const child = spawn(command, { cwd, shell: true, env: envWith(extraEnv) })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  return new Promise((resolveRun, reject) => {
    child.once('error', reject)
    child.once('close', (code) => {
      log(`${command}: ${code === 0 ? 'ok' : 'FAILED'} in ${seconds(started)}`)
      if (code === 0) resolveRun(output)
      else reject(new Error(`${command} failed in ${cwd}\n${output}`.trim()))
    })
  })
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`

async function waitForHttp(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const response = await fetch(url)
      if (response.status < 500) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`)
    await new Promise((wait) => setTimeout(wait, 250))
  }
}

/** Starts a long-running child; `line()` waits for its first line of output. */
function startChild(command, cwd, extraEnv, children) {
  const child = spawn(command, {
    cwd,
    shell: true,
    detached: true,
    env: envWith(extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit))
  const line = new Promise((resolveLine, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (output.includes('\n')) resolveLine(output.slice(0, output.indexOf('\n')))
    })
    child.stderr.on('data', (chunk) => (output += chunk))
    void exited.then((code) =>
      reject(new Error(`${command} exited (${code}) before printing a line:\n${output}`)),
    )
  })
  line.catch(() => {})
  return { child, line: () => line, output: () => output }
}

function stopChildren(children) {
  for (const child of children) {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
    }
  }
}

/**
 * Gzipped bytes (zlib's default level, as servers send) of the JS a Vite build's page loads: its
 * module script and preloads, not the chunks loaded only on demand (the pt-BR locale here).
 */
async function loadedJsGzipped(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  let total = 0
  for (const [, path] of html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)) {
    total += gzipSync(readFileSync(join(dist, path))).length
  }
  return total
}

function chromiumExecutable() {
  const fromEnv = process.env.KYC_CHROMIUM || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE
  if (fromEnv) return fromEnv
  const bundled = chromium.executablePath()
  return existsSync(bundled) ? bundled : '/usr/bin/chromium'
}

/** In Chromium: the widget loads, a real PDF reaches `approved`, nothing is logged as an error. */
async function uploadInBrowser(browser, url, customerId) {
  const context = await browser.newContext()
  await context.addCookies([{ name: 'kyc_customer', value: customerId, url }])
  const page = await context.newPage()
  const problems = []
  page.on('console', (message) => {
    const text = message.text()
    if (message.type() === 'error' || /hydrat/i.test(text)) {
      problems.push(`console ${message.type()}: ${text}`)
    }
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  // Push, not polling: the event stream is open (200, not the 204 of a proxy without webhooks),
  // and from the upload's answer to `approved` (the sandbox reviews 3 s later) the page reads the
  // customer once, the refresh after the upload, where polling would read it every 2 s.
  const customerPath = `/api/kyc/customers/${customerId}`
  const streams = []
  let readsAfterUpload = null
  page.on('response', (response) => {
    const { pathname } = new URL(response.url())
    if (pathname === `${customerPath}/events`) streams.push(response.status())
    if (pathname === `${customerPath}/documents`) readsAfterUpload = 0
  })
  page.on('request', (request) => {
    const { pathname } = new URL(request.url())
    if (pathname === customerPath && readsAfterUpload !== null) readsAfterUpload += 1
  })
  try {
    await page.goto(url)
    await page.locator('[data-kyc-uploader][data-state="ready"]').waitFor({ timeout: 30_000 })
    const card = page.locator('li.kyc-card[data-kyc-type="ccmei"]')
    await card.locator('input[type="file"]').setInputFiles(PDF)
    await page
      .locator('li.kyc-card[data-kyc-type="ccmei"][data-status="approved"]')
      .waitFor({ timeout: 30_000 })
    if (!streams.includes(200)) problems.push(`no open event stream (answers: ${streams})`)
    if (readsAfterUpload === null || readsAfterUpload > 1) {
      problems.push(`approved after ${readsAfterUpload} reads, not through push`)
    }
  } catch (error) {
    problems.push(`${error.message.split('\n')[0]} (page: ${await page.content()})`.slice(0, 2000))
  }
  await context.close()
  return problems
}

/**
 * In Chromium, on the Vite dev server: the 12 MP camera photo picked for the identity card reaches
 * the provider shrunk by the photo worker (under 1 MB, from 4.7 MB), not as picked.
 */
async function photoInBrowser(browser, url, sandbox) {
  const context = await browser.newContext()
  await context.addCookies([{ name: 'kyc_customer', value: sandbox.customerId, url }])
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  let stored
  try {
    await page.goto(`${url}?customer=${sandbox.customerId}`)
    await page.locator('[data-kyc-uploader][data-state="ready"]').waitFor({ timeout: 60_000 })
    await page
      .locator('li.kyc-card[data-kyc-type="identity_card_front"] input[type="file"]')
      .setInputFiles(PHOTO)
    await page
      .locator('li.kyc-card[data-kyc-type="identity_card_front"][data-status="submitted"]')
      .waitFor({ timeout: 30_000 })
    stored = (await storedDocuments(sandbox)).find((doc) => doc.type === 'identity_card_front')
    if (!stored || stored.size >= 1_000_000) {
      problems.push(`the photo reached the provider as picked: ${stored?.size ?? 'nothing'} bytes`)
    }
  } catch (error) {
    problems.push(`${error.message.split('\n')[0]}`.slice(0, 2000))
  }
  await context.close()
  const picked = readFileSync(PHOTO).length
  const summary = stored
    ? `12 MP photo ${(picked / 1e6).toFixed(2)} MB picked, ${(stored.size / 1e6).toFixed(2)} MB stored`
    : 'FAILED'
  return { problems, summary }
}

/** What the sandbox stored for the customer, through its control surface. */
async function storedDocuments({ url, customerId, env }) {
  const basic = btoa(`${env.KYC_CLIENT_ID}:${env.KYC_CLIENT_SECRET}`)
  const auth = await fetch(`${url}/auth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  })
  const { access_token: token } = await auth.json()
  const response = await fetch(`${url}/sandbox/documents?customer_id=${customerId}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  return (await response.json()).data
}

/** `name@range` (scoped or not) as a package.json entry. */
function entries(specs) {
  return Object.fromEntries(
    specs.map((spec) => {
      const at = spec.lastIndexOf('@')
      return [spec.slice(0, at), spec.slice(at + 1)]
    }),
  )
}

async function installApp(name, spec, work, tarball, log) {
  const dir = join(work, name)
  for (const [file, content] of Object.entries(spec.files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true })
    await writeFile(join(dir, file), content)
  }
  // One install per app: the package, the peers it declares, and the app's build tools; nothing
  // else (the package's own dependencies come with it).
  const appManifest = JSON.parse(spec.files['package.json'])
  appManifest.dependencies = { [manifest.name]: `file:${tarball}`, ...entries(spec.dependencies) }
  appManifest.devDependencies = entries(spec.devDependencies)
  await writeFile(join(dir, 'package.json'), json(appManifest))
  await run('npm install --no-audit --no-fund --prefer-offline --loglevel=error', dir, log)
  return dir
}

async function checkApp(name, spec, dir, browser, log) {
  const children = []
  const app = {
    dir,
    start: (command, env) => startChild(command, dir, env, children),
  }
  try {
    if (spec.typecheck) await run(spec.typecheck, dir, log)
    await run(spec.build, dir, log) // with no KYC_* variable at all
    // The README's sandbox sends its webhooks to the proxy's /webhooks, which listens on apiPort,
    // signed with the secret the README's proxy reads: each review is pushed to the page.
    const [sandboxPort, apiPort] = [await freePort(), await freePort()]
    const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`
    const sandboxProcess = app.start('node sandbox.mjs', {
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_WEBHOOK_URL: `http://127.0.0.1:${apiPort}/api/kyc/webhooks`,
      KYC_WEBHOOK_SECRET: webhookSecret,
    })
    const { url, customerId } = JSON.parse(await sandboxProcess.line())
    const env = { KYC_API_URL: url, KYC_WEBHOOK_SECRET: webhookSecret, ...SANDBOX_CREDENTIALS }
    const sandbox = { url, customerId, apiPort, env }
    const pageUrl = await spec.serve(app, sandbox)
    const started = Date.now()
    const problems = await uploadInBrowser(browser, pageUrl, customerId)
    log(
      `Chromium: ${problems.length === 0 ? 'PDF approved through push, console clean' : 'FAILED'} in ${seconds(started)}`,
    )
    if (spec.afterUpload) problems.push(...spec.afterUpload(app, sandbox))
    if (problems.length === 0 && spec.tests) await spec.tests(app, pageUrl, log)
    if (problems.length === 0 && spec.photo) {
      const photo = await photoInBrowser(browser, `${new URL(pageUrl).origin}/`, sandbox)
      log(`the photo worker: ${photo.summary}`)
      problems.push(...photo.problems)
    }
    if (problems.length === 0 && spec.dev) {
      const devUrl = await spec.dev(app)
      const photo = await photoInBrowser(browser, devUrl, sandbox)
      log(`vite dev server (dependencies pre-bundled): ${photo.summary}`)
      problems.push(...photo.problems)
    }
    if (problems.length === 0 && spec.measure) await spec.measure(dir, log)
    return problems
  } finally {
    stopChildren(children)
  }
}

async function main() {
  const args = process.argv.slice(2)
  // --built: dist/ is fresh (npm test's package step has just built it).
  const built = args.includes('--built')
  const only = args.filter((arg) => !arg.startsWith('--'))
  const names = Object.keys(APPS).filter((name) => only.length === 0 || only.includes(name))
  const started = Date.now()
  const work = await mkdtemp(join(tmpdir(), 'kyc-consumer-apps-'))
  const log = (prefix) => (line) => console.log(`[${prefix}] ${line}`)
  let failed = false
  try {
    if (!existsSync(PDF) || !existsSync(PHOTO)) {
      await run(`node ${join(root, 'e2e/fixtures/generate.mjs')}`, root, log('fixtures'))
    }
    if (!built) await run('npm run build --silent', root, log('pack'))
    await run(`npm pack --silent --pack-destination ${work}`, root, log('pack'))
    const tarball = join(
      work,
      (await readdir(work)).find((file) => file.endsWith('.tgz')),
    )
    console.log(`[pack] ${tarball} (${manifest.name}@${manifest.version})`)

    // Installs are mostly waiting on the network and the cache: all at once.
    const dirs = await Promise.all(
      names.map((name) => installApp(name, APPS[name], work, tarball, log(name))),
    )
    const browser = await chromium.launch({
      executablePath: chromiumExecutable(),
      args: CHROMIUM_ARGS,
    })
    try {
      for (const [index, name] of names.entries()) {
        const dir = dirs[index]
        let problems
        try {
          problems = await checkApp(name, APPS[name], dir, browser, log(name))
        } catch (error) {
          problems = [String(error.message ?? error)]
        }
        for (const problem of problems) console.error(`[${name}] ✗ ${problem}`)
        if (problems.length > 0) failed = true
      }
    } finally {
      await browser.close()
    }
  } finally {
    if (process.env.KEEP_CONSUMER_APPS) console.log(`apps kept in ${work}`)
    else await rm(work, { recursive: true, force: true })
  }
  console.log(`consumer apps: ${failed ? 'FAILED' : 'all passed'} in ${seconds(started)}`)
  if (failed) process.exit(1)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
