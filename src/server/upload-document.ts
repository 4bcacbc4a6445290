import { boundaryFrom } from '../core/multipart.ts'
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
import { enforceRateLimit } from './rate-limit.ts'
import { replayableBody } from './replayable-body.ts'
import { limitBody, MAX_DISCARD_MS } from './size-limit.ts'
import { freshBoundary, rewriteUploadParts } from './upload-parts.ts'

/** What the browser may send as `Idempotency-Key`: visible ASCII, as the provider keeps it. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/

/**
 * The browser's `Idempotency-Key`, required: the widget always sends one, and a cross-origin page
 * cannot set it without a CORS preflight, which the proxy never grants (a form or a `no-cors`
 * fetch cannot send it at all).
 */
export function requireIdempotencyKey(request: Request): string {
  const key = request.headers.get('idempotency-key')
  if (key === null || key === '') {
    throw new ProblemError(
      403,
      'idempotency_key_required',
      'Uploads must carry an Idempotency-Key header.',
    )
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ProblemError(
      400,
      'malformed_body',
      'The Idempotency-Key header must be 1 to 255 visible ASCII characters.',
      { fields: { param: 'Idempotency-Key' } },
    )
  }
  return key
}

/**
 * The key forwarded to the provider: the browser's key scoped to the customer (a SHA-256 of
 * both), so two customers who happen to send the same key never meet in the provider's replay
 * cache, while the same customer's retries still replay.
 */
export async function scopedIdempotencyKey(customerId: string, key: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${customerId}\n${key}`),
  )
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function fileTooLarge(): ProblemError {
  return new ProblemError(422, 'file_too_large', 'The file is larger than allowed.', {
    fields: { param: 'file' },
  })
}

/** Checks that need no byte of the body: the content type and a declared length. */
function checkUploadHeaders(
  context: ProxyContext,
  request: Request,
): { body: ReadableStream<Uint8Array>; boundary: string } {
  const boundary = boundaryFrom(request.headers.get('content-type'))
  if (boundary === null) {
    throw new ProblemError(400, 'invalid_content_type', 'Send the document as multipart/form-data.')
  }
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > context.maxUploadBytes) {
    throw fileTooLarge()
  }
  if (!request.body) throw new ProblemError(400, 'malformed_body', 'The request has no body.')
  return { body: request.body, boundary }
}

/**
 * `POST /customers/{id}/documents`: streams the browser's multipart body to the provider as it
 * arrives, counting bytes and cutting the upload off once it exceeds the limit, stalls, or runs
 * past its total deadline. Only the `type` and `file` parts pass, re-framed under the proxy's
 * own boundary with headers rebuilt from what it checked (a safe file name, see
 * `rewriteUploadParts`); their bytes pass unchanged. Only the `Idempotency-Key`, scoped to the
 * customer, is taken from the browser's headers; cookies and any `Authorization` it sent stay
 * behind.
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
  const idempotencyKey = await scopedIdempotencyKey(customerId, requireIdempotencyKey(request))
  const { body: browserBody, boundary } = checkUploadHeaders(context, request)
  await enforceRateLimit(
    context.status.store,
    `uploads:${customerId}`,
    context.uploadLimit,
    'Too many uploads; wait and try again.',
  )

  const token = await context.tokens.get()
  await context.budget.spend('upload', { customerId })
  const scope = createAbortScope({
    timeoutMs: context.uploadIdleTimeoutMs,
    idle: true,
    deadlineMs: context.uploadDeadlineMs,
    clientSignal: request.signal,
  })
  // The provider gets the proxy's own framing: a boundary of token characters (a browser's
  // quoted one with a space would otherwise need quoting again), parts rebuilt as checked.
  const outBoundary = freshBoundary()
  const headers = new Headers({
    authorization: `Bearer ${token}`,
    'content-type': `multipart/form-data; boundary=${outBoundary}`,
    accept: 'application/json',
    'idempotency-key': idempotencyKey,
  })

  const limited = limitBody(browserBody, context.maxUploadBytes, {
    onChunk: () => scope.touch(),
    onExceeded: () => scope.abort('body_too_large'),
    // A client past its deadline is slow by definition: a short drain, then the socket goes.
    drainMs: () => (scope.cause === 'deadline' ? 1000 : MAX_DISCARD_MS),
  })
  const body = replayableBody(
    rewriteUploadParts(limited, boundary, outBoundary, () => scope.abort('malformed_body')),
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
  if (scope.cause === 'body_too_large' || scope.cause === 'malformed_body') {
    throw failureFor(scope)
  }

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
  // The status cache learns of the upload at once (the item is in review now).
  await context.status.applyUpload(customerId, document).catch(() => {})
  return jsonResponse(answer.status, document, passedThroughHeaders(answer.headers))
}
