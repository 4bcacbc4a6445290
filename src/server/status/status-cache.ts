import type { KycDocument } from '../../api/types.ts'
import { ProblemError } from '../problem.ts'
import type { PublicCustomer } from '../public-fields.ts'
import type { KycStore } from '../store/types.ts'

/** A customer's public view as the store keeps it, with when it was last known to be current. */
export interface CachedStatus {
  customer: PublicCustomer
  /** The provider's `updated_at` (or the event's time) in ms: newer always wins. */
  version: number
  /** When this view was last confirmed: fetched, or brought by an event. */
  confirmedAt: number
}

/** What a read answers: the view, how old it is, and whether it is stale (provider unavailable). */
export interface StatusRead {
  customer: PublicCustomer
  ageMs: number
  stale: boolean
  /** The provider's answer headers, when this read asked it. */
  providerHeaders?: Headers
}

/** What one provider read gives: the public view, its version and the answer's headers. */
export interface ProviderRead {
  customer: PublicCustomer
  version: number
  headers: Headers
}

export interface StatusCacheOptions {
  store: KycStore
  /** How long a known status is served without asking the provider again. */
  maxAgeMs: number
  /**
   * The same while the store is degraded (a shared store unreachable: this instance hears no
   * other instance's events, so what it knows may be old). Default: `maxAgeMs`.
   */
  degradedMaxAgeMs?: number
  /** How long a read waits for another instance's provider call before making its own. */
  waitMs: number
  now?: () => number
}

// Cached views outlive their freshness, for serve-stale: this much longer, at least a day.
const STALE_KEEP_MS = 24 * 60 * 60 * 1000

const statusKey = (customerId: string) => `status:${customerId}`
const lockKey = (customerId: string) => `status-lock:${customerId}`
/** The pub/sub channel of one customer's status changes. */
export const statusChannel = (customerId: string) => `status:${customerId}`

/** Failures during which a known status is served instead: the provider is busy or down. */
function isUnavailable(error: unknown): boolean {
  return (
    error instanceof ProblemError &&
    (error.status === 429 || error.status === 502 || error.status === 503 || error.status === 504)
  )
}

/**
 * Every customer read goes through here: a status known for less than `maxAgeMs` is served from
 * the store; otherwise one provider call is made for everyone asking, in this process and in
 * every instance sharing the store (a lock in the store; the others wait for its result on
 * pub/sub). Webhook events and upload answers write into it at once, newer version winning, and
 * each change is published on the customer's channel for the streams. When the provider is busy
 * or down, the last known status is served with its age.
 */
export class StatusCache {
  readonly #options: StatusCacheOptions
  readonly #now: () => number
  readonly #inFlight = new Map<string, Promise<StatusRead>>()
  readonly #owner = crypto.randomUUID()

  constructor(options: StatusCacheOptions) {
    this.#options = options
    this.#now = options.now ?? Date.now
  }

  get store(): KycStore {
    return this.#options.store
  }

  /** Whether this instance is on its own (the shared store unreachable). */
  get degraded(): boolean {
    return this.#options.store.degraded?.() ?? false
  }

  /** How long a known status is served now without asking the provider. */
  get maxAgeMs(): number {
    const { maxAgeMs, degradedMaxAgeMs = maxAgeMs } = this.#options
    return this.degraded ? Math.min(maxAgeMs, degradedMaxAgeMs) : maxAgeMs
  }

  async known(customerId: string): Promise<CachedStatus | null> {
    const entry = await this.#options.store.getVersioned(statusKey(customerId))
    if (!entry) return null
    try {
      return JSON.parse(entry.value) as CachedStatus
    } catch {
      return null
    }
  }

