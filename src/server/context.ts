import type { Problem, ProblemFieldError } from '../api/types.ts'
import { parseProviderProblem, passedThroughHeaders, ProblemError, statusTitle } from './problem.ts'
import type { FetchFunction, ProviderAnswer } from './provider.ts'
import type { ProxyRateLimitOptions } from './rate-limit.ts'
import type { ProviderBudget } from './status/provider-budget.ts'
import type { StatusCache } from './status/status-cache.ts'
import type { TokenCache } from './token-cache.ts'

/** What the two route handlers share, resolved from the options once. */
export interface ProxyContext {
  /** The provider's base URL without a trailing slash. */
  baseUrl: string
  fetch: FetchFunction
  tokens: TokenCache
  timeoutMs: number
  uploadIdleTimeoutMs: number
  /** Total time an upload may take, however steadily its bytes arrive. */
  uploadDeadlineMs: number
  /** Origins besides the proxy's own that may send uploads. */
  trustedOrigins: ReadonlySet<string>
  /** The file limit plus the multipart framing allowance. */
  maxUploadBytes: number
  /** Uploads per customer, counted in the store (every instance alike); `null`: no limit. */
  uploadLimit: ProxyRateLimitOptions | null
  /** Where every customer read is served from, and what webhooks and uploads update. */
  status: StatusCache
  /** One budget for every provider call, shared by every instance. */
  budget: ProviderBudget
}

/** The one answer for a customer the user may not see, whether or not it exists. */
export function customerNotFound(): ProblemError {
  return new ProblemError(404, 'customer_not_found', 'No such customer.')
}

/** Our own words for the provider's 4xx codes: its `detail` may echo what the user sent. */
const PROVIDER_DETAILS: Record<string, string> = {
  invalid_content_type: 'The upload was not sent as multipart/form-data.',
  malformed_body: 'The upload is malformed or incomplete.',
  missing_file: 'The upload has no file.',
  missing_required_field: 'A required field is missing.',
  kyc_incomplete: 'Some documents are still missing.',
  invalid_document_type: 'This document type is not one this customer needs.',
  unsupported_file_type: 'The file is not a PDF, JPEG or PNG.',
  file_too_large: 'The file is larger than allowed.',
  file_empty: 'The file is empty.',
  document_locked: 'This document is in review or approved; it cannot be replaced now.',
  idempotency_key_reused: 'This Idempotency-Key was used for a different upload.',
  session_already_active: 'A session is already active.',
  rate_limit_exceeded: 'Too many requests; wait and try again.',
}

const CODE = /^[a-z][a-z0-9_]{0,63}$/
const PARAM = /^[A-Za-z0-9_.[\]-]{1,64}$/

function ownDetail(code: string): string {
  return PROVIDER_DETAILS[code] ?? 'The KYC provider refused the request.'
}

/** A provider problem's `errors[]` with only a checked `param` and `code`, and our own words. */
function ownFieldErrors(errors: readonly ProblemFieldError[] | undefined) {
  return (errors ?? []).slice(0, 10).map((error) => {
    const code = error.code !== undefined && CODE.test(error.code) ? error.code : undefined
    const field: ProblemFieldError = {
      param: PARAM.test(error.param) ? error.param : 'unknown',
      detail: ownDetail(code ?? ''),
    }
    if (code !== undefined) field.code = code
    return field
  })
}

/**
 * A provider error as the browser should see it, with the rate limit and retry headers and in
 * our own words: its `detail`, `title`, `type` and `instance` may echo what the user sent (a
 * `type` field of `<script>…`), name hosts or carry internals, so they stay on the server; only
 * a well-formed `code` and `param` pass. A 5xx is a 502 `provider_error`; a 404 is the proxy's
 * own (it reveals nothing the access check would not); a 401/403 is a 502, since the user's
 * session is fine and the proxy's credentials are not.
 */
export function providerFailure(answer: ProviderAnswer): ProblemError {
  if (answer.status === 404) return customerNotFound()
  if (answer.status === 401 || answer.status === 403) {
    return new ProblemError(
      502,
      'provider_auth_failed',
      'The proxy could not authenticate with the KYC provider.',
    )
  }
  const headers = passedThroughHeaders(answer.headers)
  if (answer.status >= 500) {
    return new ProblemError(502, 'provider_error', 'The KYC provider failed to answer.', {
      headers,
    })
  }
  if (answer.status === 429) {
    return new ProblemError(429, 'rate_limit_exceeded', ownDetail('rate_limit_exceeded'), {
      headers,
    })
  }
  const problem = answer.status >= 400 ? parseProviderProblem(answer.status, answer.bodyText) : null
  if (problem === null) {
    // An HTML page, an empty body, an unexpected redirect or success status.
    return new ProblemError(
      502,
      'invalid_provider_response',
      'The KYC provider answer was not understood.',
    )
  }
  const code = problem.code !== undefined && CODE.test(problem.code) ? problem.code : undefined
  const fields: Partial<Problem> = { title: statusTitle(answer.status) }
  if (problem.param !== undefined && PARAM.test(problem.param)) fields.param = problem.param
  if (problem.errors !== undefined) fields.errors = ownFieldErrors(problem.errors)
  return new ProblemError(answer.status, code ?? `http_${answer.status}`, ownDetail(code ?? ''), {
    headers,
    fields,
  })
}
