/** What a limiter or a bucket decided. */
export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number }

/** What a fixed-window counter decided, with the hits counted in the window so far (this one included). */
export type HitResult = TakeResult & { count?: number }

/**
 * The proxy's shared state behind one small interface, so that one process keeps it in memory
 * and several share it in Redis: the status cache and its single-flight lock, the OAuth token,
 * the provider budget, the per-session limits, the webhook ids already seen, and pub/sub of
 * status changes. Both adapters pass the same contract suite (`store.test.ts`). Values are
 * strings; every key has a lifetime, so nothing grows without bound.
 */
export interface KycStore {
  get(key: string): Promise<string | null>
  set(key: string, value: string, ttlMs: number): Promise<void>
  /** Sets the key only when it does not exist (a lock, a seen id); `true` when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>
  /**
   * Reads the key and deletes it in one step, so of any number of concurrent callers exactly one
   * gets the value (a single-use hand-off token); `null` when absent or expired.
   */
  take(key: string): Promise<string | null>
  /** Deletes the key only when it still holds `value` (releasing one's own lock). */
  deleteIfEquals(key: string, value: string): Promise<void>
  /**
   * Stores `value` with its `version` unless the key holds a higher version already, so an old
   * event arriving late never overwrites a newer status. `true` when stored.
   */
  setIfNewer(key: string, value: string, version: number, ttlMs: number): Promise<boolean>
  /** The value stored by `setIfNewer`, with its version. */
  getVersioned(key: string): Promise<{ value: string; version: number } | null>
  /**
   * Takes `cost` tokens from a bucket of `capacity` refilling `capacity` per `periodMs`, when at
   * least `reserve` would remain: a lower-priority caller passes a reserve to leave room for
   * higher-priority ones.
   */
  takeToken(
    key: string,
    bucket: { capacity: number; periodMs: number; reserve?: number; cost?: number },
  ): Promise<TakeResult>
  /**
   * Counts one hit in a fixed window of `windowMs`; refused past `limit`. Answers the count so
   * far too (the provider budget ranks a customer's calls by it); a store that leaves it out
   * makes every call rank as a first one.
   */
  hit(key: string, limit: number, windowMs: number): Promise<HitResult>
  publish(channel: string, message: string): Promise<void>
  /** Listens to a channel; the answer stops listening. */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>
  /** Lets go of connections and timers. */
  close(): Promise<void>
  /**
   * `true` while a shared store cannot be reached and this instance serves from its own memory
   * (it hears no other instance's events then). Absent or `false`: the state is whole.
   */
  degraded?(): boolean
}
