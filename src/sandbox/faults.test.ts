import { request as httpRequest } from 'node:http'
import { createSandbox } from './sandbox.ts'
import type { SandboxServer } from './node-server.ts'
import { pdfBytes } from '../core/testing/files.ts'
import {
  BOUNDARY,
  checked,
  get,
  multipartBody,
  requestToken,
  startTestSandbox,
  upload,
  PATIENTLY,
} from './testing/http.ts'

let server: SandboxServer
let token: string
let customerId: string
let lines: string[]

beforeEach(async () => {
  lines = []
  server = await startTestSandbox({ log: (line) => lines.push(line) })
  token = await requestToken(server.url)
  customerId = server.sandbox.control.createCustomer('company').id
})
afterEach(() => server.close())

const pdf = pdfBytes()

function uploadCcmei(signal?: AbortSignal) {
  return upload(server.url, customerId, {
    token,
    type: 'ccmei',
    file: pdf,
    ...(signal ? { signal } : {}),
  })
}

/** Posts a real upload with node:http and reports whether a response or a socket error came. */
function rawUpload(body: Uint8Array): Promise<{ status: number } | { error: string }> {
  const url = new URL(`${server.url}/customers/${customerId}/documents`)
  return new Promise((resolve) => {
    const request = httpRequest(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': body.length,
      },
    })
    request.on('response', (response) => {
      response.resume()
      resolve({ status: response.statusCode ?? 0 })
    })
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message }),
    )
    request.end(body)
  })
}

describe('injected faults', () => {
  it('500: answers internal_error once, then the upload goes through', async () => {
    server.sandbox.control.injectFault({ route: 'upload', kind: '500' })
    const failed = await uploadCcmei()
    expect(failed.status).toBe(500)
    expect(await failed.json()).toMatchObject({ status: 500, code: 'internal_error' })
    expect(server.sandbox.control.documents(customerId)).toEqual([])
    expect((await uploadCcmei()).status).toBe(201)
  })

  it("a fault scoped to one customer never hits another customer's upload", async () => {
    const other = server.sandbox.control.createCustomer('company').id
    server.sandbox.control.injectFault({ route: 'upload', kind: '500', customerId: other })
    expect((await uploadCcmei()).status).toBe(201)
    const failed = await upload(server.url, other, { token, type: 'ccmei', file: pdf })
    expect(failed.status).toBe(500)
    expect(server.sandbox.control.faults()).toEqual([])
  })

  it('429: answers rate_limit_exceeded with Retry-After from delayMs', async () => {
    server.sandbox.control.injectFault({ route: 'upload', kind: '429', delayMs: 1500 })
    const response = await uploadCcmei()
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('2')
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(await response.json()).toMatchObject({ code: 'rate_limit_exceeded' })
    expect(server.sandbox.control.documents(customerId)).toEqual([])
  })

  it("html502: answers a gateway's HTML page, not problem+json", async () => {
    server.sandbox.control.injectFault({ route: 'customer', kind: 'html502' })
    const response = await fetch(`${server.url}/customers/${customerId}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(response.status).toBe(502)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toContain('502 Bad Gateway')
    expect((await get(server.url, `/customers/${customerId}`, token)).status).toBe(200)
  })

  it('slow: waits delayMs, then answers normally', async () => {
    server.sandbox.control.injectFault({ route: 'customer', kind: 'slow', delayMs: 300 })
    const started = performance.now()
    const response = await get(server.url, `/customers/${customerId}`, token)
    expect(response.status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
  })

  it('slow: a client that gives up during the wait stores nothing', async () => {
    server.sandbox.control.injectFault({ route: 'upload', kind: 'slow', delayMs: 400 })
    const controller = new AbortController()
    const attempt = uploadCcmei(controller.signal)
    await vi.waitFor(() => expect(server.sandbox.control.faults()).toEqual([]), PATIENTLY)
    controller.abort()
    await expect(attempt).rejects.toThrow(/abort/i)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(server.sandbox.control.documents(customerId)).toEqual([])
  })

  it('stall: never answers; the request ends when the client gives up, storing nothing', async () => {
    server.sandbox.control.injectFault({ route: 'upload', kind: 'stall' })
    const controller = new AbortController()
    let settled = false
    const attempt = uploadCcmei(controller.signal).finally(() => {
      settled = true
    })
    // Once the sandbox took the fault, the request is in its hands: give it time to (not) answer.
    await vi.waitFor(() => expect(server.sandbox.control.faults()).toEqual([]), PATIENTLY)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(settled).toBe(false)
    controller.abort()
    await expect(attempt).rejects.toThrow(/abort/i)
    await vi.waitFor(
      () => expect(lines.some((line) => line.includes('/documents'))).toBe(true),
      PATIENTLY,
    )
    expect(server.sandbox.control.documents(customerId)).toEqual([])
    expect((await uploadCcmei()).status).toBe(201)
  })

  it('drop: cuts the connection mid-upload; the client sees a network error and nothing is stored', async () => {
    server.sandbox.control.injectFault({ route: 'upload', kind: 'drop' })
    const body = multipartBody([
      { name: 'type', data: 'ccmei' },
      {
        name: 'file',
        fileName: 'big.pdf',
        contentType: 'application/pdf',
        data: pdfBytes({ pages: 1, padding: 2_000_000 }),
      },
    ])
    const outcome = await rawUpload(body)
    expect(outcome).toEqual({ error: expect.stringMatching(/ECONNRESET|EPIPE|socket hang up/) })
    expect(server.sandbox.control.documents(customerId)).toEqual([])
    const afterwards = await rawUpload(body)
    expect(afterwards).toEqual({ status: 201 })
    expect(server.sandbox.control.documents(customerId)).toHaveLength(1)
  })

  it('drop: fetch rejects like a network failure', async () => {
    server.sandbox.control.injectFault({ route: 'upload', kind: 'drop' })
    await expect(uploadCcmei()).rejects.toThrow(TypeError)
    expect(server.sandbox.control.documents(customerId)).toEqual([])
  })

  it('drop, in-process: sandbox.fetch rejects with a TypeError, as fetch would', async () => {
    const sandbox = createSandbox()
    sandbox.control.injectFault({ route: 'any', kind: 'drop' })
    const request = new Request('http://sandbox.test/v3/customers', { method: 'GET' })
    await expect(sandbox.fetch(request)).rejects.toThrow(TypeError)
    sandbox.close()
  })

  it('hits `times` matching requests, on its route only, in order of injection', async () => {
    const control = server.sandbox.control
    control.injectFault({ route: 'customer', kind: '500', times: 2 })
    control.injectFault({ route: 'upload', kind: '429' })
    expect((await uploadCcmei()).status).toBe(429)
    expect((await get(server.url, `/customers/${customerId}`, token)).status).toBe(500)
    expect((await get(server.url, '/customers', token)).status).toBe(500)
    expect((await get(server.url, `/customers/${customerId}`, token)).status).toBe(200)
    expect(control.faults()).toEqual([])
  })

  it('route any: also hits the token endpoint', async () => {
    server.sandbox.control.injectFault({ route: 'any', kind: '500' })
    const response = await fetch(`${server.url}/auth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa('sandbox:sandbox-secret')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    })
    await checked('POST', '/auth/token', response)
    expect(response.status).toBe(500)
  })
})
