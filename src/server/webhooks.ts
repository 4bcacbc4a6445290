import { Webhook } from 'standardwebhooks'
import { BodyTooLargeError, readTextLimited } from '../core/read-limited.ts'
import { checkWebhookSecret } from '../core/webhook-secret.ts'
import { parseJson, ProblemError } from './problem.ts'
import { pickPublicCustomer } from './public-fields.ts'
import type { StatusCache } from './status/status-cache.ts'

/** Largest webhook body read: a customer's event is a few KiB. */
export const MAX_WEBHOOK_BYTES = 256 * 1024
/** How long a `webhook-id` is remembered: longer than any sender retries. */
export const SEEN_WEBHOOK_TTL_MS = 3 * 24 * 60 * 60 * 1000

export interface WebhookIntake {
  handle(request: Request): Promise<Response>
}

const acknowledged = (outcome: string) =>
  new Response(null, { status: 204, headers: { 'x-kyc-webhook': outcome } })

/**
 * `POST {prefix}/webhooks`: the provider's `customer.kyc_updated` events, verified as Standard
 * Webhooks v1 by the `standardwebhooks` package (HMAC in constant time, timestamps within five
 * minutes), the raw body read under `MAX_WEBHOOK_BYTES`. A `webhook-id` seen before is
 * acknowledged and not applied again; an unknown event type is acknowledged and ignored; a
 * customer event is applied to the status cache unless a newer status is known. Answers 204 at
 * once; the work is a store write and a publish.
 */
export function createWebhookIntake(secret: string, status: StatusCache): WebhookIntake {
  checkWebhookSecret(secret, 'createKycProxy: webhookSecret')
  const verifier = new Webhook(secret)
  return {
    async handle(request) {
      let body: string
      try {
        body = await readTextLimited(request, MAX_WEBHOOK_BYTES)
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          throw new ProblemError(413, 'body_too_large', 'The webhook body is too large.')
        }
        throw error
      }
      try {
        verifier.verify(body, Object.fromEntries(request.headers))
      } catch {
        // A wrong or missing signature, a timestamp over five minutes old, a missing header.
        throw new ProblemError(401, 'invalid_signature', 'The webhook signature is not valid.')
      }
      const id = request.headers.get('webhook-id') ?? ''
      if (!(await status.store.setIfAbsent(`webhook:${id}`, '1', SEEN_WEBHOOK_TTL_MS))) {
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
