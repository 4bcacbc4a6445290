import type { KycApiError } from '../api/errors.ts'
import type { UploadProgress } from '../api/client.ts'
import type { ValidationCode } from '../core/validate.ts'
import type { UploadState } from './types.ts'

/** A refused file, before translation. `folder` marks a dropped folder (its own message). */
export interface Refusal {
  code: ValidationCode
  params: Record<string, string | number>
  folder?: boolean
}

/** Everything known about one document's upload. Replaced, never mutated, on each change. */
export interface UploadEntry {
  state: Exclude<UploadState, 'paused'>
  /** Bumped by every user action; work started for an older attempt is ignored. */
  attempt: number
  file: File | null
  fileName: string | null
  contentType: string | null
  idempotencyKey: string | null
  progress: UploadProgress | null
  error: KycApiError | null
  /** Failed tries of this attempt, for the retry policy. */
  failures: number
  controller: AbortController | null
  refusal: Refusal | null
}

export const IDLE_ENTRY: UploadEntry = {
  state: 'idle',
  attempt: 0,
  file: null,
  fileName: null,
  contentType: null,
  idempotencyKey: null,
  progress: null,
  error: null,
  failures: 0,
  controller: null,
  refusal: null,
}

export type UploadEntries = ReadonlyMap<string, UploadEntry>

const scheduleFrame: (callback: () => void) => void =
  typeof requestAnimationFrame === 'function'
    ? (callback) => requestAnimationFrame(callback)
    : (callback) => setTimeout(callback, 16)

/** Per-document upload state of one widget, read with `useSyncExternalStore`. */
export function createUploadStore() {
  let entries: UploadEntries = new Map()
  const listeners = new Set<() => void>()
  const pendingProgress = new Map<string, { attempt: number; progress: UploadProgress }>()
  let frameScheduled = false

  function emit() {
    for (const listener of listeners) listener()
  }

  function get(type: string): UploadEntry {
    return entries.get(type) ?? IDLE_ENTRY
  }

  function set(type: string, entry: UploadEntry) {
    const next = new Map(entries)
    next.set(type, entry)
    entries = next
    emit()
  }

  /** Applies `patch` only if `attempt` is still the current one. Returns whether it did. */
  function update(type: string, attempt: number, patch: Partial<UploadEntry>): boolean {
    const current = get(type)
    if (current.attempt !== attempt) return false
    set(type, { ...current, ...patch })
    return true
  }

  function flushProgress() {
    frameScheduled = false
    if (pendingProgress.size === 0) return
    const next = new Map(entries)
    for (const [type, { attempt, progress }] of pendingProgress) {
      const current = next.get(type)
      if (current && current.attempt === attempt && current.state === 'uploading') {
        next.set(type, { ...current, progress })
      }
    }
    pendingProgress.clear()
    entries = next
    emit()
  }

  return {
    subscribe(listener: () => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSnapshot: (): UploadEntries => entries,
    get,
    set,
    update,
    /** Byte progress, at most one state update per animation frame however often XHR reports. */
    progress(type: string, attempt: number, progress: UploadProgress) {
      pendingProgress.set(type, { attempt, progress })
      if (!frameScheduled) {
        frameScheduled = true
        scheduleFrame(flushProgress)
      }
    },
    /** Aborts every upload in flight (the widget is going away). */
    abortAll() {
      for (const entry of entries.values()) entry.controller?.abort()
    },
  }
}

export type UploadStore = ReturnType<typeof createUploadStore>
