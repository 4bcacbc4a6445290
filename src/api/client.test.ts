// @vitest-environment jsdom
/**
 * The client over real HTTP against a tiny node:http server: the shapes the sandbox never
 * produces (gateway pages, dropped sockets, odd headers) and exactly what goes on the wire.
 * `client.sandbox.test.ts` runs the same client against the provider sandbox.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { serveRaw, unusedUrl, type RunningServer } from '../server/testing/http.ts'
import { jpegBytes, pdfBytes, pngBytes } from '../core/testing/files.ts'
import { createKycClient, type KycClientOptions, type UploadProgress } from './client.ts'
import { errorFromResponse, type KycApiError } from './errors.ts'
import {
  multipartParts,
  receive,
  sameOriginXhr,
  type ReceivedRequest,
} from './testing/browser-http.ts'
import { rejection } from './testing/rejection.ts'

type Reply = (request: ReceivedRequest, response: ServerResponse, raw: IncomingMessage) => void

const CUSTOMER = { id: 'cust_1', status: 'pending_kyc', kyc: [] }
const DOCUMENT = {
  id: 'doc_1',
  type: 'selfie',
  status: 'submitted',
  uploaded_at: '2026-11-25T12:00:00Z',
  created_at: '2026-11-25T12:00:00Z',
  updated_at: '2026-11-25T12:00:00Z',
}

function json(response: ServerResponse, status: number, body: unknown, headers = {}) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json'
  response.writeHead(status, { 'content-type': type, ...headers })
  response.end(JSON.stringify(body))
}

let server: RunningServer
let xhr: ReturnType<typeof sameOriginXhr>
let received: ReceivedRequest[]
let replies: Reply[]

/** Queues the answers to the next requests, in order; once used up, the last one repeats. */
function answer(...next: Reply[]) {
  replies = next
}

beforeAll(async () => {
  server = await serveRaw((raw, response) => {
    void receive(raw).then((request) => {
      received.push(request)
      const reply = replies.length > 1 ? replies.shift() : replies[0]
      reply?.(request, response, raw)
    })
  })
  xhr = sameOriginXhr(server.url)
})

afterAll(async () => {
  xhr.close()
  await server.close()
})

beforeEach(() => {
  received = []
  replies = []
})

function client(options: Partial<KycClientOptions> = {}) {
  return createKycClient({
    baseUrl: `${server.url}/api/kyc/`,
    createXhr: xhr.createXhr,
    ...options,
  })
}

function upload(
  overrides: Partial<Parameters<ReturnType<typeof client>['uploadDocument']>[0]> = {},
) {
  const bytes = pngBytes()
  return {
    customerId: 'cust_1',
    type: 'selfie',
    file: new File([bytes], 'selfie.png', { type: 'image/png' }),
    fileName: 'selfie.png',
    contentType: 'image/png',
    idempotencyKey: 'key-1',
    ...overrides,
  }
}

