// @vitest-environment jsdom
/**
 * The client against the provider sandbox over real HTTP (an ephemeral port), with a token
 * supplier as a host would give it: what a user's upload does to the provider's state.
 */
import { createHash } from 'node:crypto'
import { startSandboxServer, type SandboxServer } from '../sandbox/index.ts'
import { jpegBytes, pdfBytes, pngBytes, textBytes } from '../core/testing/files.ts'
import { shimBlobArrayBuffer } from '../core/testing/jsdomBlob.ts'
import { validateDocumentFile } from '../core/validate.ts'
import { createKycClient, type TokenSupplier, type UploadProgress } from './client.ts'
import { sameOriginXhr } from './testing/browser-http.ts'
import { rejection } from './testing/rejection.ts'

let sandbox: SandboxServer
let xhr: ReturnType<typeof sameOriginXhr>
let tokenRequests: number

beforeAll(async () => {
  shimBlobArrayBuffer()
  sandbox = await startSandboxServer({ port: 0, reviewDelayMs: 60_000 })
  xhr = sameOriginXhr(sandbox.url)
})

afterAll(async () => {
  xhr.close()
  await sandbox.close()
})

beforeEach(() => {
  sandbox.sandbox.control.reset()
  tokenRequests = 0
})

async function requestToken(): Promise<string> {
  tokenRequests += 1
  const response = await fetch(`${sandbox.url}/auth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${btoa('sandbox:sandbox-secret')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { access_token: string }).access_token
}

/** A host's token supplier: cached, refreshed when asked. */
function tokenSupplier(): { getToken: TokenSupplier; calls: boolean[] } {
  let cached: string | undefined
  const calls: boolean[] = []
  return {
    calls,
    getToken: async ({ forceRefresh }) => {
      calls.push(forceRefresh)
      if (forceRefresh || !cached) cached = await requestToken()
      return cached
    },
  }
}

function client(options: { timeoutMs?: number } = {}) {
  const supplier = tokenSupplier()
  return {
    ...supplier,
    api: createKycClient({
      baseUrl: sandbox.url,
      getToken: supplier.getToken,
      createXhr: xhr.createXhr,
      ...options,
    }),
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** A document as the widget sends it: validated first, its content type taken from the bytes. */
async function document(bytes: Uint8Array<ArrayBuffer>, name: string, type = '') {
  const file = new File([bytes], name, { type })
  const result = await validateDocumentFile(file)
  if (!result.ok) throw new Error(`fixture ${name} refused: ${result.code}`)
  return { file, fileName: name, contentType: result.contentType }
}

describe('getCustomer against the sandbox', () => {
  it('reads the required documents of a company customer', async () => {
    const customer = sandbox.sandbox.control.createCustomer('company')
    const { api } = client()
    const read = await api.getCustomer(customer.id)
    expect(read.id).toBe(customer.id)
    expect(read.kyc.map((item) => item.type)).toEqual([
      'ccmei',
      'identity_card_front',
      'identity_card_back',
      'selfie',
    ])
    expect(read.kyc.every((item) => item.status === 'pending')).toBe(true)
  })

  it('refreshes an expired token once and carries on', async () => {
    const customer = sandbox.sandbox.control.createCustomer('person-cnh')
    const { api, calls } = client()
    await api.getCustomer(customer.id)
    sandbox.sandbox.control.expireTokens()
    expect((await api.getCustomer(customer.id)).id).toBe(customer.id)
    expect(calls).toEqual([false, false, true])
    expect(tokenRequests).toBe(2)
  })

  it('fails with 401 invalid_token without a token supplier', async () => {
    const api = createKycClient({ baseUrl: sandbox.url })
    const error = await rejection(api.getCustomer('cust_3c6af039bdb764af2e7870c712b19f56'))
    expect(error).toMatchObject({ status: 401, code: 'invalid_token' })
    expect(error.title).not.toBe('')
  })

  it('fails with 404 customer_not_found for an unknown customer', async () => {
    const error = await rejection(client().api.getCustomer('cust_00000000000000000000000000000000'))
    expect(error).toMatchObject({ status: 404, code: 'customer_not_found' })
    expect(error.detail).not.toBe('')
  })

  it("turns the sandbox's HTML 502 into invalid_response", async () => {
    const customer = sandbox.sandbox.control.createCustomer('company')
    sandbox.sandbox.control.injectFault({ route: 'customer', kind: 'html502' })
    expect(await rejection(client().api.getCustomer(customer.id))).toMatchObject({
      status: 502,
      code: 'invalid_response',
    })
  })

  it('carries the Retry-After of a 429', async () => {
    const customer = sandbox.sandbox.control.createCustomer('company')
    sandbox.sandbox.control.injectFault({ route: 'customer', kind: '429', delayMs: 3000 })
    expect(await rejection(client().api.getCustomer(customer.id))).toMatchObject({
      status: 429,
      code: 'rate_limit_exceeded',
      retryAfterMs: 3000,
    })
  })

  it('times out on a stalled answer', async () => {
    const customer = sandbox.sandbox.control.createCustomer('company')
    sandbox.sandbox.control.injectFault({ route: 'customer', kind: 'stall' })
    expect(await rejection(client({ timeoutMs: 200 }).api.getCustomer(customer.id))).toMatchObject({
      status: 0,
      code: 'timeout',
    })
  })
})

describe('uploadDocument against the sandbox', () => {
  it('stores a real PDF once, byte for byte, and the customer shows it submitted', async () => {
    const customer = sandbox.sandbox.control.createCustomer('company')
    const bytes = pdfBytes({ pages: 3 })
    const progress: UploadProgress[] = []
    const { api } = client()
    const created = await api.uploadDocument({
      customerId: customer.id,
      type: 'ccmei',
      ...(await document(bytes, 'certificado mei.pdf', 'application/pdf')),
      idempotencyKey: 'upload-pdf-1',
      onProgress: (event) => progress.push(event),
    })
    expect(created).toMatchObject({ type: 'ccmei', status: 'submitted' })
    expect(created.id).toMatch(/^doc_[0-9a-f]{32}$/)
    expect(progress.at(-1)?.loaded).toBe(progress.at(-1)?.total)
    expect(progress.at(-1)?.total).toBeGreaterThan(bytes.length)

    const stored = sandbox.sandbox.control.documents(customer.id)
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({
      id: created.id,
      type: 'ccmei',
      file_name: 'certificado mei.pdf',
      content_type: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
      complete: true,
    })
    const after = await api.getCustomer(customer.id)
    expect(after.kyc.find((item) => item.type === 'ccmei')?.status).toBe('submitted')
  })

  it('sends a PNG named .jpg as image/png', async () => {
    const customer = sandbox.sandbox.control.createCustomer('person-cnh')
    await client().api.uploadDocument({
      customerId: customer.id,
      type: 'selfie',
      ...(await document(pngBytes(), 'selfie.jpg', 'image/jpeg')),
      idempotencyKey: 'png-as-jpg',
    })
    expect(sandbox.sandbox.control.documents(customer.id)[0]).toMatchObject({
      file_name: 'selfie.jpg',
      content_type: 'image/png',
    })
  })

  it('retried with the same key after a dropped connection, stores one document', async () => {
    const customer = sandbox.sandbox.control.createCustomer('person-cnh')
    const input = {
      customerId: customer.id,
      type: 'cnh',
      ...(await document(jpegBytes(), 'cnh.jpg', 'image/jpeg')),
      idempotencyKey: 'cnh-attempt-1',
    }
    const { api } = client()
    sandbox.sandbox.control.injectFault({ route: 'upload', kind: 'drop' })
    expect(await rejection(api.uploadDocument(input))).toMatchObject({
      status: 0,
      code: 'network_error',
    })
    expect(sandbox.sandbox.control.documents(customer.id)).toHaveLength(0)

    const created = await api.uploadDocument(input)
    const replayed = await api.uploadDocument(input)
    expect(replayed.id).toBe(created.id)
    expect(sandbox.sandbox.control.documents(customer.id)).toHaveLength(1)
  })

  it('retried after a 500, stores one document', async () => {
    const customer = sandbox.sandbox.control.createCustomer('company')
    const input = {
      customerId: customer.id,
      type: 'selfie',
      ...(await document(jpegBytes(), 'selfie.jpg')),
      idempotencyKey: 'selfie-attempt-1',
    }
    const { api } = client()
    sandbox.sandbox.control.injectFault({ route: 'upload', kind: '500' })
    expect(await rejection(api.uploadDocument(input))).toMatchObject({
      status: 500,
      code: 'internal_error',
    })
    await api.uploadDocument(input)
    expect(sandbox.sandbox.control.documents(customer.id)).toHaveLength(1)
  })

  it('refreshes an expired token and resends the same upload once', async () => {
    const customer = sandbox.sandbox.control.createCustomer('company')
    const { api, calls } = client()
    await api.getCustomer(customer.id)
    sandbox.sandbox.control.expireTokens()
    await api.uploadDocument({
      customerId: customer.id,
      type: 'identity_card_front',
      ...(await document(pngBytes(), 'rg-frente.png', 'image/png')),
      idempotencyKey: 'rg-1',
    })
    expect(calls).toEqual([false, false, true])
    expect(sandbox.sandbox.control.documents(customer.id)).toHaveLength(1)
  })

  it('reports what the sandbox refuses as typed problems', async () => {
    const customer = sandbox.sandbox.control.createCustomer('company')
    const { api } = client()
    // Bytes that pass no validation, sent anyway: the provider checks too.
    const notAPdf = {
      customerId: customer.id,
      type: 'ccmei',
      file: new File([textBytes()], 'ccmei.pdf', { type: 'application/pdf' }),
      fileName: 'ccmei.pdf',
      contentType: 'application/pdf',
      idempotencyKey: 'bad-1',
    }
    expect(await rejection(api.uploadDocument(notAPdf))).toMatchObject({
      status: 422,
      code: 'unsupported_file_type',
    })
    const wrongType = { ...(await document(pdfBytes(), 'cnh.pdf')), contentType: 'application/pdf' }
    expect(
      await rejection(
        api.uploadDocument({
          customerId: customer.id,
          type: 'cnh',
          ...wrongType,
          idempotencyKey: 'bad-2',
        }),
      ),
    ).toMatchObject({ status: 422, code: 'invalid_document_type' })
    expect(sandbox.sandbox.control.documents(customer.id)).toHaveLength(0)
  })

  it('cancelled while the provider stalls, stores nothing', async () => {
    const customer = sandbox.sandbox.control.createCustomer('company')
    sandbox.sandbox.control.injectFault({ route: 'upload', kind: 'stall' })
    const controller = new AbortController()
    const pending = client().api.uploadDocument({
      customerId: customer.id,
      type: 'ccmei',
      ...(await document(pdfBytes(), 'ccmei.pdf')),
      idempotencyKey: 'cancel-1',
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(), 100)
    expect(await rejection(pending)).toMatchObject({ status: 0, code: 'aborted' })
    expect(sandbox.sandbox.control.documents(customer.id)).toHaveLength(0)
  })

  it('times out while the provider stalls, and stores nothing', async () => {
    const customer = sandbox.sandbox.control.createCustomer('company')
    sandbox.sandbox.control.injectFault({ route: 'upload', kind: 'stall' })
    const error = await rejection(
      client({ timeoutMs: 200 }).api.uploadDocument({
        customerId: customer.id,
        type: 'ccmei',
        ...(await document(pdfBytes(), 'ccmei.pdf')),
        idempotencyKey: 'timeout-1',
      }),
    )
    expect(error).toMatchObject({ status: 0, code: 'timeout' })
    expect(sandbox.sandbox.control.documents(customer.id)).toHaveLength(0)
  })
})
