import type { ProblemFieldError } from './types.ts'

/**
 * Problem codes of the provider's API and of the host's proxy that the widget has a message for
 * (`KycApiError.code`), as values to compare with: `error.code === ApiErrorCode.DocumentLocked`.
 */
export const ApiErrorCode = {
  InvalidContentType: 'invalid_content_type',
  MalformedBody: 'malformed_body',
  MissingFile: 'missing_file',
  TokenExpired: 'token_expired',
  InvalidToken: 'invalid_token',
  InvalidClient: 'invalid_client',
  Unauthenticated: 'unauthenticated',
  CustomerNotFound: 'customer_not_found',
  SessionAlreadyActive: 'session_already_active',
  MissingRequiredField: 'missing_required_field',
  KycIncomplete: 'kyc_incomplete',
  InvalidDocumentType: 'invalid_document_type',
  UnsupportedFileType: 'unsupported_file_type',
  FileTooLarge: 'file_too_large',
  FileEmpty: 'file_empty',
  DocumentLocked: 'document_locked',
  IdempotencyKeyReused: 'idempotency_key_reused',
  RateLimitExceeded: 'rate_limit_exceeded',
  InternalError: 'internal_error',
  ProviderUnreachable: 'provider_unreachable',
  ProviderTimeout: 'provider_timeout',
  ProviderError: 'provider_error',
  ProviderAuthFailed: 'provider_auth_failed',
  InvalidProviderResponse: 'invalid_provider_response',
} as const

/** One of `ApiErrorCode`'s values. */
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode]

/**
 * Codes the client gives failures without a problem+json body: no answer at all (`status` 0), or
 * one it cannot read.
 */
export const ClientErrorCode = {
  NetworkError: 'network_error',
  Timeout: 'timeout',
  Aborted: 'aborted',
  /** An error page that is not JSON (a gateway's HTML), or a success whose body is not JSON. */
  InvalidResponse: 'invalid_response',
} as const

/** One of `ClientErrorCode`'s values. */
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode]

/** Minimal header access shared by `Headers` and an XHR wrapper. */
export interface HeaderSource {
  get(name: string): string | null
}

/**
 * Every failure of an API call: a problem+json answer, a non-JSON error page, a network failure,
 * an abort. Branch on `status` and `code`, never on `type`.
 */
export class KycApiError extends Error {
  override readonly name = 'KycApiError'
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number
  /** The problem's `code`, or a `ClientErrorCode`, or `http_<status>` when the server sent none. */
  readonly code: string
  readonly title: string
  /** The server's explanation: show it as text only. */
  readonly detail: string
  readonly param: string | undefined
  readonly errors: ProblemFieldError[]
  readonly type: string | undefined
  readonly instance: string | undefined
  /** The wait the server asked for, from `Retry-After` or `X-RateLimit-Reset`. */
  readonly retryAfterMs: number | undefined

  constructor(init: {
    status: number
    code: string
    title: string
    detail?: string
    param?: string | undefined
    errors?: ProblemFieldError[]
    type?: string | undefined
    instance?: string | undefined
    retryAfterMs?: number | undefined
    cause?: unknown
  }) {
    super(init.detail || init.title, { cause: init.cause })
    this.status = init.status
    this.code = init.code
    this.title = init.title
    this.detail = init.detail ?? ''
    this.param = init.param
    this.errors = init.errors ?? []
    this.type = init.type
    this.instance = init.instance
    this.retryAfterMs = init.retryAfterMs
  }
}

export function isKycApiError(value: unknown): value is KycApiError {
  return value instanceof KycApiError
}

/**
 * The three date formats HTTP allows all begin with the day's name: `Sun, 06 Nov 1994 08:49:37
 * GMT`, `Sunday, 06-Nov-94 08:49:37 GMT`, `Sun Nov  6 08:49:37 1994`. `Date.parse` alone would
 * also take `-5` or `1.5` as dates.
 */
const HTTP_DATE = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,? +\S/i

/** Milliseconds, kept finite however many digits a header has. */
function secondsToMs(digits: string): number {
  return Math.min(Number(digits) * 1000, Number.MAX_SAFE_INTEGER)
}

/** Reads `Retry-After` (seconds or HTTP date), else `X-RateLimit-Reset` (Unix seconds). */
export function retryAfterFromHeaders(headers: HeaderSource, now = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim()
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return secondsToMs(retryAfter)
    const date = HTTP_DATE.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN
    if (!Number.isNaN(date)) return Math.max(0, date - now)
  }
  const reset = headers.get('x-ratelimit-reset')?.trim()
  const remaining = headers.get('x-ratelimit-remaining')?.trim()
  if (reset && /^\d+$/.test(reset) && remaining === '0') {
    return Math.max(0, secondsToMs(reset) - now)
  }
  return undefined
}

/** `text` parsed as JSON when it is an object (not an array, not null); else `undefined`. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key]
  return typeof value === 'string' ? value : undefined
}

function fieldErrors(value: unknown): ProblemFieldError[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((entry): ProblemFieldError[] => {
    // Object() of a primitive has none of the fields, so it drops out below.
    const record = Object(entry) as Record<string, unknown>
    const param = stringField(record, 'param')
    const detail = stringField(record, 'detail')
    if (param === undefined || detail === undefined) return []
    const code = stringField(record, 'code')
    return [code === undefined ? { param, detail } : { param, detail, code }]
  })
}

/**
 * Turns any non-2xx answer into a `KycApiError`. Tolerates whatever arrives: problem+json, plain
 * JSON, an HTML page from a gateway, an empty body. Never throws.
 */
export function errorFromResponse(
  status: number,
  headers: HeaderSource,
  bodyText: string,
  now = Date.now(),
  cause?: unknown,
): KycApiError {
  // Anything but a JSON object (an HTML page, an empty body) is read as an object with no fields.
  const record = parseJsonObject(bodyText)
  const field = (key: string) => stringField(record ?? {}, key)
  return new KycApiError({
    status,
    code: record ? field('code') || `http_${status}` : 'invalid_response',
    title: field('title') || `HTTP ${status}`,
    detail: field('detail') ?? '',
    param: field('param'),
    errors: fieldErrors(record?.errors),
    type: field('type'),
    instance: field('instance'),
    retryAfterMs: retryAfterFromHeaders(headers, now),
    cause,
  })
}

/** A failure with no response (status 0). */
function clientError(code: ClientErrorCode, title: string, cause?: unknown): KycApiError {
  return new KycApiError({ status: 0, code, title, cause })
}

export function networkError(cause?: unknown): KycApiError {
  return clientError('network_error', 'Network error', cause)
}

export function timeoutError(): KycApiError {
  return clientError('timeout', 'Timed out')
}

export function abortedError(): KycApiError {
  return clientError('aborted', 'Aborted')
}
