import { BodyTooLargeError, readTextLimited } from '../core/read-limited.ts'
import { type AbortScope, createAbortScope } from './abort-scope.ts'
import { parseJson, ProblemError } from './problem.ts'
import type { IssuedToken } from './token-cache.ts'

/** A provider answer, read whole (answers are small JSON; the size is capped). */
export interface ProviderAnswer {
  status: number
  headers: Headers
  bodyText: string
}

/** Largest provider answer the proxy reads: a customer or a problem is a few KiB. */
export const MAX_PROVIDER_ANSWER_BYTES = 1024 * 1024

/** `fetch`'s init with the `duplex` member Node needs for a streamed request body. */
export type StreamingRequestInit = RequestInit & { duplex?: 'half' }

export type FetchFunction = (input: string, init: StreamingRequestInit) => Promise<Response>

/** The problem a failed upstream call becomes in the browser. */
export function failureFor(scope: AbortScope): ProblemError {
  switch (scope.cause) {
    case 'timeout':
      return new ProblemError(504, 'provider_timeout', 'The KYC provider did not answer in time.')
    case 'deadline':
      return new ProblemError(408, 'timeout', 'The upload took longer than the time allowed.')
    case 'malformed_body':
      return new ProblemError(400, 'malformed_body', 'The upload is not well-formed multipart.')
    case 'client_closed':
      return new ProblemError(499, 'client_closed_request', 'The request was cancelled.')
    case 'body_too_large':
      return new ProblemError(422, 'file_too_large', 'The file is larger than allowed.', {
        fields: { param: 'file' },
      })
    default:
      return new ProblemError(502, 'provider_unreachable', 'The KYC provider could not be reached.')
  }
}

// How undici reports a connection the other side closed or reset under a request: typically a
// pooled keep-alive connection the server closed at its idle timeout just as it was reused.
const CONNECTION_RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'])

/** Whether `fetch` failed because the connection was reset or closed by the other side. */
export function isConnectionReset(error: unknown): boolean {
  const cause: unknown = error instanceof Error ? error.cause : undefined
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : ''
  return typeof code === 'string' && CONNECTION_RESET_CODES.has(code)
}

/**
 * The request to send once more after the connection was reset before any answer came, or
 * `null` when it cannot be sent again.
 */
export type Resend = () => StreamingRequestInit | null

/**
 * One call to the provider, the answer's body included, under `scope`'s deadline. Any failure
 * becomes a `ProblemError` (504 on timeout, 502 when unreachable); the underlying error, which may
 * name hosts or carry request details, is not passed on. With `resend`, a connection reset before
 * any answer is tried once more, on a fresh connection, within the same deadline.
 */
export async function callProvider(
  fetchFn: FetchFunction,
  url: string,
  init: StreamingRequestInit,
  scope: AbortScope,
  resend?: Resend,
): Promise<ProviderAnswer> {
  let request = init
  for (let retried = false; ; retried = true) {
    let response: Response
    try {
      // `redirect: 'error'` also keeps a streamed body from being held in memory: with any other
      // mode undici's fetch clones the request, teeing the body into a branch nobody reads, so the
      // whole upload piles up there (nodejs/undici#4058). The provider never redirects anyway.
      response = await fetchFn(url, { ...request, signal: scope.signal, redirect: 'error' })
    } catch (error) {
      const again =
        !retried && scope.cause === undefined && isConnectionReset(error) ? resend?.() : null
      if (again) {
        request = again
        continue
      }
      throw failureFor(scope)
    }
    try {
      scope.touch()
      const bodyText = await readTextLimited(response, MAX_PROVIDER_ANSWER_BYTES, () =>
        scope.touch(),
      )
      return { status: response.status, headers: response.headers, bodyText }
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        throw new ProblemError(
          502,
          'invalid_provider_response',
          'The KYC provider answer was too large.',
        )
      }
      throw failureFor(scope)
    }
  }
}

function basicCredentials(clientId: string, clientSecret: string): string {
  const bytes = new TextEncoder().encode(`${clientId}:${clientSecret}`)
  return `Basic ${btoa(String.fromCharCode(...bytes))}`
}

/**
 * OAuth2 client credentials: `POST {base}/auth/token` with HTTP Basic. A refusal becomes a 502
 * `provider_auth_failed` (the browser's session is fine; the proxy's credentials are not), a 429
 * keeps its retry headers, anything else is a 502 `provider_error`. Never echoes the provider's body.
 */
export async function requestClientCredentialsToken(options: {
  fetch: FetchFunction
  baseUrl: string
  clientId: string
  clientSecret: string
  timeoutMs: number
}): Promise<IssuedToken> {
  const scope = createAbortScope({ timeoutMs: options.timeoutMs, idle: false })
  try {
    const init: StreamingRequestInit = {
      method: 'POST',
      headers: {
        authorization: basicCredentials(options.clientId, options.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
    }
    // Asking for a token twice is harmless; the body is a string, sent again as is.
    const answer = await callProvider(
      options.fetch,
      `${options.baseUrl}/auth/token`,
      init,
      scope,
      () => init,
    )
    if (answer.status === 429) {
      const headers = new Headers()
      const retryAfter = answer.headers.get('retry-after')
      if (retryAfter !== null) headers.set('retry-after', retryAfter)
      throw new ProblemError(429, 'rate_limit_exceeded', 'The KYC provider is rate limiting.', {
        headers,
      })
    }
    if (answer.status >= 400 && answer.status < 500) {
      throw new ProblemError(
        502,
        'provider_auth_failed',
        'The proxy could not authenticate with the KYC provider.',
      )
    }
    if (answer.status !== 200) {
      throw new ProblemError(502, 'provider_error', 'The KYC provider failed to issue a token.')
    }
    const body = parseJson(answer.bodyText)
    const record = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >
    const accessToken = record.access_token
    const expiresIn = record.expires_in
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new ProblemError(502, 'invalid_provider_response', 'The KYC provider sent no token.')
    }
    return {
      accessToken,
      // Providers that omit expires_in get a conservative five minutes.
      expiresInSeconds: typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 300,
    }
  } finally {
    scope.dispose()
  }
}
