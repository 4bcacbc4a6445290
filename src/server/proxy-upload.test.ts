// Uploads through the proxy over real HTTP against the sandbox: streamed, limited, untouched.
import { request as httpRequest } from 'node:http'
import { generatedPdfSha256, multipartPdf, postStream, startProxyProcess } from './testing/http.ts'
import { type Stack, startStack } from './testing/stack.ts'
import { scopedIdempotencyKey } from './upload-document.ts'

const MiB = 1024 * 1024
let stack: Stack | undefined

afterEach(async () => {
  await stack?.close()
  stack = undefined
})

const documentCalls = (s: Stack) => s.calls.filter((call) => call.url.endsWith('/documents'))

/** The body's length once framed under the proxy's boundary (`kyc-` + 32 hex) instead of its own. */
function reframedLength(upload: { contentType: string; length: number }): number {
  const boundary = upload.contentType.split('boundary=')[1] ?? ''
  // Three delimiter lines: before each of the two parts, and the closing one.
  return upload.length + 3 * (36 - boundary.length)
}

it('streams the file to the provider unchanged, with only Content-Type and the Idempotency-Key (scoped to the customer) from the browser', async () => {
  stack = await startStack()
  const { customer, cookie } = stack.signIn()
  const key = crypto.randomUUID()
  const upload = multipartPdf({ type: 'ccmei', fileSize: 3 * MiB, fileName: 'ccmei.pdf' })
  const response = await postStream(`${stack.api}/customers/${customer.id}/documents`, upload, {
    cookie,
    'idempotency-key': key,
    authorization: 'Bearer browser-token',
    'x-forwarded-for': '203.0.113.9',
  })
  expect(response.status).toBe(201)
  const document = (await response.json()) as Record<string, unknown>
  expect(Object.keys(document).sort()).toEqual([
    'created_at',
    'id',
    'status',
    'type',
    'updated_at',
    'uploaded_at',
  ])
  expect(document).toMatchObject({ type: 'ccmei', status: 'submitted' })

  const [call] = documentCalls(stack)
  expect(Object.keys(call?.headers ?? {}).sort()).toEqual([
    'accept',
    'authorization',
    'content-type',
    'idempotency-key',
  ])
  // Re-framed under the proxy's own boundary; the parts and their bytes as the browser sent them.
  expect(call?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=kyc-[0-9a-f]{32}$/)
  const forwardedKey = await scopedIdempotencyKey(customer.id, key)
  expect(call?.headers['idempotency-key']).toBe(forwardedKey)
  expect(call?.headers.authorization).toBe(`Bearer ${stack.tokens[0]}`)
  expect(call?.bodyBytes()).toBe(reframedLength(upload))

  const [stored] = stack.sandbox.sandbox.control.documents(customer.id)
  expect(stored).toMatchObject({ size: 3 * MiB, idempotency_key: forwardedKey, complete: true })
  expect(stored?.sha256).toBe(await generatedPdfSha256(3 * MiB))
})

it('a repeated Idempotency-Key replays: same document, Idempotent-Replayed and rate-limit headers kept', async () => {
  stack = await startStack()
  const { customer, cookie } = stack.signIn()
  const url = `${stack.api}/customers/${customer.id}/documents`
  const headers = { cookie, 'idempotency-key': crypto.randomUUID() }
  const first = await postStream(url, multipartPdf({ type: 'selfie', fileSize: 8192 }), headers)
  const again = await postStream(url, multipartPdf({ type: 'selfie', fileSize: 8192 }), headers)
  expect(first.status).toBe(201)
  expect(again.status).toBe(201)
  expect(again.headers.get('idempotent-replayed')).toBe('true')
  expect(again.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/)
  expect(((await again.json()) as { id: string }).id).toBe(
    ((await first.json()) as { id: string }).id,
  )
  expect(stack.sandbox.sandbox.control.documents(customer.id)).toHaveLength(1)
})

it('the provider’s own validation errors pass through as problem+json', async () => {
  stack = await startStack()
  const { customer, cookie } = stack.signIn()
  const form = new FormData()
  form.set('type', 'ccmei')
  form.set('file', new Blob(['MZ\x90\x00 not a document']), 'invoice.pdf')
  const response = await stack.request(`/customers/${customer.id}/documents`, {
    method: 'POST',
    body: form,
    cookie,
  })
  expect(response.status).toBe(422)
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  expect(await response.json()).toMatchObject({ status: 422, code: 'unsupported_file_type' })
})

