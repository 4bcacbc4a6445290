import type { Customer } from '../api/types.ts'
import type { FaultSpec } from './faults.ts'
import { rejectionMessageFor, type ScenarioId } from './scenarios.ts'
import type { SandboxState } from './state.ts'
import type { ReviewOutcome, StoredDocument } from './store.ts'

export interface SandboxSettings {
  reviewDelayMs: number
  maxFileSize: number
  rateLimit: { limit: number; windowMs: number }
}

/** In-process control of a sandbox, for tests, the demo and audits. */
export interface SandboxControl {
  /**
   * Everything back to the seeds (customers, documents, keys, faults, counters), or only this
   * customer back to its scenario's first state, its documents and pending reviews forgotten.
   * Throws for an unknown customer id.
   */
  reset(customerId?: string): void
  /** A fresh copy of a scenario's customer under a new id. */
  createCustomer(scenario: ScenarioId): Customer
  /**
   * Deletes a customer made by `createCustomer`, with its documents, pending reviews, review
   * settings and the faults scoped to it (a demo forgets the customers of sessions it no longer
   * keeps). The seeds stay; an unknown id changes nothing.
   */
  forgetCustomer(customerId: string): void
  /** The customer as the API would return it, or `undefined`. */
  customer(customerId: string): Customer | undefined
  /**
   * Delay of reviews scheduled from now on: of this customer's documents only (a demo visitor's
   * own setting), or of everyone's without a customer id.
   */
  setReviewDelay(ms: number, customerId?: string): void
  /**
   * The next review of this customer's documents ends with `outcome` (and, when rejected, this
   * reviewer message), whatever the file name. Throws for an unknown customer id.
   */
  forceNextReview(customerId: string, outcome: ReviewOutcome, message?: string | undefined): void
  /**
   * Decides the review of the customer's document of this type now (the latest one in review):
   * approved, or rejected with this reviewer message (default: the scenario's message for the
   * type). Its scheduled review is cancelled. Resolves with the customer once the webhook, if
   * any, has been answered, so a proxy that receives it already serves the decision. Throws for
   * an unknown customer or no document of that type in review.
   */
  review(
    customerId: string,
    type: string,
    outcome: ReviewOutcome,
    message?: string | undefined,
  ): Promise<Customer>
  /** Queue a fault for the next matching request(s). */
  injectFault(fault: FaultSpec): void
  /** Faults still waiting. */
  faults(): FaultSpec[]
  clearFaults(): void
  /**
   * Stores a document as an accepted upload would (its review scheduled, its webhook sent),
   * without HTTP and without spending the rate limit: for benches that need thousands of
   * customers in review. Throws for an unknown customer or a type it cannot upload.
   */
  submitDocument(customerId: string, type: string, fileName?: string): StoredDocument
  /** Documents stored by uploads (not the seeds' history), oldest first. */
  documents(customerId?: string): StoredDocument[]
  /** Every access token issued so far answers `token_expired` from now on. */
  expireTokens(): void
  settings(): SandboxSettings
}

export function createControl(state: SandboxState): SandboxControl {
  const { store, reviews, faults, idempotency, limiter, tokens, options } = state
  // The customer's pending reviews and forced outcome; `settings` its review delay as well.
  const cancelReviews = (customerId: string, settings = false) => {
    for (const document of store.documents(customerId)) reviews.cancel(document.id)
    reviews.forget(customerId, settings)
  }
  return {
    reset(customerId) {
      if (customerId === undefined) {
        reviews.clear()
        faults.clear()
        idempotency.clear()
        limiter.reset()
        store.resetAll()
        return
      }
      cancelReviews(customerId)
      if (!store.resetCustomer(customerId)) throw new Error(`No customer has the id ${customerId}`)
    },
    createCustomer: (scenario) => store.createCustomer(scenario),
    forgetCustomer(customerId) {
      cancelReviews(customerId, true)
      faults.forget(customerId)
      store.forgetCustomer(customerId)
    },
    customer: (customerId) => store.customer(customerId),
    setReviewDelay(ms, customerId) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The review delay must be ≥ 0 ms')
      reviews.setDelay(ms, customerId)
    },
    forceNextReview(customerId, outcome, message) {
      if (!store.hasCustomer(customerId)) throw new Error(`No customer has the id ${customerId}`)
      reviews.force(customerId, { outcome, message: message ?? null })
    },
    async review(customerId, type, outcome, message) {
      if (!store.hasCustomer(customerId)) throw new Error(`No customer has the id ${customerId}`)
      const inReview = store
        .documents(customerId)
        .filter((document) => document.type === type && document.status === 'submitted')
        .at(-1)
      if (!inReview) throw new Error(`${customerId} has no ${type} document in review`)
      reviews.cancel(inReview.id)
      const reviewerMessage = outcome === 'rejected' ? (message ?? rejectionMessageFor(type)) : null
      const customer = store.review(inReview.id, outcome, reviewerMessage)
      if (!customer) throw new Error(`${customerId}'s ${type} document is no longer in review`)
      await state.webhook.kycUpdated(customer)
      return customer
    },
    submitDocument(customerId, type, fileName = `${type}.pdf`) {
      if (!store.uploadableItem(customerId, type)) {
        throw new Error(`${customerId} has no ${type} document to upload`)
      }
      const document = store.addDocument(customerId, type, {
        fileName,
        contentType: 'application/pdf',
        size: 0,
        sha256: '',
        complete: true,
        idempotencyKey: null,
      })
      state.accepted(document)
      return document
    },
    injectFault: (fault) => faults.add(fault),
    faults: () => faults.list(),
    clearFaults: () => faults.clear(),
    documents: (customerId) => store.documents(customerId),
    expireTokens: () => tokens.expireAll(),
    settings: () => ({
      reviewDelayMs: reviews.delayMs,
      maxFileSize: options.maxFileSize,
      rateLimit: { ...options.rateLimit },
    }),
  }
}
