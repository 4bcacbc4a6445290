import { createHmac } from 'node:crypto'
import type { Customer } from '../api/types.ts'
import { isoAt, randomId } from './ids.ts'
import type { WebhookOptions } from './options.ts'

/**
 * The Standard Webhooks v1 signature: base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`, keyed
 * with the base64-decoded part of the secret after `whsec_`.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')
  return `v1,${signature}`
}

/** The `customer.kyc_updated` event body. */
export function kycUpdatedEvent(customer: Customer, at: number) {
  return {
    type: 'customer.kyc_updated',
    timestamp: isoAt(at),
    data: {
      id: customer.id,
      external_id: customer.external_id ?? null,
      status: customer.status,
      kyc: customer.kyc,
    },
  }
}

/**
 * Sends `customer.kyc_updated` to the configured URL, fire-and-forget: one attempt with a timeout,
 * failures logged, never thrown.
 */
export class WebhookSender {
  readonly #options: WebhookOptions | null
  readonly #now: () => number
  readonly #log: (line: string) => void
  readonly #inFlight = new Set<AbortController>()

  constructor(options: WebhookOptions | null, now: () => number, log: (line: string) => void) {
    this.#options = options
    this.#now = now
    this.#log = log
  }

  kycUpdated(customer: Customer): void {
    const options = this.#options
    if (!options) return
    const now = this.#now()
    const id = randomId('msg_')
    const timestamp = Math.floor(now / 1000)
    const body = JSON.stringify(kycUpdatedEvent(customer, now))
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 5000)
    timer.unref?.()
    this.#inFlight.add(controller)
    fetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(options.secret, id, timestamp, body),
      },
      body,
      signal: controller.signal,
    })
      .then(async (response) => {
        await response.body?.cancel()
        if (!response.ok) this.#log(`webhook ${id}: the receiver answered ${response.status}`)
      })
      .catch((error: unknown) => {
        this.#log(
          `webhook ${id}: not delivered (${error instanceof Error ? error.message : error})`,
        )
      })
      .finally(() => {
        clearTimeout(timer)
        this.#inFlight.delete(controller)
      })
  }

  /** Abandons deliveries still on their way. */
  close(): void {
    for (const controller of this.#inFlight) controller.abort()
    this.#inFlight.clear()
  }
}