it('a body that is not multipart is refused before anything is sent', async () => {
  stack = await startStack()
  const { customer, cookie } = stack.signIn()
  const response = await stack.request(`/customers/${customer.id}/documents`, {
    method: 'POST',
    body: '{"type":"ccmei"}',
    headers: { 'content-type': 'application/json' },
    cookie,
  })
  expect(response.status).toBe(400)
  expect(await response.json()).toMatchObject({ code: 'invalid_content_type' })
  expect(documentCalls(stack)).toEqual([])
})

describe('the size limit', () => {
  it('an upload that grows past the limit is cut off with 422 before the provider has it all', async () => {
    // The sandbox would take 64 MiB: only the proxy's 1 MiB limit stands in the way.
    stack = await startStack({ sandbox: { maxFileSize: 64 * MiB }, proxy: { maxFileSize: MiB } })
    const { customer, cookie } = stack.signIn()
    const upload = multipartPdf({ type: 'ccmei', fileSize: 8 * MiB })
    let sentByBrowser = 0
    const reader = upload.body.getReader()
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read()
        if (done) return controller.close()
        sentByBrowser += value.length
        controller.enqueue(value)
      },
    })
    // No Content-Length: a chunked body, so only counting can catch it.
    const response = await postStream(
      `${stack.api}/customers/${customer.id}/documents`,
      { ...upload, body: counted },
      { cookie },
    )
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({ code: 'file_too_large', param: 'file' })
    const [call] = documentCalls(stack)
    const forwarded = call?.bodyBytes() ?? 0
    console.log(
      `over-limit upload: browser sent ${(sentByBrowser / MiB).toFixed(1)} MiB of ${(upload.length / MiB).toFixed(1)}, provider got ${(forwarded / MiB).toFixed(2)} MiB, limit 1 MiB + 64 KiB framing`,
    )
    expect(forwarded).toBeLessThanOrEqual(MiB + 64 * 1024)
    expect(stack.sandbox.sandbox.control.documents(customer.id)).toEqual([])
    expect(stack.lines.at(-1)).toMatch(/ 422 \d+ms file_too_large$/)
  })

  it('a declared Content-Length over the limit is refused at once, nothing sent upstream', async () => {
    stack = await startStack({ proxy: { maxFileSize: MiB } })
    const { customer, cookie } = stack.signIn()
    const url = new URL(`${stack.api}/customers/${customer.id}/documents`)
    // Claims 50 MiB and sends only the first bytes: the answer must not wait for the rest.
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(url, {
        method: 'POST',
        headers: {
          cookie,
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(50 * MiB),
          'idempotency-key': crypto.randomUUID(),
        },
      })
      request.on('response', (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
        request.destroy()
      })
      request.on('error', reject)
      request.write('--x\r\n')
    })
    expect(status).toBe(422)
    expect(documentCalls(stack)).toEqual([])
  })

  it('a 30 MiB upload passes (limits raised) while the proxy’s memory stays flat', async () => {
    stack = await startStack({ sandbox: { maxFileSize: 40 * MiB } })
    const { customer } = stack.signIn('company')
    const proxy = await startProxyProcess({
      PROVIDER_URL: stack.sandbox.url,
      CUSTOMER_ID: customer.id,
      MAX_FILE_SIZE: String(40 * MiB),
      CLIENT_ID: 'proxy-tests',
      CLIENT_SECRET: 'proxy-tests-secret-7f3a9c',
    })
    try {
      // Warm up (token, connections, JIT) so the measurement sees the upload alone.
      const warm = await postStream(
        `${proxy.url}/customers/${customer.id}/documents`,
        multipartPdf({ type: 'selfie', fileSize: MiB }),
      )
      expect(warm.status).toBe(201)
      await proxy.memory('/__memory/reset')
      const started = performance.now()
      const response = await postStream(
        `${proxy.url}/customers/${customer.id}/documents`,
        multipartPdf({ type: 'ccmei', fileSize: 30 * MiB }),
      )
      expect(response.status).toBe(201)
      const seconds = (performance.now() - started) / 1000
      const { baseline, peak, retainedPeak } = await proxy.memory('/__memory')
      const growth = (key: 'rss' | 'heapUsed' | 'arrayBuffers', of = peak) =>
        (of[key] - baseline[key]) / MiB
      console.log(
        `30 MiB upload through the proxy in ${seconds.toFixed(1)} s; proxy process growth: ` +
          `RSS peak +${growth('rss').toFixed(1)} MiB, heap peak +${growth('heapUsed').toFixed(1)} MiB, ` +
          `buffers peak +${growth('arrayBuffers').toFixed(1)} MiB (garbage included); ` +
          `held after GC: heap +${growth('heapUsed', retainedPeak).toFixed(1)} MiB, ` +
          `buffers +${growth('arrayBuffers', retainedPeak).toFixed(1)} MiB`,
      )
      const stored = stack.sandbox.sandbox.control.documents(customer.id)
      expect(stored.find((document) => document.type === 'ccmei')?.size).toBe(30 * MiB)
      // What is held after a collection is the telling figure: a proxy that buffered the body
      // (as undici does with redirect 'follow', see provider.ts) holds the whole 30 MiB there.
      // RSS is printed, not asserted: the allocator keeps freed pages, and it moves with the machine.
      expect(growth('arrayBuffers', retainedPeak)).toBeLessThan(12)
      expect(growth('heapUsed', retainedPeak)).toBeLessThan(12)
    } finally {
      proxy.close()
    }
  }, 60_000)
})

