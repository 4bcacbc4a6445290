import { useCallback, useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react'
import { useMutation, useMutationState, type QueryClient } from '@tanstack/react-query'
import type { KycClient } from '../api/client.ts'
import { abortedError, isKycApiError, networkError, type KycApiError } from '../api/errors.ts'
import type { Customer, KycDocument } from '../api/types.ts'
import { createLimiter } from '../core/limiter.ts'
import { MAX_CONCURRENT_UPLOADS } from '../core/limits.ts'
import { isTransientFailure, retryDelay, retryOptions } from '../core/retry.ts'
import { validateDocumentFile } from '../core/validate.ts'
import { useLatest } from './useLatest.ts'
import { IDLE_ENTRY, createUploadStore, type Refusal, type UploadEntry } from './uploadStore.ts'
import type { UploadState } from './types.ts'

/** What each run of the upload mutation carries: the same object for its automatic retries. */
export interface UploadVariables {
  type: string
  file: File
  fileName: string
  contentType: string
  /** One per user-initiated attempt, reused by automatic and manual retries of that file. */
  idempotencyKey: string
  /** The store attempt this run belongs to. */
  attempt: number
}

/** What the widget hears about, to announce it and call the host's callbacks. */
export type UploadEvent =
  | { kind: 'uploaded'; type: string; fileName: string; document: KycDocument }
  | { kind: 'failed'; type: string; fileName: string; error: KycApiError }
  | { kind: 'refused'; type: string; refusal: Refusal }
  | { kind: 'cancelled'; type: string }

export interface UploadDocumentOptions {
  client: KycClient
  queryClient: QueryClient
  customerId: string
  /** The customer query to update after a 201. */
  customerKey: readonly unknown[]
  maxFileSize: number
  onEvent: (event: UploadEvent) => void
}

/** An upload entry as shown: `paused` when TanStack holds the mutation (offline). */
export interface ShownUpload extends Omit<UploadEntry, 'state'> {
  state: UploadState
}

const IN_FLIGHT: ReadonlySet<UploadState> = new Set([
  'validating',
  'queued',
  'uploading',
  'retrying',
  'paused',
])

/**
 * When the customer is read again after a cancel that came once a request was on its way: the
 * provider may have received every byte and stored the file anyway (there is no way to take an
 * upload back), and the card must then show it as sent rather than as still to do.
 */
const CHECKS_AFTER_LATE_CANCEL_MS = [1000, 5000, 15000] as const

export function isUploadInFlight(state: UploadState): boolean {
  return IN_FLIGHT.has(state)
}

/** A random UUID v4; `crypto.randomUUID` exists only in secure contexts. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function asKycError(error: unknown): KycApiError {
  return isKycApiError(error) ? error : networkError(error)
}

function markSubmitted(customer: Customer | undefined, document: KycDocument) {
  if (!customer) return customer
  return {
    ...customer,
    kyc: customer.kyc.map((item) =>
      item.type === document.type
        ? { ...item, status: document.status, uploaded_at: document.uploaded_at, message: null }
        : item,
    ),
  }
}

/**
 * Uploads documents through one TanStack mutation: validation first (first and last bytes
 * only), at most three uploads at once, byte progress, cancel, automatic retry of transient
 * failures with the same `Idempotency-Key`, and the customer marked `submitted` as soon as the
 * API answers 201. While offline (`networkMode: 'online'`) a mutation is paused rather than
 * failed; it shows as `paused` ("waiting for connection") and resumes by itself.
 */
export function useUploadDocument(options: UploadDocumentOptions) {
  const { client, queryClient, customerId, customerKey, maxFileSize } = options
  const latest = useLatest(options)
  const [store] = useState(createUploadStore)
  const [limiter] = useState(() => createLimiter(MAX_CONCURRENT_UPLOADS))
  const [checkTimers] = useState(() => new Set<ReturnType<typeof setTimeout>>())
  const mutationKey = ['kyc-uploader', 'upload', customerId, useId()]

  const mutation = useMutation<KycDocument, KycApiError, UploadVariables>(
    {
      mutationKey,
      networkMode: 'online',
      mutationFn: async (variables) => {
        const { type, attempt } = variables
        const signal = store.get(type).controller?.signal
        if (!signal || store.get(type).attempt !== attempt || signal.aborted) throw abortedError()
        store.update(type, attempt, { state: 'queued' })
        let release: () => void
        try {
          release = await limiter.acquire(signal)
        } catch {
          throw abortedError()
        }
        try {
          store.update(type, attempt, { state: 'uploading', error: null })
          return await client.uploadDocument({
            ...variables,
            customerId,
            signal,
            onProgress: (progress) => store.progress(type, attempt, progress),
          })
        } catch (cause) {
          const error = asKycError(cause)
          const failures = store.get(type).failures + 1
          const willRetry = retryDelay(error, failures) !== null
          store.update(
            type,
            attempt,
            willRetry ? { state: 'retrying', error, failures } : { failures },
          )
          throw error
        } finally {
          release()
        }
      },
      ...retryOptions,
      onSuccess: (document, variables) => {
        const { type, attempt, fileName } = variables
        const entry = store.get(type)
        const total = entry.progress?.total ?? variables.file.size
        store.update(type, attempt, {
          state: 'done',
          progress: { loaded: total, total },
          error: null,
          controller: null,
        })
        queryClient.setQueryData<Customer>(customerKey, (old) => markSubmitted(old, document))
        void queryClient.invalidateQueries({ queryKey: customerKey })
        latest.current.onEvent({ kind: 'uploaded', type, fileName, document })
      },
      onError: (error, variables) => {
        const { type, attempt, fileName } = variables
        if (error.code === 'aborted') return
        if (!store.update(type, attempt, { state: 'failed', error, controller: null })) return
        // The server's view of the document may have moved on (locked, customer gone).
        if (error.status === 404 || error.status === 422 || error.status === 409) {
          void queryClient.invalidateQueries({ queryKey: customerKey })
        }
        latest.current.onEvent({ kind: 'failed', type, fileName, error })
      },
    },
    queryClient,
  )
  const { mutate } = mutation

  const paused = useMutationState(
    {
      filters: { mutationKey, status: 'pending' },
      select: (m) => {
        const variables = m.state.variables as UploadVariables | undefined
        return m.state.isPaused && variables ? `${variables.type}#${variables.attempt}` : ''
      },
    },
    queryClient,
  )
  const pausedKey = paused.filter(Boolean).join(' ')

  const entries = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
  useEffect(
    () => () => {
      store.abortAll()
      for (const timer of checkTimers) clearTimeout(timer)
    },
    [store, checkTimers],
  )

  const start = useCallback(
    (type: string, entry: UploadEntry) => {
      const { file, fileName, contentType, idempotencyKey } = entry
      if (!file || !fileName || !contentType || !idempotencyKey) return
      store.set(type, { ...entry, state: 'queued', controller: new AbortController() })
      mutate({ type, file, fileName, contentType, idempotencyKey, attempt: entry.attempt })
    },
    [mutate, store],
  )

  const selectFiles = useCallback(
    async (type: string, files: readonly File[], selection: { containsFolder?: boolean } = {}) => {
      const current = store.get(type)
      if (isUploadInFlight(current.state) || files.length === 0) return
      const attempt = current.attempt + 1
      const refuse = (refusal: Refusal) => {
        store.set(type, { ...IDLE_ENTRY, attempt, refusal })
        latest.current.onEvent({ kind: 'refused', type, refusal })
      }
      const [file] = files
      if (selection.containsFolder || !file) {
        refuse({ code: 'file_type_unsupported', params: { name: file?.name ?? '' }, folder: true })
        return
      }
      if (files.length > 1) {
        refuse({ code: 'too_many_files', params: { name: file.name, count: files.length } })
        return
      }
      store.set(type, { ...IDLE_ENTRY, attempt, state: 'validating', file, fileName: file.name })
      const result = await validateDocumentFile(file, { maxFileSize })
      if (store.get(type).attempt !== attempt) return
      if (!result.ok) {
        refuse({ code: result.code, params: result.params })
        return
      }
      start(type, {
        ...store.get(type),
        contentType: result.contentType,
        idempotencyKey: newIdempotencyKey(),
      })
    },
    [latest, maxFileSize, start, store],
  )

  const cancel = useCallback(
    (type: string) => {
      const current = store.get(type)
      if (!isUploadInFlight(current.state)) return
      current.controller?.abort()
      store.set(type, { ...IDLE_ENTRY, attempt: current.attempt + 1 })
      latest.current.onEvent({ kind: 'cancelled', type })
      if (current.state !== 'uploading' && current.state !== 'retrying') return
      for (const delay of CHECKS_AFTER_LATE_CANCEL_MS) {
        const timer = setTimeout(() => {
          checkTimers.delete(timer)
          const { queryClient: client, customerKey: queryKey } = latest.current
          void client.invalidateQueries({ queryKey })
        }, delay)
        checkTimers.add(timer)
      }
    },
    [checkTimers, latest, store],
  )

  const retry = useCallback(
    (type: string) => {
      const current = store.get(type)
      if (current.state !== 'failed' || !current.error || !isTransientFailure(current.error)) return
      // The same file is the same request: reuse its key so a try that did reach the provider
      // is replayed instead of stored twice.
      start(type, { ...current, attempt: current.attempt + 1, failures: 0, error: null })
    },
    [start, store],
  )

  const uploads = useMemo(() => {
    const pausedSet = new Set(pausedKey.split(' '))
    const shown = new Map<string, ShownUpload>()
    for (const [type, entry] of entries) {
      const waiting = entry.state === 'queued' || entry.state === 'retrying'
      const isPaused = waiting && pausedSet.has(`${type}#${entry.attempt}`)
      shown.set(type, isPaused ? { ...entry, state: 'paused' } : entry)
    }
    return shown as ReadonlyMap<string, ShownUpload>
  }, [entries, pausedKey])

  return { uploads, selectFiles, cancel, retry }
}
