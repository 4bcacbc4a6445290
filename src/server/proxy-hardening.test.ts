// The outside review's findings (issue #13), each reproduced against the real sandbox over HTTP
// and shown refused or bounded: session riding, a trickling upload, idempotency keys shared across
// customers, provider words reaching the browser, file names the provider's back office shows.
import { request as httpRequest } from 'node:http'
import { generatedPdfSha256, multipartPdf, postStream } from './testing/http.ts'
import { type Stack, startStack } from './testing/stack.ts'

let stack: Stack | undefined

afterEach(async () => {
  await stack?.close()
  stack = undefined
})

const uploadsSent = (s: Stack) => s.calls.filter((call) => call.url.endsWith('/documents'))

describe('session riding (CSRF): uploads only from the proxy’s own origin', () => {
  it.each([
    ['another site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
    [
      'a sibling origin of the same site',
      { origin: 'http://localhost:8902', 'sec-fetch-site': 'same-site' },
    ],
    ['an old browser on another origin', { origin: 'http://localhost:8902' }],
    ['an opaque origin (sandboxed frame, data: URL)', { origin: 'null' }],
  ])('from %s: 403 cross_origin_request, nothing forwarded or stored', async (_, headers) => {
    stack = await startStack()
    const { customer, cookie } = stack.signIn()
    const response = await postStream(
      `${stack.api}/customers/${customer.id}/documents`,
      multipartPdf({ type: 'ccmei', fileSize: 8192 }),
      { cookie, ...headers },
    )
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ status: 403, code: 'cross_origin_request' })
    expect(uploadsSent(stack)).toEqual([])
    expect(stack.sandbox.sandbox.control.documents(customer.id)).toEqual([])
  })

  it('a form post or a no-cors fetch cannot set Idempotency-Key: 403 idempotency_key_required, nothing forwarded', async () => {
    stack = await startStack()
    const { customer, cookie } = stack.signIn()
    const response = await postStream(
      `${stack.api}/customers/${customer.id}/documents`,
      multipartPdf({ type: 'ccmei', fileSize: 8192 }),
      { cookie, 'idempotency-key': '' },
    )
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ code: 'idempotency_key_required' })
    expect(uploadsSent(stack)).toEqual([])
    expect(stack.sandbox.sandbox.control.documents(customer.id)).toEqual([])
  })

  it('the widget’s own requests pass: same-origin by Sec-Fetch-Site, by Origin, or with neither (no browser)', async () => {
    stack = await startStack()
    const { customer, cookie } = stack.signIn()
    const url = `${stack.api}/customers/${customer.id}/documents`
    const send = (type: string, headers: Record<string, string>) =>
      postStream(url, multipartPdf({ type, fileSize: 8192 }), { cookie, ...headers })
    const own = new URL(stack.api).origin
    expect((await send('ccmei', { origin: own, 'sec-fetch-site': 'same-origin' })).status).toBe(201)
    expect((await send('selfie', { origin: own })).status).toBe(201)
    expect((await send('identity_card_front', {})).status).toBe(201)
  })

  it('an origin listed in trustedOrigins may upload', async () => {
    stack = await startStack({ proxy: { trustedOrigins: ['https://app.example.com'] } })
    const { customer, cookie } = stack.signIn()
    const response = await postStream(
      `${stack.api}/customers/${customer.id}/documents`,
      multipartPdf({ type: 'ccmei', fileSize: 8192 }),
      { cookie, origin: 'https://app.example.com', 'sec-fetch-site': 'same-site' },
    )
    expect(response.status).toBe(201)
  })

  it('refuses a trustedOrigins entry that is not an origin, at start-up', async () => {
    await expect(
      startStack({ proxy: { trustedOrigins: ['https://app.example.com/path'] } }),
    ).rejects.toThrow(/trustedOrigins/)
  })
})

