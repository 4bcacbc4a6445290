import { createAbortScope } from './abort-scope.ts'
import { type ProxyContext, providerFailure } from './context.ts'
import { jsonResponse, parseJson, passedThroughHeaders, ProblemError } from './problem.ts'
import {
  callProvider,
  failureFor,
  type ProviderAnswer,
  type StreamingRequestInit,
} from './provider.ts'
import { pickPublicDocument } from './public-fields.ts'
import { replayableBody } from './replayable-body.ts'
import { limitBody } from './size-limit.ts'

const MULTIPART = /^multipart\/form-data\s*;(?:.*;)?\s*boundary=/i

function fileTooLarge(): ProblemError {
  return new ProblemError(422, 'file_too_large', 'The file is larger than allowed.', {
    fields: { param: 'file' },
  })
}

/** Checks that need no byte of the body: the content type and a declared length. */
function checkUploadHeaders(context: ProxyContext, request: Request): ReadableStream<Uint8Array> {
  if (!MULTIPART.test(request.headers.get('content-type') ?? '')) {
    throw new ProblemError(400, 'invalid_content_type', 'Send the document as multipart/form-data.')
  }
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > context.maxUploadBytes) {
    throw fileTooLarge()
  }
  if (!request.body) throw new ProblemError(400, 'malformed_body', 'The request has no body.')
  return request.body
}

/**
 * `POST /customers/{id}/documents`: streams the browser's multipart body to the provider as it
 * arrives, counting bytes and cutting the upload off once it exceeds the limit. Only `Content-Type`
 * (with its boundary) and `Idempotency-Key` are taken from the browser; cookies and any
 * `Authorization` it sent stay behind.
 *
 * A connection reset before any answer is sent once more while the bytes already sent are still
 * held (`replayableBody`); past that the browser gets a 502 and retries with its Idempotency-Key.
 * For the same reason there is no transparent retry on 401: the token is refreshed before
 * streaming when near expiry (see the token cache), and if the provider still refuses it the
 * cached token is dropped and the browser gets a 503 `token_expired` with `Retry-After: 1`,
 * which it retries with the same `Idempotency-Key`.
 */
export async function uploadDocument(
  context: ProxyContext,
  customerId: string,
  request: Request,
): Promise<Response> {
  const browserBody = checkUploadHeaders(context, request)
  if (context.uploadLimiter) {
    const decision = context.uploadLimiter.take(customerId)
    if (!decision.ok) {
      const headers = new Headers({
        'retry-after': String(Math.ceil(decision.retryAfterMs / 1000)),
      })
      throw new ProblemError(429, 'rate_limit_exceeded', 'Too many uploads; wait and try again.', {
        headers,
      })
    }
  }

  const token = await context.tokens.get()
  const scope = createAbortScope({
    timeoutMs: context.uploadIdleTimeoutMs,
    idle: true,
    clientSignal: request.signal,
  })
  const headers = new Headers({
    authorization: `Bearer ${token}`,
    'content-type': request.headers.get('content-type') ?? '',
    accept: 'application/json',
  })
  const idempotencyKey = request.headers.get('idempotency-key')
  if (idempotencyKey !== null) headers.set('idempotency-key', idempotencyKey)

  const body = replayableBody(
    limitBody(browserBody, context.maxUploadBytes, {
      onChunk: () => scope.touch(),
      onExceeded: () => scope.abort('body_too_large'),
    }),
  )
  const requestWith = (stream: ReadableStream<Uint8Array>): StreamingRequestInit => ({
    method: 'POST',
    headers,
    body: stream,
    duplex: 'half',
  })
  // A reset before any answer (a pooled connection closed under us) is sent again from the first
  // byte, while those bytes are still held. If the whole body had left, the provider may have
  // stored it: only an Idempotency-Key makes sending it twice safe.
  const resend = () => {
    if (body.ended && idempotencyKey === null) return null
    const stream = body.again()
    return stream && requestWith(stream)
  }
  let answer: ProviderAnswer
  try {
    answer = await callProvider(
      context.fetch,
      `${context.baseUrl}/customers/${customerId}/documents`,
      requestWith(body.first),
      scope,
      resend,
    )
  } finally {
    body.release()
    scope.dispose()
  }
  // The provider may have answered before the limit was crossed; the cut-off still wins.
  if (scope.cause === 'body_too_large') throw failureFor(scope)

  if (answer.status === 401) {
    context.tokens.invalidate(token)
    throw new ProblemError(
      503,
      'token_expired',
      'The provider refused the proxy token; it has been renewed. Retry the upload.',
      { headers: new Headers({ 'retry-after': '1' }) },
    )
  }
  if (answer.status !== 200 && answer.status !== 201) throw providerFailure(answer)
  const document = pickPublicDocument(parseJson(answer.bodyText))
  if (document === null) {
    throw new ProblemError(
      502,
      'invalid_provider_response',
      'The KYC provider answer was not understood.',
    )
  }
  return jsonResponse(answer.status, document, passedThroughHeaders(answer.headers))
}
