import fc from 'fast-check'
import {
  KycApiError,
  abortedError,
  errorFromResponse,
  isKycApiError,
  networkError,
  retryAfterFromHeaders,
  timeoutError,
} from './errors.ts'

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0)

function headers(entries: Record<string, string> = {}): Headers {
  return new Headers(entries)
}

describe('errorFromResponse turns every error shape into one KycApiError', () => {
  it('a problem+json with field errors', () => {
    const body = JSON.stringify({
      type: 'https://docs.example/errors/validation',
      title: 'Validation failed',
      status: 422,
      detail: 'The file is not a PDF, JPEG or PNG.',
      instance: '/customers/cust_1/documents',
      code: 'unsupported_file_type',
      param: 'file',
      errors: [
        { param: 'file', detail: 'Signature does not match', code: 'bad_signature' },
        { param: 'type', detail: 'Unknown document type' },
      ],
    })
    const error = errorFromResponse(422, headers(), body, NOW)
    expect(error).toBeInstanceOf(KycApiError)
    expect(error).toMatchObject({
      name: 'KycApiError',
      status: 422,
      code: 'unsupported_file_type',
      title: 'Validation failed',
      detail: 'The file is not a PDF, JPEG or PNG.',
      param: 'file',
      type: 'https://docs.example/errors/validation',
      instance: '/customers/cust_1/documents',
      retryAfterMs: undefined,
      message: 'The file is not a PDF, JPEG or PNG.',
    })
    expect(error.errors).toEqual([
      { param: 'file', detail: 'Signature does not match', code: 'bad_signature' },
      { param: 'type', detail: 'Unknown document type' },
    ])
  })

  it('an HTML 502 page from a gateway', () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>'
    const error = errorFromResponse(502, headers({ 'content-type': 'text/html' }), html, NOW)
    expect(error).toMatchObject({
      status: 502,
      code: 'invalid_response',
      title: 'HTTP 502',
      detail: '',
    })
    expect(error.message).not.toContain('<html>')
  })

  it.each([
    ['an empty body', ''],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"nope"'],
    ['JSON null', 'null'],
    ['truncated JSON', '{"code":"internal_err'],
  ])('%s', (_, body) => {
    expect(errorFromResponse(500, headers(), body, NOW)).toMatchObject({
      status: 500,
      code: 'invalid_response',
      errors: [],
    })
  })

  it('an empty code or title: the status stands in', () => {
    expect(errorFromResponse(409, headers(), '{"code":"","title":""}', NOW)).toMatchObject({
      code: 'http_409',
      title: 'HTTP 409',
    })
  })

  it('JSON without a code: the status stands in', () => {
    expect(errorFromResponse(404, headers(), '{"message":"Not Found"}', NOW)).toMatchObject({
      status: 404,
      code: 'http_404',
      title: 'HTTP 404',
      detail: '',
    })
  })

  it('fields of the wrong type are dropped, not trusted', () => {
    const body = JSON.stringify({
      code: 42,
      title: { html: '<b>x</b>' },
      detail: ['a'],
      param: null,
      errors: [
        null,
        'x',
        { param: 'file' },
        { param: 'file', detail: 7 },
        { param: 'type', detail: 'ok', code: 3 },
      ],
    })
    const error = errorFromResponse(400, headers(), body, NOW)
    expect(error).toMatchObject({
      code: 'http_400',
      title: 'HTTP 400',
      detail: '',
      param: undefined,
    })
    expect(error.errors).toEqual([{ param: 'type', detail: 'ok' }])
  })

  it('branches on the HTTP status, not the status the body claims', () => {
    expect(errorFromResponse(503, headers(), '{"status":200,"code":"x"}', NOW).status).toBe(503)
  })

  it('keeps server text as given: the UI renders it as text', () => {
    const detail = '<img src=x onerror=alert(1)>'
    expect(errorFromResponse(422, headers(), JSON.stringify({ detail }), NOW).detail).toBe(detail)
  })
})