describe('getCustomer', () => {
  it('GETs the customer under the base URL, asking for JSON, without Authorization', async () => {
    answer((_, response) => json(response, 200, CUSTOMER))
    expect(await client().getCustomer('cust_1')).toEqual(CUSTOMER)
    expect(received).toHaveLength(1)
    expect(received[0]).toMatchObject({ method: 'GET', url: '/api/kyc/customers/cust_1' })
    expect(received[0]?.headers.accept).toBe('application/json')
    expect(received[0]?.headers.authorization).toBeUndefined()
  })

  it('encodes the id, so a hostile id cannot reach another path', async () => {
    answer((_, response) => json(response, 200, CUSTOMER))
    await client().getCustomer('../admin?x=1#y')
    expect(received[0]?.url).toBe('/api/kyc/customers/..%2Fadmin%3Fx%3D1%23y')
  })

  it('sends the bearer token when a token supplier is configured', async () => {
    answer((_, response) => json(response, 200, CUSTOMER))
    await client({ getToken: () => 'tok-1' }).getCustomer('cust_1')
    expect(received[0]?.headers.authorization).toBe('Bearer tok-1')
  })

  it('sends no Authorization when the supplier has no token', async () => {
    answer((_, response) => json(response, 200, CUSTOMER))
    await client({ getToken: async () => null }).getCustomer('cust_1')
    expect(received[0]?.headers.authorization).toBeUndefined()
  })

  it('on 401 refreshes the token once and retries', async () => {
    const calls: boolean[] = []
    const getToken = ({ forceRefresh }: { forceRefresh: boolean }) => {
      calls.push(forceRefresh)
      return forceRefresh ? 'fresh' : 'stale'
    }
    answer(
      (_, response) => json(response, 401, { title: 'Unauthorized', code: 'token_expired' }),
      (_, response) => json(response, 200, CUSTOMER),
    )
    expect(await client({ getToken }).getCustomer('cust_1')).toEqual(CUSTOMER)
    expect(calls).toEqual([false, true])
    expect(received.map((request) => request.headers.authorization)).toEqual([
      'Bearer stale',
      'Bearer fresh',
    ])
  })

  it('gives up after one refresh when the new token is refused too', async () => {
    let calls = 0
    answer((_, response) => json(response, 401, { title: 'Unauthorized', code: 'invalid_token' }))
    const error = await rejection(
      client({ getToken: () => `tok-${++calls}` }).getCustomer('cust_1'),
    )
    expect(error).toMatchObject({ status: 401, code: 'invalid_token' })
    expect(calls).toBe(2)
    expect(received).toHaveLength(2)
  })

  it('does not retry a 401 without a token supplier (a proxy session has expired)', async () => {
    answer((_, response) => json(response, 401, { title: 'Unauthorized', code: 'invalid_token' }))
    expect(await rejection(client().getCustomer('cust_1'))).toMatchObject({ status: 401 })
    expect(received).toHaveLength(1)
  })

  it('turns a 200 that is not JSON into invalid_response', async () => {
    answer((_, response) => {
      response.writeHead(200, { 'content-type': 'text/html' })
      response.end('<html>login page</html>')
    })
    expect(await rejection(client().getCustomer('cust_1'))).toMatchObject({
      status: 200,
      code: 'invalid_response',
    })
  })

  it.each(['null', '[]', '"customer"', '42'])(
    'turns a 200 whose JSON is %s, not an object, into invalid_response',
    async (body) => {
      answer((_, response) => {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end(body)
      })
      expect(await rejection(client().getCustomer('cust_1'))).toMatchObject({
        status: 200,
        code: 'invalid_response',
      })
    },
  )

  it('fails with network_error, sending nothing, when the token supplier fails', async () => {
    const cause = new TypeError('Failed to fetch')
    const error = await rejection(
      client({ getToken: () => Promise.reject(cause) }).getCustomer('cust_1'),
    )
    expect(error).toMatchObject({ status: 0, code: 'network_error', cause })
    expect(received).toHaveLength(0)
  })

  it("passes on the supplier's own KycApiError", async () => {
    const refused = errorFromResponse(403, new Headers(), '{"code":"forbidden"}')
    const error = await rejection(
      client({ getToken: () => Promise.reject(refused) }).getCustomer('c'),
    )
    expect(error).toBe(refused)
  })

  it('fails with aborted when the caller aborts, and sends nothing when already aborted', async () => {
    answer(() => {}) // never answers
    const controller = new AbortController()
    const pending = client().getCustomer('cust_1', { signal: controller.signal })
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 5000 })
    controller.abort()
    expect(await rejection(pending)).toMatchObject({ status: 0, code: 'aborted' })

    const before = received.length
    const error = await rejection(client().getCustomer('cust_1', { signal: AbortSignal.abort() }))
    expect(error.code).toBe('aborted')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(received).toHaveLength(before)
  })

  it('fails with timeout when the server does not answer in time', async () => {
    answer(() => {})
    const started = Date.now()
    const error = await rejection(client({ timeoutMs: 150 }).getCustomer('cust_1'))
    expect(error).toMatchObject({ status: 0, code: 'timeout' })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('fails with network_error when the connection drops', async () => {
    answer((_, __, raw) => raw.socket.destroy())
    expect(await rejection(client().getCustomer('cust_1'))).toMatchObject({
      status: 0,
      code: 'network_error',
    })
  })

  it('fails with network_error when nothing listens', async () => {
    const baseUrl = await unusedUrl()
    expect(await rejection(createKycClient({ baseUrl }).getCustomer('cust_1'))).toMatchObject({
      status: 0,
      code: 'network_error',
    })
  })
})

