import { errorFromResponse } from '../api/errors.ts'
import type { Problem } from '../api/types.ts'

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/** Provider headers the browser needs (rate limits, retry hints, idempotent replays); nothing else passes. */
export const PASSED_THROUGH_HEADERS = [
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'retry-after',
  'idempotent-replayed',
] as const

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  499: 'Client Closed Request',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

export function statusTitle(status: number): string {
  return STATUS_TITLES[status] ?? `HTTP ${status}`
}

// Remembers which problem code each response carries, so the request log can name it without
// reading the body back.
const codes = new WeakMap<Response, string>()

/** The problem code a response was built with, for the log line. */
export function problemCodeOf(response: Response): string | undefined {
  return codes.get(response)
}

function baseHeaders(contentType: string, extra?: Headers): Headers {
  const headers = new Headers(extra)
  headers.set('content-type', contentType)
  // Customer data and answers tied to a session: no shared or browser cache may keep them.
  headers.set('cache-control', 'no-store')
  headers.set('x-content-type-options', 'nosniff')
  return headers
}

/** A JSON answer with the proxy's standard headers. */
export function jsonResponse(status: number, body: unknown, headers?: Headers): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: baseHeaders('application/json', headers),
  })
}

/** An `application/problem+json` answer. `problem.status` is always the response status. */
export function problemResponse(
  status: number,
  problem: Partial<Problem> & { code: string; detail: string },
  headers?: Headers,
): Response {
  const body: Problem = {
    type: problem.type ?? 'about:blank',
    title: problem.title ?? statusTitle(status),
    ...problem,
    status,
  }
  const response = new Response(JSON.stringify(body), {
    status,
    headers: baseHeaders(PROBLEM_CONTENT_TYPE, headers),
  })
  codes.set(response, problem.code)
  return response
}

/** Thrown inside the proxy to end a request with a problem answer. */
export class ProblemError extends Error {
  readonly status: number
  readonly code: string
  readonly headers: Headers | undefined
  /** Further problem members: `param`, or a provider problem's `title`, `type`, `errors`… */
  readonly fields: Partial<Problem>

  constructor(
    status: number,
    code: string,
    detail: string,
    options: { headers?: Headers; fields?: Partial<Problem> } = {},
  ) {
    super(detail)
    this.name = 'ProblemError'
    this.status = status
    this.code = code
    this.headers = options.headers
    this.fields = options.fields ?? {}
  }

  toResponse(): Response {
    return problemResponse(
      this.status,
      { ...this.fields, code: this.code, detail: this.message },
      this.headers,
    )
  }
}

/** Copies the provider headers that may reach the browser. */
export function passedThroughHeaders(from: Headers): Headers {
  const headers = new Headers()
  for (const name of PASSED_THROUGH_HEADERS) {
    const value = from.get(name)
    if (value !== null) headers.set(name, value)
  }
  return headers
}

/** `JSON.parse` that answers `undefined` instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * The provider's error body reduced to the RFC 9457 fields the contract names (read by the
 * widget's own parser); anything else the provider put in it stays on the server. `null` when the
 * body is not a JSON object.
 */
export function parseProviderProblem(status: number, bodyText: string): Partial<Problem> | null {
  const body = parseJson(bodyText)
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null
  const error = errorFromResponse(status, new Headers(), bodyText)
  const problem: Partial<Problem> = { code: error.code, title: error.title, detail: error.detail }
  if (error.type !== undefined) problem.type = error.type
  if (error.instance !== undefined) problem.instance = error.instance
  if (error.param !== undefined) problem.param = error.param
  if (error.errors.length > 0) problem.errors = error.errors
  return problem
}