describe('a total deadline on uploads', () => {
  it('one byte every 200 ms is cut off at the deadline with 408, though it never idles, and the socket is let go', async () => {
    stack = await startStack({ proxy: { uploadTimeoutMs: 1000, uploadDeadlineMs: 1500 } })
    const { customer, cookie } = stack.signIn()
    const url = new URL(`${stack.api}/customers/${customer.id}/documents`)
    const started = performance.now()
    let answeredAt = 0
    const outcome = await new Promise<{ status: number; closedAfterMs: number }>((resolve) => {
      let status = 0
      const request = httpRequest(url, {
        method: 'POST',
        headers: {
          cookie,
          'content-type': 'multipart/form-data; boundary=x',
          'idempotency-key': crypto.randomUUID(),
        },
      })
      request.write('--x\r\nContent-Disposition: form-data; name="type"\r\n\r\n')
      const trickle = setInterval(() => request.write('a'), 200)
      request.on('response', (response) => {
        answeredAt = performance.now()
        status = response.statusCode ?? 0
        response.resume()
      })
      const finish = () => {
        clearInterval(trickle)
        resolve({ status, closedAfterMs: performance.now() - answeredAt })
      }
      request.on('close', finish)
      request.on('error', finish)
    })
    expect(outcome.status).toBe(408)
    expect(answeredAt - started).toBeGreaterThanOrEqual(1400)
    expect(answeredAt - started).toBeLessThan(3000)
    // The proxy drains a slow client for a second at most, then drops the connection.
    expect(outcome.closedAfterMs).toBeLessThan(4000)
    expect(stack.sandbox.sandbox.control.documents(customer.id)).toEqual([])
  })
})

describe('idempotency keys are scoped to the customer', () => {
  it('two customers sending the same key both get 201; the same customer’s retry still replays', async () => {
    stack = await startStack()
    const a = stack.signIn()
    const b = stack.signIn()
    const key = 'shared-key-0001'
    const send = (who: typeof a) =>
      postStream(
        `${stack?.api}/customers/${who.customer.id}/documents`,
        multipartPdf({ type: 'ccmei', fileSize: 8192 }),
        { cookie: who.cookie, 'idempotency-key': key },
      )
    const first = await send(a)
    const other = await send(b)
    const again = await send(a)
    expect([first.status, other.status, again.status]).toEqual([201, 201, 201])
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    const firstId = ((await first.json()) as { id: string }).id
    expect(((await again.json()) as { id: string }).id).toBe(firstId)
    expect(((await other.json()) as { id: string }).id).not.toBe(firstId)
    expect(stack.sandbox.sandbox.control.documents(a.customer.id)).toHaveLength(1)
    expect(stack.sandbox.sandbox.control.documents(b.customer.id)).toHaveLength(1)
  })
})

describe('provider words stay on the server', () => {
  it('a 422 whose detail echoes the type field comes back in our words, with no markup', async () => {
    stack = await startStack()
    const { customer, cookie } = stack.signIn()
    const form = new FormData()
    form.set('type', '<script>alert(1)</script>')
    form.set('file', new Blob(['%PDF-1.7\n%%EOF\n'], { type: 'application/pdf' }), 'a.pdf')
    const response = await stack.request(`/customers/${customer.id}/documents`, {
      method: 'POST',
      cookie,
      body: form,
    })
    expect(response.status).toBe(422)
    const text = await response.text()
    expect(text).not.toContain('script')
    expect(JSON.parse(text)).toMatchObject({
      code: 'invalid_document_type',
      detail: 'This document type is not one this customer needs.',
      param: 'type',
    })
  })

  it('a provider 500 becomes a generic 502 in our words', async () => {
    stack = await startStack()
    const { customer, cookie } = stack.signIn()
    stack.sandbox.sandbox.control.injectFault({ route: 'customer', kind: '500' })
    const response = await stack.request(`/customers/${customer.id}`, { cookie })
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
      code: 'provider_error',
      detail: 'The KYC provider failed to answer.',
    })
  })
})

describe('file names reach the provider made safe', () => {
  it('no folders, no control or bidi characters, bounded length, extension kept; the bytes unchanged', async () => {
    stack = await startStack()
    const { customer, cookie } = stack.signIn()
    const fileName = `../../etc/\u202Efdp\u0007.${'x'.repeat(300)}.pdf`
    const response = await postStream(
      `${stack.api}/customers/${customer.id}/documents`,
      multipartPdf({ type: 'ccmei', fileSize: 64 * 1024, fileName }),
      { cookie },
    )
    expect(response.status).toBe(201)
    const [stored] = stack.sandbox.sandbox.control.documents(customer.id)
    expect(stored?.file_name).toBe(`fdp.${'x'.repeat(92)}.pdf`)
    expect(stored?.sha256).toBe(await generatedPdfSha256(64 * 1024))
  })

  it('a body that is not well-formed multipart is 400 malformed_body, nothing stored', async () => {
    stack = await startStack()
    const { customer, cookie } = stack.signIn()
    const response = await stack.request(`/customers/${customer.id}/documents`, {
      method: 'POST',
      cookie,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nX-No-Disposition: 1\r\n\r\nhello\r\n--x--\r\n',
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 'malformed_body' })
    expect(stack.sandbox.sandbox.control.documents(customer.id)).toEqual([])
  })
})
