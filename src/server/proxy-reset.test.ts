// A connection reset under the proxy's request (a pooled keep-alive connection the provider closed
// just as it was reused), over real HTTP: the real sandbox behind a front that resets on cue.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { startSandboxServer, type SandboxServer } from '../sandbox/index.ts'
import { createKycProxy } from './index.ts'
import { scopedIdempotencyKey } from './upload-document.ts'
import {
  generatedPdfSha256,
  multipartPdf,
  postStream,
  type RunningServer,
  serveHandler,
  serveRaw,
} from './testing/http.ts'

const KiB = 1024
const MiB = 1024 * KiB
const CLIENT_ID = 'reset-tests'
const CLIENT_SECRET = 'reset-tests-secret'

let sandbox: SandboxServer | undefined
const servers: RunningServer[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
  await sandbox?.close()
  sandbox = undefined
})

/**
 * What the front does with the first request matching `path`: 'reset' destroys its socket before
 * reading a byte; a number reads that many body bytes (or all of it, `Infinity`), then destroys.
 */
type FirstRequest = 'reset' | number

async function setup(path: RegExp, first: FirstRequest) {
  sandbox = await startSandboxServer({
    port: 0,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    reviewDelayMs: 60_000,
  })
  const running = sandbox
  const customer = running.sandbox.control.createCustomer('company')
  const toSandbox = getRequestListener((request, env) => running.sandbox.fetch(request, env), {
    overrideGlobalObjects: false,
  })
  const seen: { url: string; complete: () => boolean }[] = []
  const front = await serveRaw((request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? ''
    seen.push({ url, complete: () => request.complete })
    const isFirst = path.test(url) && seen.filter((s) => path.test(s.url)).length === 1
    if (!isFirst) return void toSandbox(request, response)
    if (first === 'reset') return void request.socket.destroy()
    let read = 0
    request.on('data', (chunk: Buffer) => {
      read += chunk.length
      if (read >= first) request.socket.destroy()
    })
    request.on('end', () => request.socket.destroy())
  })
  servers.push(front)
  const proxy = await serveHandler(
    createKycProxy({
      providerBaseUrl: `${front.url}/v3`,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      authorize: () => customer.id,
      uploadRateLimit: false,
      log: () => {},
    }),
  )
  servers.push(proxy)
  const matching = () => seen.filter((s) => path.test(s.url))
  return {
    proxy: proxy.url,
    customer,
    matching,
    stored: () => running.sandbox.control.documents(customer.id),
  }
}

const DOCUMENTS = /\/documents$/

it('an upload reset before the provider read any of it is sent again: 201, one complete document', async () => {
  const { proxy, customer, matching, stored } = await setup(DOCUMENTS, 'reset')
  const upload = multipartPdf({ type: 'ccmei', fileSize: 100 * KiB })
  const key = crypto.randomUUID()
  const response = await postStream(`${proxy}/customers/${customer.id}/documents`, upload, {
    'idempotency-key': key,
  })
  expect(response.status).toBe(201)
  expect(matching().map((request) => request.complete())).toEqual([false, true])
  expect(stored()).toEqual([
    expect.objectContaining({
      size: 100 * KiB,
      complete: true,
      idempotency_key: await scopedIdempotencyKey(customer.id, key),
    }),
  ])
  expect(stored()[0]?.sha256).toBe(await generatedPdfSha256(100 * KiB))
})

it('a body that had wholly left is sent again under its Idempotency-Key (every upload has one)', async () => {
  const withKey = await setup(DOCUMENTS, Infinity)
  const key = crypto.randomUUID()
  const replayed = await postStream(
    `${withKey.proxy}/customers/${withKey.customer.id}/documents`,
    multipartPdf({ type: 'ccmei', fileSize: 50 * KiB }),
    { 'idempotency-key': key },
  )
  expect(replayed.status).toBe(201)
  expect(withKey.matching()).toHaveLength(2)
  expect(withKey.stored()).toEqual([
    expect.objectContaining({
      idempotency_key: await scopedIdempotencyKey(withKey.customer.id, key),
    }),
  ])
})

it('an upload reset after its body had flowed past what the proxy holds stays a 502, sent once', async () => {
  const { proxy, customer, matching, stored } = await setup(DOCUMENTS, 1 * MiB)
  const response = await postStream(
    `${proxy}/customers/${customer.id}/documents`,
    multipartPdf({ type: 'ccmei', fileSize: 4 * MiB }),
    { 'idempotency-key': crypto.randomUUID() },
  )
  expect(response.status).toBe(502)
  expect(await response.json()).toMatchObject({ code: 'provider_unreachable' })
  expect(matching()).toHaveLength(1)
  expect(stored()).toEqual([])
})

it('a customer read whose connection is reset is read again: 200', async () => {
  const { proxy, customer, matching } = await setup(/\/customers\/[^/]+$/, 'reset')
  const response = await fetch(`${proxy}/customers/${customer.id}`)
  expect(response.status).toBe(200)
  expect(await response.json()).toMatchObject({ id: customer.id })
  expect(matching()).toHaveLength(2)
})

it('a provider that resets every time is tried twice, then 502 provider_unreachable', async () => {
  const front = await serveRaw((request) => request.socket.destroy())
  servers.push(front)
  let attempts = 0
  const proxy = await serveHandler(
    createKycProxy({
      providerBaseUrl: `${front.url}/v3`,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      authorize: () => 'cust_0123456789abcdef0123456789abcdef',
      fetch: (url, init) => {
        attempts += 1
        return fetch(url, init)
      },
      log: () => {},
    }),
  )
  servers.push(proxy)
  const response = await fetch(`${proxy.url}/customers/cust_0123456789abcdef0123456789abcdef`)
  expect(response.status).toBe(502)
  expect(await response.json()).toMatchObject({ code: 'provider_unreachable' })
  expect(attempts).toBe(2) // the token request, once more, then given up
})
