import { TokenIssuer } from './auth.ts'
import { FaultQueue } from './faults.ts'
import { IdempotencyStore } from './idempotency.ts'
import type { ResolvedSandboxOptions } from './options.ts'
import { RateLimiter } from './rate-limit.ts'
import { ReviewQueue } from './review-queue.ts'
import { rejectionMessageFor } from './scenarios.ts'
import { SandboxStore, type StoredDocument } from './store.ts'
import { WebhookSender } from './webhook.ts'

/** Everything one sandbox holds, shared by its routes and its control surface. */
export interface SandboxState {
  options: ResolvedSandboxOptions
  store: SandboxStore
  tokens: TokenIssuer
  limiter: RateLimiter
  faults: FaultQueue
  reviews: ReviewQueue
  idempotency: IdempotencyStore
  webhook: WebhookSender
  /** Aborts when the sandbox closes, ending stalled requests. */
  closing: AbortController
  /** Schedules the review of a freshly stored document and announces the change. */
  accepted(document: StoredDocument): void
}

export function createState(options: ResolvedSandboxOptions): SandboxState {
  const { now } = options
  const store = new SandboxStore(now)
  const webhook = new WebhookSender(options.webhook, now, options.log)
  const reviews = new ReviewQueue(options.reviewDelayMs, (documentId) => {
    const document = store.document(documentId)
    if (!document) return
    const forced = reviews.takeForced(document.customer_id)
    const outcome =
      forced?.outcome ??
      (document.file_name.toLowerCase().includes('reject') ? 'rejected' : 'approved')
    const message = forced?.message ?? rejectionMessageFor(document.type)
    const customer = store.review(documentId, outcome, outcome === 'rejected' ? message : null)
    if (customer) void webhook.kycUpdated(customer)
  })
  return {
    options,
    store,
    tokens: new TokenIssuer(
      { id: options.clientId, secret: options.clientSecret },
      options.tokenTtlSeconds,
      now,
    ),
    limiter: new RateLimiter(options.rateLimit, now),
    faults: new FaultQueue(),
    reviews,
    idempotency: new IdempotencyStore(now),
    webhook,
    closing: new AbortController(),
    accepted(document) {
      reviews.schedule(document.id, document.customer_id)
      const customer = store.customer(document.customer_id)
      if (customer) void webhook.kycUpdated(customer)
    },
  }
}
