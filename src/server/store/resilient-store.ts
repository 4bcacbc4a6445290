// A shared store that never makes a request wait on it past a deadline: every command is raced
// against `deadlineMs`; a backend that fails, or misses the deadline and then a ping's too, is
// taken for down (logged once), and until a background probe finds it answering again this
// instance serves from its own memory. When it is back, what this instance kept alone is dropped
// (logged once).
import { createMemoryStore } from './memory-store.ts'
import type { KycStore } from './types.ts'

/** The store's commands on a live backend (Redis), throwing on any failure. */
export interface StoreBackend extends Omit<
  KycStore,
  'publish' | 'subscribe' | 'close' | 'degraded'
> {
  /** Says what it is, for the log: `one Redis 7.0`, `a Redis Cluster (sharded pub/sub) 7.0`. */
  description: string
  ping(): Promise<void>
  publish(channel: string, message: string): Promise<void>
  /** Starts hearing a channel (the backend's `onMessage` gets its messages). */
  listen(channel: string): Promise<void>
  unlisten(channel: string): Promise<void>
  close(): Promise<void>
}

export interface ResilientStoreOptions {
  /** Connects the backend (may fail: the probe tries again), hearing channels on `onMessage`. */
  connect(onMessage: (channel: string, message: string) => void): Promise<StoreBackend>
  /** The longest any command may take. */
  deadlineMs: number
  /** How often a down backend is asked again. Default: 1000 ms. */
  probeMs?: number
  log: (line: string) => void
  /** What the log calls the backend. Default: `Redis`. */
  name?: string
}

/** A command past its deadline. */
class DeadlineError extends Error {}

// ioredis' own command timeout, should it fire first: a slow answer, like ours.
const isTimeout = (error: unknown) =>
  error instanceof DeadlineError || (error instanceof Error && /timed out/i.test(error.message))

// After the timers of a turn of the event loop, its I/O: an answer that arrived while the loop was
// busy elsewhere (a long GC, a burst of work) is read before the deadline is declared missed.
const afterIo: (callback: () => void) => void =
  (globalThis as { setImmediate?: (callback: () => void) => void }).setImmediate ??
  ((callback) => setTimeout(callback, 0))

function withDeadline<T>(work: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => afterIo(() => reject(new DeadlineError())), deadlineMs)
  })
  work.catch(() => {}) // a late failure after the deadline is nobody's
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

// Redis answered, but refused the command: the server is there, the command (or the data) is
// wrong. Cluster-wide unavailability and a loading server are outages, not refusals.
const OUTAGE_REPLY = /^(CLUSTERDOWN|LOADING|MASTERDOWN|TRYAGAIN|READONLY)\b/
function refusal(error: unknown): string | null {
  if (!(error instanceof Error) || error.name !== 'ReplyError') return null
  return OUTAGE_REPLY.test(error.message) ? null : error.message
}

type Operations = Omit<KycStore, 'publish' | 'subscribe' | 'close' | 'degraded'>