  /** The customer's status: cached when fresh, else read once for everyone asking. */
  async read(
    customerId: string,
    fetchFromProvider: (patient: boolean) => Promise<ProviderRead>,
  ): Promise<StatusRead> {
    const known = await this.known(customerId)
    if (known && this.#now() - known.confirmedAt < this.maxAgeMs) {
      // While degraded, what this instance read itself may miss a decision another instance
      // heard: it is served for the short maximum age only, and marked stale.
      return {
        customer: known.customer,
        ageMs: this.#now() - known.confirmedAt,
        stale: this.degraded,
      }
    }
    let running = this.#inFlight.get(customerId)
    if (!running) {
      running = this.#refresh(customerId, known, fetchFromProvider).finally(() =>
        this.#inFlight.delete(customerId),
      )
      this.#inFlight.set(customerId, running)
    }
    return running
  }

  async #refresh(
    customerId: string,
    known: CachedStatus | null,
    fetchFromProvider: (patient: boolean) => Promise<ProviderRead>,
  ): Promise<StatusRead> {
    const { store } = this.#options
    const lock = lockKey(customerId)
    if (!(await store.setIfAbsent(lock, this.#owner, this.#options.waitMs))) {
      const brought = await this.#awaitOther(customerId, known)
      if (brought) return { customer: brought.customer, ageMs: 0, stale: false }
      // The other instance gave up or died: ask ourselves.
    }
    try {
      // With nothing known to serve instead, a read may wait a little for the budget.
      const read = await fetchFromProvider(known === null)
      const current = await this.apply(read.customer, read.version)
      return { customer: current.customer, ageMs: 0, stale: false, providerHeaders: read.headers }
    } catch (error) {
      if (known && isUnavailable(error)) {
        return { customer: known.customer, ageMs: this.#now() - known.confirmedAt, stale: true }
      }
      throw error
    } finally {
      await store.deleteIfEquals(lock, this.#owner)
    }
  }

  /** Waits for the instance holding the lock to publish its read; `null` after `waitMs`. */
  async #awaitOther(customerId: string, known: CachedStatus | null): Promise<CachedStatus | null> {
    const { store, waitMs } = this.#options
    const since = known?.confirmedAt ?? -1
    let resolveBrought: (status: CachedStatus | null) => void = () => {}
    const brought = new Promise<CachedStatus | null>((resolve) => (resolveBrought = resolve))
    const unsubscribe = await store.subscribe(statusChannel(customerId), (message) => {
      const status = JSON.parse(message) as CachedStatus
      if (status.confirmedAt > since) resolveBrought(status)
    })
    const timer = setTimeout(() => resolveBrought(null), waitMs)
    try {
      // It may have landed between our look and our subscription.
      const now = await this.known(customerId)
      if (now && now.confirmedAt > since) return now
      return await brought
    } finally {
      clearTimeout(timer)
      await unsubscribe()
    }
  }

  /**
   * Writes a view of `version` unless a newer one is stored, and publishes what is current. An
   * equal version refreshes the confirmation time. Answers the status now current.
   */
  async apply(customer: PublicCustomer, version: number): Promise<CachedStatus> {
    const { store, maxAgeMs } = this.#options
    const status: CachedStatus = { customer, version, confirmedAt: this.#now() }
    const text = JSON.stringify(status)
    const ttl = Math.max(maxAgeMs, STALE_KEEP_MS)
    if (await store.setIfNewer(statusKey(customer.id), text, version, ttl)) {
      await store.publish(statusChannel(customer.id), text)
      return status
    }
    return (await this.known(customer.id)) ?? status
  }

  /** An upload's 201: the item is in review now, whatever the cache said. */
  async applyUpload(customerId: string, document: KycDocument): Promise<void> {
    const known = await this.known(customerId)
    if (!known) return
    const version = Date.parse(document.updated_at ?? '') || this.#now()
    // A review decided after this upload (its webhook may come before the upload's answer) is
    // newer: the upload's own view must not overwrite it.
    if (version <= known.version) return
    const kyc = known.customer.kyc.map((item) =>
      item.type === document.type && item.kind !== 'data'
        ? { ...item, status: document.status, message: null, uploaded_at: document.uploaded_at }
        : item,
    )
    await this.apply({ ...known.customer, kyc }, version)
  }
}