describe('every error shape becomes a KycApiError', () => {
  const problem = {
    type: 'https://provider.example/errors/validation',
    title: 'Unprocessable',
    status: 422,
    detail: 'The document could not be accepted.',
    instance: '/v3/customers/cust_1/documents',
    code: 'unsupported_file_type',
    param: 'file',
    errors: [{ param: 'file', detail: 'Not a PDF, JPEG or PNG', code: 'bad_signature' }],
  }

  const shapes: Array<[string, Reply, Partial<KycApiError>]> = [
    [
      'a problem with errors[]',
      (_, response) => json(response, 422, problem),
      {
        status: 422,
        code: 'unsupported_file_type',
        title: 'Unprocessable',
        detail: 'The document could not be accepted.',
        param: 'file',
        errors: problem.errors,
        retryAfterMs: undefined,
      },
    ],
    [
      "a gateway's HTML 502 page",
      (_, response) => {
        response.writeHead(502, { 'content-type': 'text/html' })
        response.end('<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>')
      },
      { status: 502, code: 'invalid_response', title: 'HTTP 502', detail: '', errors: [] },
    ],
    [
      'a non-JSON body',
      (_, response) => {
        response.writeHead(500, { 'content-type': 'text/plain' })
        response.end('Internal Server Error')
      },
      { status: 500, code: 'invalid_response' },
    ],
    [
      '429 with Retry-After in seconds',
      (_, response) =>
        json(
          response,
          429,
          { title: 'Too Many Requests', code: 'rate_limit_exceeded' },
          {
            'retry-after': '7',
          },
        ),
      { status: 429, code: 'rate_limit_exceeded', retryAfterMs: 7000 },
    ],
  ]

  it.each(shapes)('from getCustomer: %s', async (_, reply, expected) => {
    answer(reply)
    expect(await rejection(client().getCustomer('cust_1'))).toMatchObject(expected)
  })

  it.each(shapes)('from uploadDocument: %s', async (_, reply, expected) => {
    answer(reply)
    expect(await rejection(client().uploadDocument(upload()))).toMatchObject(expected)
  })

  it('429 with Retry-After as an HTTP date', async () => {
    answer((_, response) =>
      json(
        response,
        429,
        { code: 'rate_limit_exceeded' },
        {
          'retry-after': new Date(Date.now() + 120_000).toUTCString(),
        },
      ),
    )
    const { retryAfterMs } = await rejection(client().getCustomer('cust_1'))
    // HTTP dates have whole seconds.
    expect(retryAfterMs).toBeGreaterThan(118_000)
    expect(retryAfterMs).toBeLessThanOrEqual(120_000)
  })

  it('X-RateLimit-Reset with nothing remaining', async () => {
    answer((_, response) =>
      json(
        response,
        429,
        { code: 'rate_limit_exceeded' },
        {
          'x-ratelimit-limit': '600',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 30),
        },
      ),
    )
    const { retryAfterMs } = await rejection(client().uploadDocument(upload()))
    expect(retryAfterMs).toBeGreaterThan(28_000)
    expect(retryAfterMs).toBeLessThanOrEqual(31_000)
  })
})