export async function createResilientStore(options: ResilientStoreOptions): Promise<KycStore> {
  const { deadlineMs, log } = options
  const name = options.name ?? 'Redis'
  const probeMs = options.probeMs ?? 1000
  const listeners = new Map<string, Set<(message: string) => void>>()
  let backend: StoreBackend | null = null
  let fallback = createMemoryStore()
  let down = false
  let closed = false
  let probe: ReturnType<typeof setTimeout> | undefined
  let confirming: Promise<void> | null = null
  const refusalsLogged = new Set<string>()

  const dispatch = (channel: string, message: string) => {
    for (const listener of [...(listeners.get(channel) ?? [])]) {
      try {
        listener(message)
      } catch {
        // One listener's failure is not the others'.
      }
    }
  }

  async function connectOnce(): Promise<boolean> {
    try {
      backend ??= await options.connect(dispatch)
      await withDeadline(backend.ping(), deadlineMs)
      return true
    } catch {
      return false
    }
  }

  function scheduleProbe() {
    if (closed || probe) return
    probe = setTimeout(async () => {
      probe = undefined
      if (closed) return
      if (await connectOnce()) recovered()
      else scheduleProbe()
    }, probeMs)
    probe.unref?.()
  }

  /**
   * One slow answer may be a busy moment (a GC pause here or there): a ping with the same
   * deadline decides. Meanwhile other calls still try the backend, each within the deadline.
   */
  function suspect(error: unknown) {
    const live = backend
    if (down || confirming || !live) return
    confirming = withDeadline(live.ping(), deadlineMs)
      .catch(() => wentDown(error))
      .finally(() => {
        confirming = null
      })
  }

  function wentDown(error: unknown) {
    if (down) return
    down = true
    log(
      isTimeout(error)
        ? `kyc-proxy: ${name} is not answering within ${deadlineMs} ms; serving from this instance's memory until it is back`
        : `kyc-proxy: ${name} unreachable; serving from this instance's memory until it is back`,
    )
    scheduleProbe()
  }

  function recovered() {
    if (!down || closed) return
    down = false
    // What this instance cached, counted and locked alone while it could not share is dropped:
    // the shared state is the truth again.
    const alone = fallback
    fallback = createMemoryStore()
    void alone.close()
    for (const channel of listeners.keys()) {
      void backend?.listen(channel).catch(() => {})
    }
    log(
      `kyc-proxy: ${name} is back (${backend?.description ?? ''}); shared state resumes, what this instance kept alone is dropped`,
    )
  }

  async function attempt<T>(work: (live: StoreBackend) => Promise<T>, local: () => Promise<T>) {
    const live = backend
    if (down || live === null) return local()
    try {
      return await withDeadline(work(live), deadlineMs)
    } catch (error) {
      const refused = refusal(error)
      if (refused === null) {
        if (isTimeout(error)) suspect(error)
        else wentDown(error)
      } else if (!refusalsLogged.has(refused) && refusalsLogged.size < 20) {
        refusalsLogged.add(refused)
        log(
          `kyc-proxy: ${name} refused a command (${refused.slice(0, 200)}); that call used this instance's memory`,
        )
      }
      return local()
    }
  }

  // The first connection is awaited (briefly), so a healthy backend serves the first request.
  if (!(await connectOnce())) {
    down = true
    log(
      `kyc-proxy: ${name} unreachable at start; serving from this instance's memory until it is back`,
    )
    scheduleProbe()
  }

  const operations: Operations = {
    get: (key) =>
      attempt(
        (b) => b.get(key),
        () => fallback.get(key),
      ),
    set: (key, value, ttlMs) =>
      attempt(
        (b) => b.set(key, value, ttlMs),
        () => fallback.set(key, value, ttlMs),
      ),
    setIfAbsent: (key, value, ttlMs) =>
      attempt(
        (b) => b.setIfAbsent(key, value, ttlMs),
        () => fallback.setIfAbsent(key, value, ttlMs),
      ),
    take: (key) =>
      attempt(
        (b) => b.take(key),
        () => fallback.take(key),
      ),
    deleteIfEquals: (key, value) =>
      attempt(
        (b) => b.deleteIfEquals(key, value),
        () => fallback.deleteIfEquals(key, value),
      ),
    setIfNewer: (key, value, version, ttlMs) =>
      attempt(
        (b) => b.setIfNewer(key, value, version, ttlMs),
        () => fallback.setIfNewer(key, value, version, ttlMs),
      ),
    getVersioned: (key) =>
      attempt(
        (b) => b.getVersioned(key),
        () => fallback.getVersioned(key),
      ),
    takeToken: (key, bucket) =>
      attempt(
        (b) => b.takeToken(key, bucket),
        () => fallback.takeToken(key, bucket),
      ),
    hit: (key, limit, windowMs) =>
      attempt(
        (b) => b.hit(key, limit, windowMs),
        () => fallback.hit(key, limit, windowMs),
      ),
  }

  return {
    ...operations,
    degraded: () => down,
    publish: (channel, message) =>
      attempt(
        (b) => b.publish(channel, message),
        async () => dispatch(channel, message), // this instance's own streams still hear it
      ),
    async subscribe(channel, listener) {
      let set = listeners.get(channel)
      if (!set) {
        set = new Set()
        listeners.set(channel, set)
        if (!down && backend) {
          // A burst of subscriptions (thousands of streams opening) may be slow to confirm: past
          // the deadline the caller goes on, and a ping decides whether Redis is there.
          const listening = backend.listen(channel)
          listening.catch((error: unknown) => {
            if (refusal(error) === null && !isTimeout(error)) wentDown(error)
          })
          await withDeadline(listening, deadlineMs).catch((error: unknown) => {
            if (isTimeout(error)) suspect(error)
          })
        }
      }
      set.add(listener)
      return async () => {
        set.delete(listener)
        if (set.size === 0 && listeners.get(channel) === set) {
          listeners.delete(channel)
          if (!down && backend)
            await withDeadline(backend.unlisten(channel), deadlineMs).catch(() => {})
        }
      }
    },
    async close() {
      closed = true
      clearTimeout(probe)
      await fallback.close()
      await backend?.close()
    },
  }
}
