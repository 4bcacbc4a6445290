import type { Problem, ProblemFieldError } from '../api/types.ts'

/** Titles per HTTP status, as the provider words them. */
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
}

export interface ProblemInit {
  /** The request parameter at fault (`type`, `file`, …). */
  param?: string
  errors?: ProblemFieldError[]
  /** Extra response headers (`Retry-After`, `WWW-Authenticate`, …). */
  headers?: Record<string, string>
}

/** An RFC 9457 problem+json answer carrying the provider's `code`. */
export function problemResponse(
  status: number,
  code: string,
  detail: string,
  init: ProblemInit = {},
): Response {
  const body: Problem = {
    type: `https://docs.sandbox.kyc.test/errors/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
  }
  if (init.param !== undefined) body.param = init.param
  if (init.errors !== undefined) body.errors = init.errors
  else if (init.param !== undefined) body.errors = [{ param: init.param, detail, code }]
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', ...init.headers },
  })
}

/** A JSON answer. */
export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

/** 404 `customer_not_found`. */
export function customerNotFound(customerId: string): Response {
  return problemResponse(404, 'customer_not_found', `No customer has the id ${customerId}.`)
}

/** 413 `body_too_large`: a JSON or form body past its route's limit, refused while it arrives. */
export function bodyTooLarge(limit: number): Response {
  return problemResponse(413, 'body_too_large', `The body is longer than ${limit} bytes.`, {
    // The rest of the body is not read, so the connection cannot carry another request.
    headers: { connection: 'close' },
  })
}
