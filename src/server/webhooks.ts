import { checkWebhookSecret } from '../core/webhook-secret.ts'
import { parseJson, ProblemError } from './problem.ts'
import { pickPublicCustomer } from './public-fields.ts'
import type { StatusCache } from './status/status-cache.ts'

/**
 * Largest webhook body read. The largest event the sandbox sends is 1.2 KB (four documents, all
 * rejected with the reviewer's message); 32 KiB holds twelve documents each with a 1,000-character
 * message in accented Portuguese.
 */
export const MAX_WEBHOOK_BYTES = 32 * 1024
/** How long the body may take once the headers passed: a provider sends a small event at once. */
export const WEBHOOK_BODY_DEADLINE_MS = 10_000
/** How far a `webhook-timestamp` may be from now, either way (Standard Webhooks: 5 minutes). */
export const WEBHOOK_TOLERANCE_S = 5 * 60
/** How long a `webhook-id` is remembered: longer than any sender retries. */
export const SEEN_WEBHOOK_TTL_MS = 3 * 24 * 60 * 60 * 1000

export interface WebhookIntake {
  handle(request: Request): Promise<Response>
}

const acknowledged = (outcome: string) =>
  new Response(null, { status: 204, headers: { 'x-kyc-webhook': outcome } })

// Refusals close the connection: whatever the sender still had to send is not waited for.
const closing = () => new Headers({ connection: 'close' })
const invalidSignature = () =>
  new ProblemError(401, 'invalid_signature', 'The webhook signature is not valid.', {
    headers: closing(),
  })

const MESSAGE_ID = /^[\x21-\x7e]{1,256}$/
const TIMESTAMP = /^\d{1,12}$/
// A v1 signature is the base64 of 32 bytes; at most a few are sent at once (a key rotation).
const V1_SIGNATURE = /^v1,([A-Za-z0-9+/]{43}=)$/
const MAX_SIGNATURES = 5

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0))
}

/** What the three headers say, checked before any byte of the body is read; `null` if unusable. */
function signedHeaders(
  request: Request,
  nowS: number,
): { id: string; timestamp: string; signatures: Uint8Array<ArrayBuffer>[] } | null {
  const id = request.headers.get('webhook-id') ?? ''
  const timestamp = request.headers.get('webhook-timestamp') ?? ''
  const signature = request.headers.get('webhook-signature') ?? ''
  if (!MESSAGE_ID.test(id) || !TIMESTAMP.test(timestamp) || signature.length > 1024) return null
  if (Math.abs(nowS - Number(timestamp)) > WEBHOOK_TOLERANCE_S) return null
  const signatures = signature
    .split(' ')
    .map((entry) => V1_SIGNATURE.exec(entry)?.[1])
    .filter((entry): entry is string => entry !== undefined)
    .slice(0, MAX_SIGNATURES)
    .map(fromBase64)
  return signatures.length === 0 ? null : { id, timestamp, signatures }
}

/** Reads the body under `MAX_WEBHOOK_BYTES` and `deadlineMs`; past either, the rest is cancelled. */
async function readBody(request: Request, deadlineMs: number): Promise<string> {
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > MAX_WEBHOOK_BYTES) {
    throw new ProblemError(413, 'body_too_large', 'The webhook body is too large.', {
      headers: closing(),
    })
  }
  const reader = request.body?.getReader()
  if (!reader) return ''
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ProblemError(408, 'timeout', 'The webhook body took too long.', {
            headers: closing(),
          }),
        ),
      deadlineMs,
    )
  })
  const decoder = new TextDecoder()
  let text = ''
  let total = 0
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), late])
      if (done) return text + decoder.decode()
      total += value.byteLength
      if (total > MAX_WEBHOOK_BYTES) {
        throw new ProblemError(413, 'body_too_large', 'The webhook body is too large.', {
          headers: closing(),
        })
      }
      text += decoder.decode(value, { stream: true })
    }
  } catch (error) {
    reader.cancel().catch(() => {})
    throw error
  } finally {
    clearTimeout(timer)
  }
}

/**
 * `POST {prefix}/webhooks`: the provider's `customer.kyc_updated` events, verified as Standard
 * Webhooks v1 (HMAC-SHA256 of `{id}.{timestamp}.{body}` with the `whsec_` key, any of the
 * space-separated `v1,` signatures, timestamps within five minutes either way), cheap to refuse:
 * the three headers and the timestamp are checked before a byte of the body is read, the body
 * is read under `MAX_WEBHOOK_BYTES` within `WEBHOOK_BODY_DEADLINE_MS`, and the HMAC runs on the
 * platform's Web Crypto, which compares in constant time. A `webhook-id` seen before is
 * acknowledged and not applied again; an unknown event type is acknowledged and ignored; a
 * customer event is applied to the status cache unless a newer status is known. Answers 204 at
 * once; the work is a store write and a publish.
 */
export function createWebhookIntake(
  secret: string,
  status: StatusCache,
  options: { bodyDeadlineMs?: number; now?: () => number } = {},
): WebhookIntake {
  checkWebhookSecret(secret, 'createKycProxy: webhookSecret')
  const key = crypto.subtle.importKey(
    'raw',
    fromBase64(secret.slice('whsec_'.length)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  )
  const deadlineMs = options.bodyDeadlineMs ?? WEBHOOK_BODY_DEADLINE_MS
  const now = options.now ?? Date.now
  const encoder = new TextEncoder()

  async function verified(
    headers: { id: string; timestamp: string; signatures: Uint8Array<ArrayBuffer>[] },
    body: string,
  ): Promise<boolean> {
    const signed = encoder.encode(`${headers.id}.${headers.timestamp}.${body}`)
    for (const signature of headers.signatures) {
      if (await crypto.subtle.verify('HMAC', await key, signature, signed)) return true
    }
    return false
  }

  return {
    async handle(request) {
      const headers = signedHeaders(request, Math.floor(now() / 1000))
      // A missing or malformed header, an old or future timestamp: refused unread.
      if (headers === null) throw invalidSignature()
      const body = await readBody(request, deadlineMs)
      if (!(await verified(headers, body))) throw invalidSignature()
      if (!(await status.store.setIfAbsent(`webhook:${headers.id}`, '1', SEEN_WEBHOOK_TTL_MS))) {
        return acknowledged('duplicate')
      }
      const event = parseJson(body) as { type?: unknown; timestamp?: unknown; data?: unknown }
      if (event?.type !== 'customer.kyc_updated') return acknowledged('ignored')
      const customer = pickPublicCustomer(event.data)
      if (customer === null) return acknowledged('ignored')
      const at = typeof event.timestamp === 'string' ? Date.parse(event.timestamp) : NaN
      const applied = await status.apply(customer, Number.isFinite(at) ? at : Date.now())
      return acknowledged(applied.version === at ? 'applied' : 'outdated')
    },
  }
}
