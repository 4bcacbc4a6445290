import { formatsFor } from './formats.ts'
import { createLimiter } from './limiter.ts'
import { DEFAULT_MAX_FILE_SIZE, MAX_CONCURRENT_UPLOADS } from './limits.ts'
import { DEFAULT_RETRY_POLICY, isTransientFailure, retryDelay } from './retry.ts'
import type { RetryPolicy, RetryableFailure } from './retry.ts'
import type { DocumentKind } from './signature.ts'
import {
  IDLE_ENTRY,
  isUploadInFlight,
  uploadReducer,
  type QualityWarning,
  type Refusal,
  type UploadAction,
  type UploadEntries,
  type UploadEntry,
  type UploadProgress,
} from './upload-machine.ts'
import {
  validateDocumentFile,
  type NamedBlob,
  type ValidationCode,
  type ValidationResult,
} from './validate.ts'

/** One try at sending a document, as the controller asks its `upload` function for it. */
export interface UploadRequest {
  /** The document's `kyc[].type`. */
  type: string
  file: Blob
  fileName: string
  contentType: string
  /** The same for every try of one user attempt, so the provider stores the file once. */
  idempotencyKey: string
  signal: AbortSignal
  onProgress: (progress: UploadProgress) => void
}

/** Whether the browser is online, and news of changes (TanStack's `onlineManager` fits). */
export interface NetworkStatus {
  isOnline(): boolean
  subscribe(listener: (online: boolean) => void): () => void
}

/** What the capture step makes of a photo: the file to send and what the checks found. */
export interface PreparedPhoto {
  file: Blob
  contentType: string
  warnings: readonly QualityWarning[]
  /** The photo cannot be sent: the browser cannot decode it (`image_undecodable`, `file_heic`). */
  refusal?: ValidationCode
}

/** What a photo is to the capture step: a HEIC is converted where the browser decodes it. */
export type PhotoKind = Exclude<DocumentKind, 'pdf'> | 'heic'

/** What the controller tells its owner, to announce it and call the host's callbacks. */
export type UploadEvent<TResult, TError> =
  | { kind: 'uploaded'; type: string; fileName: string; result: TResult }
  | { kind: 'failed'; type: string; fileName: string; error: TError }
  | { kind: 'refused'; type: string; refusal: Refusal }
  | {
      kind: 'checked'
      type: string
      warnings: readonly QualityWarning[]
      /** Bytes picked, and bytes to send after the photo step. */
      originalSize: number
      size: number
      durationMs: number
    }
  | { kind: 'cancelled'; type: string }
  /** A try leaves (the first of an attempt, or one after a transient failure). */
  | { kind: 'sending'; type: string; size: number; try: number }
  /** A try failed and the next one waits `delayMs`. */
  | { kind: 'retrying'; type: string; error: TError; try: number; delayMs: number }

export interface UploadControllerOptions<TResult, TError extends RetryableFailure> {
  /** Sends one try; rejects with anything `toError` turns into a failure. */
  upload: (request: UploadRequest) => Promise<TResult>
  /** A rejection as a failure the retry policy reads; `code: 'aborted'` after a cancel. */
  toError: (cause: unknown) => TError
  /** Largest file accepted, in bytes, read at each pick. Default: 10 MiB. */
  maxFileSize?: () => number
  /** Normalises and checks a photo (the `capture/` worker); `null`, or a failure, sends it as picked. */
  preparePhoto?:
    ((file: Blob, kind: PhotoKind, type: string) => Promise<PreparedPhoto | null>) | undefined
  /** Offline, uploads wait (`paused`) instead of failing. Default: always online. */
  network?: NetworkStatus
  onEvent?: (event: UploadEvent<TResult, TError>) => void
  /**
   * Called 1, 5 and 15 s after a cancel that came once bytes were on their way: the provider may
   * have stored the file anyway, and the owner reads the document's status again.
   */
  recheck?: () => void
  /** Default: 3. */
  maxConcurrent?: number
  retryPolicy?: RetryPolicy
  /** Default: a random UUID v4. */
  newIdempotencyKey?: () => string
  /** Runs a callback before the next frame; progress is applied at most once per frame. */
  scheduleFrame?: (callback: () => void) => void
}

