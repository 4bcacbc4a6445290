import { Webhook } from 'standardwebhooks'
import type { Customer } from '../api/types.ts'
import { checkWebhookSecret } from '../core/webhook-secret.ts'
import { isoAt, randomId } from './ids.ts'
import type { WebhookOptions } from './options.ts'

/**
 * Waits before each new attempt of a failed delivery: about Standard Webhooks' schedule
 * (seconds, then minutes), shortened so a demo recovers while someone watches.
 */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [
  1_000, 5_000, 30_000, 120_000, 600_000,
]

/**
 * The Standard Webhooks v1 signature (`v1,` + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`),
 * made by the `standardwebhooks` package. Throws for a malformed or weak secret.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  checkWebhookSecret(secret)
  return new Webhook(secret).sign(id, new Date(timestamp * 1000), body)
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

interface Delivery {
  id: string
  body: string
  attempt: number
}

/**
 * Sends `customer.kyc_updated` to the configured URL in the background: each attempt has a
 * timeout; a failed one (no answer, or not 2xx) is tried again after `retryDelaysMs` with the same
 * `webhook-id` and a fresh timestamp and signature, as Standard Webhooks senders do. Failures are
 * logged, never thrown. The secret is checked when the sender is made, so a bad one stops start-up.
 */
export class WebhookSender {
  readonly #options: WebhookOptions | null
  readonly #signer: Webhook | null
  readonly #now: () => number
  readonly #log: (line: string) => void
  readonly #inFlight = new Set<AbortController>()
  readonly #timers = new Set<ReturnType<typeof setTimeout>>()

  constructor(options: WebhookOptions | null, now: () => number, log: (line: string) => void) {
    if (options) checkWebhookSecret(options.secret, 'the sandbox webhook secret')
    this.#options = options
    this.#signer = options ? new Webhook(options.secret) : null
    this.#now = now
    this.#log = log
  }

  /** Sends the event; resolves once its first attempt is answered or has failed (never rejects). */
  kycUpdated(customer: Customer): Promise<void> {
    if (!this.#options) return Promise.resolve()
    const now = this.#now()
    const body = JSON.stringify(kycUpdatedEvent(customer, now))
    return this.#send({ id: randomId('msg_'), body, attempt: 0 })
  }

  #send(delivery: Delivery): Promise<void> {
    const options = this.#options
    const signer = this.#signer
    if (!options || !signer) return Promise.resolve()
    const { id, body } = delivery
    const timestamp = new Date(Math.floor(this.#now() / 1000) * 1000)
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 5000)
    timer.unref?.()
    this.#inFlight.add(controller)
    return fetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp.getTime() / 1000),
        'webhook-signature': signer.sign(id, timestamp, body),
      },
      body,
      signal: controller.signal,
    })
      .then(async (response) => {
        await response.body?.cancel()
        if (response.ok) return
        this.#log(`webhook ${id}: the receiver answered ${response.status}`)
        this.#retry(delivery)
      })
      .catch((error: unknown) => {
        if (!this.#inFlight.has(controller)) return // closed
        this.#log(
          `webhook ${id}: not delivered (${error instanceof Error ? error.message : error})`,
        )
        this.#retry(delivery)
      })
      .finally(() => {
        clearTimeout(timer)
        this.#inFlight.delete(controller)
      })
  }

  #retry(delivery: Delivery): void {
    const delays = this.#options?.retryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS
    const delay = delays[delivery.attempt]
    if (delay === undefined) {
      this.#log(`webhook ${delivery.id}: given up after ${delivery.attempt + 1} attempts`)
      return
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      void this.#send({ ...delivery, attempt: delivery.attempt + 1 })
    }, delay)
    timer.unref?.()
    this.#timers.add(timer)
  }

  /** Abandons deliveries on their way and retries still waiting. */
  close(): void {
    const inFlight = [...this.#inFlight]
    this.#inFlight.clear()
    for (const controller of inFlight) controller.abort()
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
  }
}