describe('the wait the server asks for', () => {
  it('Retry-After in seconds', () => {
    expect(retryAfterFromHeaders(headers({ 'retry-after': '7' }), NOW)).toBe(7000)
    expect(errorFromResponse(429, headers({ 'Retry-After': ' 2 ' }), '', NOW).retryAfterMs).toBe(
      2000,
    )
  })

  it('Retry-After as an HTTP date', () => {
    const at = new Date(NOW + 90_000).toUTCString()
    expect(retryAfterFromHeaders(headers({ 'retry-after': at }), NOW)).toBe(90_000)
  })

  it('a Retry-After date in the past asks for no wait', () => {
    const at = new Date(NOW - 90_000).toUTCString()
    expect(retryAfterFromHeaders(headers({ 'retry-after': at }), NOW)).toBe(0)
  })

  it('X-RateLimit-Reset (Unix seconds) when nothing remains', () => {
    const reset = String(NOW / 1000 + 30)
    const limited = headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset })
    expect(retryAfterFromHeaders(limited, NOW)).toBe(30_000)
  })

  it('ignores X-RateLimit-Reset while requests remain', () => {
    const reset = String(NOW / 1000 + 30)
    const fine = headers({ 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': reset })
    expect(retryAfterFromHeaders(fine, NOW)).toBeUndefined()
  })

  it('prefers Retry-After to X-RateLimit-Reset', () => {
    const both = headers({
      'retry-after': '3',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(NOW / 1000 + 30),
    })
    expect(retryAfterFromHeaders(both, NOW)).toBe(3000)
  })

  it.each(['soon', '-5', '1.5', ''])('ignores a Retry-After of %j', (value) => {
    expect(retryAfterFromHeaders(headers({ 'retry-after': value }), NOW)).toBeUndefined()
  })

  it('keeps an absurdly long wait finite', () => {
    const wait = retryAfterFromHeaders(headers({ 'retry-after': '9'.repeat(400) }), NOW)
    expect(Number.isFinite(wait)).toBe(true)
    expect(wait).toBeGreaterThan(60_000)
  })
})

describe('client-side failures are the same error type', () => {
  it.each([
    ['network_error', networkError(new TypeError('fetch failed'))],
    ['timeout', timeoutError()],
    ['aborted', abortedError()],
  ])('%s', (code, error) => {
    expect(isKycApiError(error)).toBe(true)
    expect(error).toMatchObject({ status: 0, code, errors: [], retryAfterMs: undefined })
  })

  it('keeps the cause of a network failure', () => {
    const cause = new TypeError('fetch failed')
    expect(networkError(cause).cause).toBe(cause)
  })
})

describe('errorFromResponse, for anything a server may send', () => {
  const headerName = fc.constantFrom(
    'retry-after',
    'x-ratelimit-reset',
    'x-ratelimit-remaining',
    'content-type',
  )
  const headerValue = fc.oneof(
    fc.string(),
    fc.nat().map(String),
    fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
    fc.constant('0'),
  )
  const headerMap = fc.dictionary(headerName, headerValue)
  const problemLike = fc
    .record(
      {
        type: fc.anything(),
        title: fc.anything(),
        status: fc.anything(),
        detail: fc.anything(),
        code: fc.anything(),
        param: fc.anything(),
        errors: fc.oneof(fc.anything(), fc.array(fc.dictionary(fc.string(), fc.anything()))),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value))
  const body = fc.oneof(fc.string(), fc.json(), problemLike, fc.string({ unit: 'binary' }))

  it('never throws, and yields a KycApiError with a numeric status and a code', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), headerMap, body, (status, entries, text) => {
        const source = { get: (name: string) => entries[name.toLowerCase()] ?? null }
        const error = errorFromResponse(status, source, text, NOW)
        expect(error).toBeInstanceOf(KycApiError)
        expect(error.status).toBe(status)
        expect(typeof error.code).toBe('string')
        expect(error.code.length).toBeGreaterThan(0)
        expect(typeof error.title).toBe('string')
        expect(typeof error.detail).toBe('string')
        expect(typeof error.message).toBe('string')
        for (const entry of error.errors) {
          expect(typeof entry.param).toBe('string')
          expect(typeof entry.detail).toBe('string')
        }
        if (error.retryAfterMs !== undefined) {
          expect(Number.isFinite(error.retryAfterMs)).toBe(true)
          expect(error.retryAfterMs).toBeGreaterThanOrEqual(0)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('reads the fields of any well-formed problem back exactly', () => {
    const problem = fc.record({
      title: fc.string({ minLength: 1 }),
      detail: fc.string(),
      code: fc.string({ minLength: 1 }),
      param: fc.string(),
      errors: fc.array(fc.record({ param: fc.string(), detail: fc.string(), code: fc.string() })),
    })
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), problem, (status, value) => {
        const error = errorFromResponse(status, headers(), JSON.stringify(value), NOW)
        expect(error).toMatchObject({ status, ...value })
      }),
      { numRuns: 300 },
    )
  })
})
