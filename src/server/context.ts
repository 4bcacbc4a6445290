import { parseProviderProblem, passedThroughHeaders, ProblemError } from './problem.ts'
import type { FetchFunction, ProviderAnswer } from './provider.ts'
import type { RateLimiter } from './rate-limit.ts'
import type { TokenCache } from './token-cache.ts'

/** What the two route handlers share, resolved from the options once. */
export interface ProxyContext {
  /** The provider's base URL without a trailing slash. */
  baseUrl: string
  fetch: FetchFunction
  tokens: TokenCache
  timeoutMs: number
  uploadIdleTimeoutMs: number
  /** The file limit plus the multipart framing allowance. */
  maxUploadBytes: number
  uploadLimiter: RateLimiter | null
}

/** The one answer for a customer the user may not see, whether or not it exists. */
export function customerNotFound(): ProblemError {
  return new ProblemError(404, 'customer_not_found', 'No such customer.')
}

/**
 * A provider error as the browser should see it: the problem's documented fields with the rate
 * limit and retry headers; a 404 as the proxy's own (so it reveals nothing the access check would
 * not); a 401/403 as a 502, since the user's session is fine and the proxy's credentials are not.
 */
export function providerFailure(answer: ProviderAnswer): ProblemError | Response {
  if (answer.status === 404) return customerNotFound()
  if (answer.status === 401 || answer.status === 403) {
    return new ProblemError(
      502,
      'provider_auth_failed',
      'The proxy could not authenticate with the KYC provider.',
    )
  }
  const headers = passedThroughHeaders(answer.headers)
  const problem = answer.status >= 400 ? parseProviderProblem(answer.status, answer.bodyText) : null
  if (problem === null) {
    // An HTML page from a gateway, an empty body, an unexpected redirect.
    if (answer.status === 429 || answer.status >= 500) {
      return new ProblemError(
        answer.status === 429 ? 429 : 502,
        answer.status === 429 ? 'rate_limit_exceeded' : 'provider_error',
        'The KYC provider failed to answer.',
        { headers },
      )
    }
    return new ProblemError(
      502,
      'invalid_provider_response',
      'The KYC provider answer was not understood.',
    )
  }
  const { code, detail, ...fields } = problem
  return new ProblemError(answer.status, code ?? `http_${answer.status}`, detail ?? '', {
    headers,
    fields,
  })
}
