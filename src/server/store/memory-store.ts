import type { HitResult, KycStore, TakeResult } from './types.ts'

interface Entry {
  value: string
  version: number
  expiresAt: number
}

/**
 * The default store: one process, no setup. Expired keys are dropped when read and swept once
 * a minute, so idle customers cost no memory.
 */
export function createMemoryStore(now: () => number = Date.now): KycStore {
  const entries = new Map<string, Entry>()
  const channels = new Map<string, Set<(message: string) => void>>()
  const sweeper = setInterval(() => {
    const at = now()
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key)
  }, 60_000)
  sweeper.unref?.()

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key)
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key)
      return undefined
    }
    return entry
  }
  const put = (key: string, value: string, ttlMs: number, version = 0) =>
    void entries.set(key, { value, version, expiresAt: now() + ttlMs })

  return {
    async get(key) {
      return live(key)?.value ?? null
    },
    async set(key, value, ttlMs) {
      put(key, value, ttlMs)
    },
    async setIfAbsent(key, value, ttlMs) {
      if (live(key)) return false
      put(key, value, ttlMs)
      return true
    },
    async take(key) {
      const entry = live(key)
      entries.delete(key)
      return entry?.value ?? null
    },
    async deleteIfEquals(key, value) {
      if (live(key)?.value === value) entries.delete(key)
    },
    async setIfNewer(key, value, version, ttlMs) {
      const current = live(key)
      if (current && current.version > version) return false
      put(key, value, ttlMs, version)
      return true
    },
    async getVersioned(key) {
      const entry = live(key)
      return entry ? { value: entry.value, version: entry.version } : null
    },
    async takeToken(key, { capacity, periodMs, reserve = 0, cost = 1 }): Promise<TakeResult> {
      const at = now()
      const entry = live(key)
      const state = entry ? (JSON.parse(entry.value) as { tokens: number; at: number }) : null
      const rate = capacity / periodMs
      const tokens = Math.min(capacity, state ? state.tokens + (at - state.at) * rate : capacity)
      if (tokens - cost < reserve) {
        put(key, JSON.stringify({ tokens, at }), periodMs * 2)
        return { ok: false, retryAfterMs: Math.max(1, Math.ceil((reserve + cost - tokens) / rate)) }
      }
      put(key, JSON.stringify({ tokens: tokens - cost, at }), periodMs * 2)
      return { ok: true }
    },
    async hit(key, limit, windowMs): Promise<HitResult> {
      const entry = live(key)
      const count = (entry ? Number(entry.value) : 0) + 1
      if (entry) entry.value = String(count)
      else put(key, '1', windowMs)
      if (count <= limit) return { ok: true, count }
      return {
        ok: false,
        retryAfterMs: Math.max(1, (live(key)?.expiresAt ?? now()) - now()),
        count,
      }
    },
    async publish(channel, message) {
      for (const listener of [...(channels.get(channel) ?? [])]) {
        try {
          listener(message)
        } catch {
          // One listener's failure is not the publisher's.
        }
      }
    },
    async subscribe(channel, listener) {
      const set = channels.get(channel) ?? new Set()
      set.add(listener)
      channels.set(channel, set)
      return async () => {
        set.delete(listener)
        if (set.size === 0) channels.delete(channel)
      }
    },
    async close() {
      clearInterval(sweeper)
      entries.clear()
      channels.clear()
    },
  }
}