export interface UploadController<TError> {
  subscribe(listener: () => void): () => void
  getSnapshot(): UploadEntries<TError>
  /** One document's entry (idle when nothing happened to it). */
  get(type: string): UploadEntry<TError>
  /** Validates and checks the one file picked, then uploads it, or waits in `confirm`. */
  selectFiles(
    type: string,
    files: readonly NamedBlob[],
    selection?: { containsFolder?: boolean },
  ): Promise<void>
  /** Sends a photo that waits in `confirm` despite its warnings. */
  confirm(type: string): void
  /** Stops the upload in flight ("cancelled"), or drops a photo waiting in `confirm`. */
  cancel(type: string): void
  /** Sends the same file again after a transient final failure, with the same key. */
  retry(type: string): void
  /** Aborts every upload and timer. Entries stay; a later action starts afresh. */
  destroy(): void
}

const CHECKS_AFTER_LATE_CANCEL_MS = [1000, 5000, 15000] as const

/** A random UUID v4; `crypto.randomUUID` exists only in secure contexts. */
function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const defaultFrame: (callback: () => void) => void =
  typeof requestAnimationFrame === 'function'
    ? (callback) => requestAnimationFrame(callback)
    : (callback) => setTimeout(callback, 16)

const ALWAYS_ONLINE: NetworkStatus = { isOnline: () => true, subscribe: () => () => {} }

/**
 * Owns the effects of the upload machine (`uploadReducer`): validation, the photo step, at most
 * three uploads at once, byte progress once per frame, automatic retries of transient failures
 * with the same `Idempotency-Key`, waiting while offline, cancel. React reads it with
 * `useSyncExternalStore(subscribe, getSnapshot)`.
 */
