import type { ReviewOutcome } from './store.ts'

export interface ForcedReview {
  outcome: ReviewOutcome
  message: string | null
}

/**
 * Runs each submitted document's review after a delay. Timers are unref'd so a forgotten sandbox
 * never keeps a process alive, and `clear()` cancels them all.
 */
export class ReviewQueue {
  #delayMs: number
  readonly #review: (documentId: string) => void
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>()
  readonly #forced = new Map<string, ForcedReview>()
  /** Delays set for one customer, over the shared one. */
  readonly #customerDelays = new Map<string, number>()

  constructor(delayMs: number, review: (documentId: string) => void) {
    this.#delayMs = delayMs
    this.#review = review
  }

  get delayMs(): number {
    return this.#delayMs
  }

  /** Applies to reviews scheduled from now on: this customer's only, or everyone's without one. */
  setDelay(ms: number, customerId?: string): void {
    if (customerId === undefined) this.#delayMs = ms
    else this.#customerDelays.set(customerId, ms)
  }

  /** The delay a review of this customer's documents waits. */
  delayFor(customerId: string): number {
    return this.#customerDelays.get(customerId) ?? this.#delayMs
  }

  schedule(documentId: string, customerId: string): void {
    const timer = setTimeout(() => {
      this.#timers.delete(documentId)
      this.#review(documentId)
    }, this.delayFor(customerId))
    timer.unref?.()
    this.#timers.set(documentId, timer)
  }

  cancel(documentId: string): void {
    clearTimeout(this.#timers.get(documentId))
    this.#timers.delete(documentId)
  }

  /** The next review of this customer's documents ends this way, whatever the file is called. */
  force(customerId: string, review: ForcedReview): void {
    this.#forced.set(customerId, review)
  }

  /** Takes (and forgets) the forced outcome waiting for this customer, if any. */
  takeForced(customerId: string): ForcedReview | undefined {
    const forced = this.#forced.get(customerId)
    this.#forced.delete(customerId)
    return forced
  }

  /** Drops the forced outcome waiting for this customer; `settings` its own delay as well. */
  forget(customerId: string, settings = false): void {
    this.#forced.delete(customerId)
    if (settings) this.#customerDelays.delete(customerId)
  }

  get pending(): number {
    return this.#timers.size
  }

  clear(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer)
    this.#timers.clear()
    this.#forced.clear()
    this.#customerDelays.clear()
  }
}