describe('uploadDocument', () => {
  it('POSTs exactly the fields type and file, with the name and the detected content type', async () => {
    answer((_, response) => json(response, 201, DOCUMENT))
    const bytes = pngBytes()
    // A PNG that was named .jpg: the name stays, the content type is what the bytes are.
    const file = new File([bytes], 'scan.jpg', { type: 'image/jpeg' })
    const result = await client().uploadDocument(
      upload({ file, fileName: 'scan.jpg', contentType: 'image/png', type: 'identity_card_front' }),
    )
    expect(result).toEqual(DOCUMENT)
    const [request] = received
    expect(request).toMatchObject({ method: 'POST', url: '/api/kyc/customers/cust_1/documents' })
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    const parts = await multipartParts(request!)
    expect(parts.map((part) => part.name)).toEqual(['type', 'file'])
    expect(new TextDecoder().decode(parts[0]?.bytes)).toBe('identity_card_front')
    expect(parts[1]).toMatchObject({ fileName: 'scan.jpg', contentType: 'image/png' })
    expect(parts[1]?.bytes).toEqual(bytes)
  })

  it('sends real PDF and JPEG bytes unchanged', async () => {
    answer((_, response) => json(response, 201, DOCUMENT))
    for (const [bytes, name, type] of [
      [pdfBytes({ pages: 3 }), 'contrato.pdf', 'application/pdf'],
      [jpegBytes(), 'selfie.jpg', 'image/jpeg'],
    ] as const) {
      const file = new File([bytes], name, { type })
      await client().uploadDocument(upload({ file, fileName: name, contentType: type }))
      const parts = await multipartParts(received.at(-1)!)
      expect(parts[1]).toMatchObject({ fileName: name, contentType: type })
      expect(parts[1]?.bytes).toEqual(bytes)
    }
  })

  it('sends the Idempotency-Key, and Authorization only with a token supplier', async () => {
    answer((_, response) => json(response, 201, DOCUMENT))
    await client().uploadDocument(upload({ idempotencyKey: 'attempt-7' }))
    await client({ getToken: () => 'tok-9' }).uploadDocument(
      upload({ idempotencyKey: 'attempt-8' }),
    )
    expect(received.map((request) => request.headers['idempotency-key'])).toEqual([
      'attempt-7',
      'attempt-8',
    ])
    expect(received.map((request) => request.headers.authorization)).toEqual([
      undefined,
      'Bearer tok-9',
    ])
  })

  it('reports byte progress up to the whole request', async () => {
    answer((_, response) => json(response, 201, DOCUMENT))
    const progress: UploadProgress[] = []
    const file = new File([pngBytes({ width: 300, height: 200, pattern: 'noise' })], 'big.png')
    await client().uploadDocument(upload({ file, onProgress: (event) => progress.push(event) }))
    const sent = Number(received[0]?.headers['content-length'])
    expect(sent).toBeGreaterThan(file.size)
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.at(-1)).toEqual({ loaded: sent, total: sent })
    for (const [index, event] of progress.entries()) {
      expect(event.total).toBe(sent)
      expect(event.loaded).toBeGreaterThanOrEqual(progress[index - 1]?.loaded ?? 0)
    }
  })

  it('on 401 refreshes the token once and resends with the same Idempotency-Key', async () => {
    const calls: boolean[] = []
    answer(
      (_, response) => json(response, 401, { title: 'Unauthorized', code: 'token_expired' }),
      (_, response) => json(response, 201, DOCUMENT),
    )
    const getToken = ({ forceRefresh }: { forceRefresh: boolean }) => {
      calls.push(forceRefresh)
      return forceRefresh ? 'fresh' : 'stale'
    }
    expect(await client({ getToken }).uploadDocument(upload({ idempotencyKey: 'k-42' }))).toEqual(
      DOCUMENT,
    )
    expect(calls).toEqual([false, true])
    expect(received.map((request) => request.headers.authorization)).toEqual([
      'Bearer stale',
      'Bearer fresh',
    ])
    expect(received.map((request) => request.headers['idempotency-key'])).toEqual(['k-42', 'k-42'])
    const bodies = await Promise.all(received.map(multipartParts))
    expect(bodies[1]).toEqual(bodies[0])
  })

  it('fails with aborted when the caller aborts mid-request', async () => {
    answer(() => {})
    const controller = new AbortController()
    const pending = client().uploadDocument(upload({ signal: controller.signal }))
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 5000 })
    controller.abort()
    expect(await rejection(pending)).toMatchObject({ status: 0, code: 'aborted' })
  })

  it('sends nothing when the signal is already aborted', async () => {
    answer((_, response) => json(response, 201, DOCUMENT))
    const error = await rejection(client().uploadDocument(upload({ signal: AbortSignal.abort() })))
    expect(error.code).toBe('aborted')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(received).toHaveLength(0)
  })

  it('fails with timeout when the server stalls after taking the body', async () => {
    answer(() => {})
    const started = Date.now()
    const error = await rejection(client({ timeoutMs: 200 }).uploadDocument(upload()))
    expect(error).toMatchObject({ status: 0, code: 'timeout' })
    expect(Date.now() - started).toBeLessThan(2000)
    expect(received).toHaveLength(1)
  })

  it('fails with network_error when the connection drops', async () => {
    answer((_, __, raw) => raw.socket.destroy())
    expect(await rejection(client().uploadDocument(upload()))).toMatchObject({
      status: 0,
      code: 'network_error',
    })
  })

  it('fails with network_error when nothing listens', async () => {
    const baseUrl = await unusedUrl()
    const nowhere = sameOriginXhr(baseUrl)
    try {
      const error = await rejection(
        createKycClient({ baseUrl, createXhr: nowhere.createXhr }).uploadDocument(upload()),
      )
      expect(error).toMatchObject({ status: 0, code: 'network_error' })
    } finally {
      nowhere.close()
    }
  })

  it('fails with network_error, sending nothing, when the token supplier fails', async () => {
    const error = await rejection(
      client({
        getToken: () => Promise.reject(new Error('host session lookup failed')),
      }).uploadDocument(upload()),
    )
    expect(error).toMatchObject({ status: 0, code: 'network_error' })
    expect(received).toHaveLength(0)
  })

  it('turns a 201 that is not JSON into invalid_response', async () => {
    answer((_, response) => {
      response.writeHead(201, { 'content-type': 'text/plain' })
      response.end('created')
    })
    expect(await rejection(client().uploadDocument(upload()))).toMatchObject({
      code: 'invalid_response',
    })
  })
})