export function createUploadController<TResult, TError extends RetryableFailure>(
  options: UploadControllerOptions<TResult, TError>,
): UploadController<TError> {
  let entries: UploadEntries<TError> = new Map()
  const listeners = new Set<() => void>()
  const aborters = new Map<string, AbortController>()
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const limiter = createLimiter(options.maxConcurrent ?? MAX_CONCURRENT_UPLOADS)
  const network = options.network ?? ALWAYS_ONLINE
  const scheduleFrame = options.scheduleFrame ?? defaultFrame
  const newKey = options.newIdempotencyKey ?? randomUuid
  const pendingProgress = new Map<string, UploadAction<TError>>()
  let frameScheduled = false

  const get = (type: string): UploadEntry<TError> => entries.get(type) ?? IDLE_ENTRY
  const emitEvent = (event: UploadEvent<TResult, TError>) => options.onEvent?.(event)

  function dispatch(action: UploadAction<TError>) {
    const changed = uploadReducer(entries, action)
    if (changed === entries) return
    entries = changed
    for (const listener of listeners) listener()
  }

  function flushProgress() {
    frameScheduled = false
    const actions = [...pendingProgress.values()]
    pendingProgress.clear()
    for (const action of actions) dispatch(action)
  }

  function later(delay: number, callback: () => void, signal?: AbortSignal) {
    const timer = setTimeout(() => {
      timers.delete(timer)
      callback()
    }, delay)
    timers.add(timer)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        timers.delete(timer)
      },
      { once: true },
    )
  }

  const sleep = (delay: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      later(delay, resolve, signal)
      signal.addEventListener('abort', () => resolve(), { once: true })
    })

  function untilOnline(signal: AbortSignal) {
    return new Promise<void>((resolve) => {
      const done = () => {
        unsubscribe()
        signal.removeEventListener('abort', done)
        resolve()
      }
      const unsubscribe = network.subscribe((online) => online && done())
      signal.addEventListener('abort', done, { once: true })
      if (network.isOnline()) done()
    })
  }

  /** Sends the document's current file until it is stored, fails for good, or is cancelled. */
  async function run(type: string, attempt: number) {
    const aborter = new AbortController()
    aborters.get(type)?.abort()
    aborters.set(type, aborter)
    const { signal } = aborter
    const current = () => !signal.aborted && get(type).attempt === attempt
    const finish = () => {
      if (aborters.get(type) === aborter) aborters.delete(type)
    }
    for (;;) {
      if (!network.isOnline()) {
        dispatch({ type: 'paused', doc: type, attempt })
        await untilOnline(signal)
      }
      if (!current()) return finish()
      dispatch({ type: 'queued', doc: type, attempt })
      let release: () => void
      try {
        release = await limiter.acquire(signal)
      } catch {
        return finish()
      }
      const entry = get(type)
      const { file, fileName, contentType, idempotencyKey } = entry
      if (!current() || !file || !fileName || !contentType || !idempotencyKey) {
        release()
        return finish()
      }
      let delay: number | null = null
      try {
        dispatch({ type: 'started', doc: type, attempt })
        emitEvent({ kind: 'sending', type, size: file.size, try: entry.failures + 1 })
        const result = await options.upload({
          type,
          file,
          fileName,
          contentType,
          idempotencyKey,
          signal,
          onProgress: (progress) => reportProgress(type, attempt, progress),
        })
        if (!current()) return finish()
        pendingProgress.delete(type)
        dispatch({ type: 'succeeded', doc: type, attempt })
        finish()
        emitEvent({ kind: 'uploaded', type, fileName, result })
        return
      } catch (cause) {
        if (!current()) return finish()
        const error = options.toError(cause)
        delay = retryDelay(error, entry.failures + 1, options.retryPolicy ?? DEFAULT_RETRY_POLICY)
        pendingProgress.delete(type)
        dispatch({ type: 'failed', doc: type, attempt, error, willRetry: delay !== null })
        if (delay === null) {
          finish()
          emitEvent({ kind: 'failed', type, fileName, error })
          return
        }
        emitEvent({ kind: 'retrying', type, error, try: entry.failures + 1, delayMs: delay })
      } finally {
        release()
      }
      await sleep(delay, signal)
    }
  }

  function reportProgress(type: string, attempt: number, progress: UploadProgress) {
    const action: UploadAction<TError> = { type: 'progress', doc: type, attempt, ...progress }
    if (progress.total > 0 && progress.loaded >= progress.total) {
      // The last byte is out: what follows is the server's work, shown as `processing`.
      pendingProgress.delete(type)
      dispatch(action)
      dispatch({ type: 'processing', doc: type, attempt })
      return
    }
    pendingProgress.set(type, action)
    if (!frameScheduled) {
      frameScheduled = true
      scheduleFrame(flushProgress)
    }
  }

  function refuse(type: string, attempt: number, refusal: Refusal) {
    dispatch({ type: 'refused', doc: type, attempt, refusal })
    emitEvent({ kind: 'refused', type, refusal })
  }

  async function check(type: string, file: NamedBlob, attempt: number): Promise<void> {
    const formats = formatsFor(type)
    const maxFileSize = options.maxFileSize?.() ?? DEFAULT_MAX_FILE_SIZE
    const prepare = options.preparePhoto
    let result: ValidationResult = await validateDocumentFile(file, {
      maxFileSize,
      kinds: formats.kinds,
      shrinksPhotos: !!prepare,
    })
    if (get(type).attempt !== attempt) return
    const tooLarge = {
      code: 'file_too_large' as const,
      params: { name: file.name, max: maxFileSize },
    }
    let photoKind: PhotoKind | null = result.ok && result.kind !== 'pdf' ? result.kind : null
    // A HEIC goes to the photo step, which converts it where the browser decodes HEIC (Safari).
    if (!result.ok && result.code === 'file_heic' && prepare) {
      photoKind = 'heic'
      result = {
        ok: true,
        kind: 'jpeg',
        contentType: 'image/jpeg',
        pages: null,
        oversized: false,
        fileName: file.name.replace(/\.[^.]*$/, '') + '.jpg',
      }
    }
    if (!result.ok) return refuse(type, attempt, { code: result.code, params: result.params })
    let prepared: PreparedPhoto = { file, contentType: result.contentType, warnings: [] }
    let photoMs: number | null = null
    if (prepare && photoKind) {
      const started = Date.now()
      try {
        prepared = (await prepare(file, photoKind, type)) ?? prepared
      } catch {
        // Never a block: a photo the browser cannot process goes as it was picked.
      }
      if (get(type).attempt !== attempt) return
      photoMs = Date.now() - started
    }
    if (prepared.refusal) {
      return refuse(type, attempt, { code: prepared.refusal, params: { name: file.name } })
    }
    // The limit holds what is sent: a photo is held against it once the photo step shrank it.
    if (prepared.file.size > maxFileSize) return refuse(type, attempt, tooLarge)
    dispatch({
      type: 'checked',
      doc: type,
      attempt,
      file: prepared.file,
      fileName: result.fileName,
      kind: result.kind,
      contentType: prepared.contentType,
      pages: result.pages,
      warnings: prepared.warnings,
      idempotencyKey: newKey(),
    })
    const { warnings, file: sent } = prepared
    if (photoMs !== null) {
      const sizes = { originalSize: file.size, size: sent.size }
      emitEvent({ kind: 'checked', type, warnings, ...sizes, durationMs: photoMs })
    }
    if (warnings.length > 0) return
    void run(type, attempt)
  }

  return {
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSnapshot: () => entries,
    get,
    async selectFiles(type, files, selection = {}) {
      const entry = get(type)
      if (isUploadInFlight(entry.state) || files.length === 0) return
      const attempt = entry.attempt + 1
      const [file] = files
      if (selection.containsFolder || !file) {
        const params = { name: file?.name ?? '' }
        return refuse(type, attempt, { code: 'file_type_unsupported', params, folder: true })
      }
      if (files.length > 1) {
        const params = { name: file.name, count: files.length }
        return refuse(type, attempt, { code: 'too_many_files', params })
      }
      dispatch({ type: 'selected', doc: type, attempt, file, fileName: file.name })
      await check(type, file, attempt)
    },
    confirm(type) {
      const entry = get(type)
      if (entry.state !== 'confirm') return
      dispatch({ type: 'confirmed', doc: type, attempt: entry.attempt })
      void run(type, entry.attempt)
    },
    cancel(type) {
      const entry = get(type)
      const attempt = entry.attempt + 1
      if (entry.state === 'confirm') return dispatch({ type: 'dismissed', doc: type, attempt })
      if (!isUploadInFlight(entry.state)) return
      aborters.get(type)?.abort()
      aborters.delete(type)
      pendingProgress.delete(type)
      dispatch({ type: 'cancelled', doc: type, attempt })
      emitEvent({ kind: 'cancelled', type })
      const late = ['uploading', 'processing', 'retrying'].includes(entry.state)
      if (late && options.recheck) {
        for (const delay of CHECKS_AFTER_LATE_CANCEL_MS) later(delay, options.recheck)
      }
    },
    retry(type) {
      const entry = get(type)
      if (entry.state !== 'failed' || !entry.error || !isTransientFailure(entry.error)) return
      // The same file is the same request: its key is reused, so a try that did reach the
      // provider is replayed instead of stored twice.
      dispatch({ type: 'retried', doc: type, attempt: entry.attempt + 1 })
      void run(type, entry.attempt + 1)
    },
    destroy() {
      for (const aborter of aborters.values()) aborter.abort()
      aborters.clear()
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      pendingProgress.clear()
    },
  }
}
