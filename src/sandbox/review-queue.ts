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

  constructor(delayMs: number, review: (documentId: string) => void) {
    this.#delayMs = delayMs
    this.#review = review
  }

  get delayMs(): number {
    return this.#delayMs
  }

  /** Applies to reviews scheduled from now on. */
  setDelay(ms: number): void {
    this.#delayMs = ms
  }

  schedule(documentId: string): void {
    const timer = setTimeout(() => {
      this.#timers.delete(documentId)
      this.#review(documentId)
    }, this.#delayMs)
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

  forget(customerId: string): void {
    this.#forced.delete(customerId)
  }

  get pending(): number {
    return this.#timers.size
  }

  clear(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer)
    this.#timers.clear()
    this.#forced.clear()
  }
}
