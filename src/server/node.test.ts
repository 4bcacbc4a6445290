// The proxy mounted with kyc-uploader/server/node, as the README's node:http and Express
// snippets do, against the sandbox over real HTTP.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startSandboxServer, type SandboxServer } from '../sandbox/index.ts'
import { createKycProxy } from './index.ts'
import { toNodeListener } from './node.ts'
import { multipartPdf, postStream } from './testing/http.ts'
import { confirm, open, type Issued } from './testing/handoff.ts'

const CLIENT = { clientId: 'node-adapter', clientSecret: 'node-adapter-secret' }
const closers: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function sandboxWithCustomer(): Promise<{ sandbox: SandboxServer; customerId: string }> {
  const sandbox = await startSandboxServer({ ...CLIENT, port: 0, reviewDelayMs: 50 })
  closers.push(() => sandbox.close())
  const customerId = sandbox.sandbox.control.createCustomer('company').id
  return { sandbox, customerId }
}

it('node:http: reads the customer and streams an upload through to the provider', async () => {
  const { sandbox, customerId } = await sandboxWithCustomer()
  const kyc = createKycProxy({
    ...CLIENT,
    providerBaseUrl: sandbox.url,
    prefix: '/api/kyc',
    authorize: () => customerId,
    log: () => {},
  })
  const origin = await listen(toNodeListener(kyc))

  const read = await fetch(`${origin}/api/kyc/customers/${customerId}`)
  expect(read.status).toBe(200)
  expect(await read.json()).toMatchObject({ id: customerId })

  const upload = multipartPdf({ type: 'ccmei', fileSize: 300_000, fileName: 'ccmei.pdf' })
  const sent = await postStream(`${origin}/api/kyc/customers/${customerId}/documents`, upload, {
    'idempotency-key': crypto.randomUUID(),
  })
  expect(sent.status).toBe(201)
  expect(await sent.json()).toMatchObject({ type: 'ccmei', status: 'submitted' })
  expect(sandbox.sandbox.control.documents(customerId)).toMatchObject([
    { size: 300_000, complete: true },
  ])
})

it('Express-style mount: the mount path stripped from the URL, prefix ""', async () => {
  const { sandbox, customerId } = await sandboxWithCustomer()
  const listener = toNodeListener(
    createKycProxy({
      ...CLIENT,
      providerBaseUrl: sandbox.url,
      prefix: '',
      authorize: () => customerId,
      log: () => {},
    }),
  )
  // What `app.use('/api/kyc', listener)` does before calling it.
  const origin = await listen((req, res) => {
    if (!req.url?.startsWith('/api/kyc/')) return void res.writeHead(404).end()
    req.url = req.url.slice('/api/kyc'.length)
    void listener(req, res)
  })
  const read = await fetch(`${origin}/api/kyc/customers/${customerId}`)
  expect(read.status).toBe(200)
  expect(await read.json()).toMatchObject({ id: customerId, kyc: expect.any(Array) })
  expect((await fetch(`${origin}/api/kyc/customers/cust_someone_else`)).status).toBe(404)
})

/** What Express's `app.use(mountPath, listener)` does before calling the listener. */
function expressMount(
  mountPath: string,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
) {
  return (
    req: IncomingMessage & { originalUrl?: string; baseUrl?: string },
    res: ServerResponse,
  ) => {
    if (!req.url?.startsWith(`${mountPath}/`)) return void res.writeHead(404).end()
    req.originalUrl = req.url
    req.baseUrl = mountPath
    req.url = req.url.slice(mountPath.length)
    listener(req, res)
  }
}

it("Express mount with the proxy's prefix: hand-off links, the cookie's path and log lines carry the mount path", async () => {
  const { sandbox, customerId } = await sandboxWithCustomer()
  const lines: string[] = []
  const kyc = createKycProxy({
    ...CLIENT,
    providerBaseUrl: sandbox.url,
    prefix: '/api/kyc',
    authorize: () => customerId,
    handoff: { pageUrl: '/kyc/phone' },
    log: (line) => lines.push(line),
  })
  const origin = await listen(expressMount('/api/kyc', toNodeListener(kyc)))

  const read = await fetch(`${origin}/api/kyc/customers/${customerId}`)
  expect(read.status).toBe(200)
  const issued = await fetch(`${origin}/api/kyc/customers/${customerId}/handoff`, {
    method: 'POST',
    headers: { origin },
  })
  expect(issued.status).toBe(201)
  const link = (await issued.json()) as Issued
  expect(link.url).toMatch(new RegExp(`^${origin}/api/kyc/handoff/[\\w-]+$`))

  const page = await open(link.url)
  expect(page.status).toBe(200)
  expect(page.headers.get('set-cookie')).toBeNull()
  const exchange = await confirm(link)
  expect(exchange.status).toBe(303)
  expect(exchange.headers.get('location')).toBe(`${origin}/kyc/phone`)
  expect(exchange.headers.get('set-cookie')).toContain('Path=/api/kyc;')
  expect(lines[0]).toMatch(new RegExp(`^kyc-proxy GET /api/kyc/customers/${customerId} 200 `))
  expect(lines.at(-1)).toMatch(/^kyc-proxy POST \/api\/kyc\/handoff\/#[0-9a-f]{12} 303 /)
})

it("Express mount with prefix '': still served, with one warning naming the prefix to set", async () => {
  const { sandbox, customerId } = await sandboxWithCustomer()
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  try {
    const kyc = createKycProxy({
      ...CLIENT,
      providerBaseUrl: sandbox.url,
      prefix: '',
      authorize: () => customerId,
      log: () => {},
    })
    const origin = await listen(expressMount('/api/kyc', toNodeListener(kyc)))
    for (let read = 0; read < 2; read += 1) {
      expect((await fetch(`${origin}/api/kyc/customers/${customerId}`)).status).toBe(200)
    }
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toContain("prefix: '/api/kyc'")
  } finally {
    warn.mockRestore()
  }
})