describe('sandbox faults during an upload', () => {
  it.each([
    ['stall', 504, 'provider_timeout'],
    ['html502', 502, 'provider_error'],
    ['500', 502, 'provider_error'],
  ] as const)('%s: %i %s, and nothing stored', async (kind, status, code) => {
    stack = await startStack({ proxy: { uploadTimeoutMs: 800 } })
    const { customer, cookie } = stack.signIn()
    stack.sandbox.sandbox.control.injectFault({ route: 'upload', kind })
    const started = performance.now()
    const response = await postStream(
      `${stack.api}/customers/${customer.id}/documents`,
      multipartPdf({ type: 'ccmei', fileSize: 2 * MiB }),
      { cookie, 'idempotency-key': crypto.randomUUID() },
    )
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toMatchObject({ status, code })
    expect(performance.now() - started).toBeLessThan(5000)
    expect(stack.sandbox.sandbox.control.documents(customer.id)).toEqual([])
  })

  it('slow: the browser leaves after sending everything, and nothing is stored after the wait', async () => {
    stack = await startStack()
    const { customer, cookie } = stack.signIn()
    stack.sandbox.sandbox.control.injectFault({ route: 'upload', kind: 'slow', delayMs: 600 })
    const upload = multipartPdf({ type: 'ccmei', fileSize: 64 * 1024 })
    const abort = new AbortController()
    const answer = fetch(`${stack.api}/customers/${customer.id}/documents`, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': upload.contentType,
        'idempotency-key': crypto.randomUUID(),
      },
      body: upload.body,
      duplex: 'half',
      signal: abort.signal,
    } as RequestInit)
    await new Promise((resolve) => setTimeout(resolve, 200))
    abort.abort()
    await expect(answer).rejects.toThrow()
    await new Promise((resolve) => setTimeout(resolve, 900))
    expect(stack.sandbox.sandbox.control.documents(customer.id)).toEqual([])
  })

  it('drop early in the body: the proxy sends again what it still holds, one document stored', async () => {
    stack = await startStack({ proxy: { uploadTimeoutMs: 800 } })
    const { customer, cookie } = stack.signIn()
    stack.sandbox.sandbox.control.injectFault({ route: 'upload', kind: 'drop' })
    const key = crypto.randomUUID()
    const upload = multipartPdf({ type: 'ccmei', fileSize: 2 * MiB })
    const response = await postStream(`${stack.api}/customers/${customer.id}/documents`, upload, {
      cookie,
      'idempotency-key': key,
    })
    expect(response.status).toBe(201)
    const [dropped, resent] = documentCalls(stack)
    expect(documentCalls(stack)).toHaveLength(2)
    const forwardedKey = await scopedIdempotencyKey(customer.id, key)
    expect([dropped?.headers['idempotency-key'], resent?.headers['idempotency-key']]).toEqual([
      forwardedKey,
      forwardedKey,
    ])
    expect(resent?.bodyBytes()).toBe(reframedLength(upload))
    const stored = stack.sandbox.sandbox.control.documents(customer.id)
    expect(stored).toEqual([expect.objectContaining({ size: 2 * MiB, complete: true })])
    expect(stored[0]?.sha256).toBe(await generatedPdfSha256(2 * MiB))
  })

  it('drop twice: 502 provider_unreachable, and nothing stored', async () => {
    stack = await startStack({ proxy: { uploadTimeoutMs: 800 } })
    const { customer, cookie } = stack.signIn()
    stack.sandbox.sandbox.control.injectFault({ route: 'upload', kind: 'drop', times: 2 })
    const response = await postStream(
      `${stack.api}/customers/${customer.id}/documents`,
      multipartPdf({ type: 'ccmei', fileSize: 2 * MiB }),
      { cookie, 'idempotency-key': crypto.randomUUID() },
    )
    expect(response.status).toBe(502)
    expect(await response.json()).toMatchObject({ status: 502, code: 'provider_unreachable' })
    expect(stack.sandbox.sandbox.control.documents(customer.id)).toEqual([])
  })
})
