import type { DocumentKind } from './signature.ts'
import type { ValidationCode } from './validate.ts'

/** Where one document's upload stands. */
export type UploadState =
  | 'idle'
  | 'validating'
  | 'confirm'
  | 'queued'
  | 'uploading'
  | 'processing'
  | 'retrying'
  | 'paused'
  | 'failed'
  | 'done'

/** Why a photo may be hard to read; found before sending (`capture/`), never a hard block. */
export const QualityWarning = {
  Blurry: 'blurry',
  Dark: 'dark',
  /** Too bright, washed out. */
  Bright: 'bright',
  /** A blown-out reflection over part of the document (a white page or a scan is not one). */
  Glare: 'glare',
  /** Too few pixels to read (under 1000 px on its long edge). */
  Small: 'small',
} as const
export type QualityWarning = (typeof QualityWarning)[keyof typeof QualityWarning]

/** A refused file, before translation. `folder` marks a dropped folder (its own message). */
export interface Refusal {
  code: ValidationCode
  params: Record<string, string | number>
  folder?: boolean
}

export interface UploadProgress {
  loaded: number
  total: number
}

/** Everything known about one document's upload. Replaced, never mutated, on each change. */
export interface UploadEntry<TError = unknown> {
  state: UploadState
  /** Bumped by every user action; work started for an older attempt is ignored. */
  attempt: number
  /** The file to send: the picked one, or its normalised copy. */
  file: Blob | null
  fileName: string | null
  /** Size of the picked file, before any normalisation. */
  originalSize: number | null
  kind: DocumentKind | null
  contentType: string | null
  /** A PDF's page count when its ends tell it, for the preview. */
  pages: number | null
  idempotencyKey: string | null
  progress: UploadProgress | null
  error: TError | null
  /** Failed tries of this attempt, for the retry policy. */
  failures: number
  refusal: Refusal | null
  /** Quality warnings of a photo; non-empty while `confirm` waits for the user. */
  warnings: readonly QualityWarning[]
  /** The user cancelled the latest upload ("Envio cancelado" until the next action). */
  cancelled: boolean
}

export const IDLE_ENTRY: UploadEntry<never> = {
  state: 'idle',
  attempt: 0,
  file: null,
  fileName: null,
  originalSize: null,
  kind: null,
  contentType: null,
  pages: null,
  idempotencyKey: null,
  progress: null,
  error: null,
  failures: 0,
  refusal: null,
  warnings: [],
  cancelled: false,
}

export type UploadEntries<TError = unknown> = ReadonlyMap<string, UploadEntry<TError>>

/** The file as checked: what to send, and what the checks found. */
export interface CheckedFile {
  file: Blob
  /** The name to send (a HEIC converted, or a JPEG named .HEIC, is sent as `.jpg`). */
  fileName: string
  kind: DocumentKind
  contentType: string
  pages: number | null
  warnings: readonly QualityWarning[]
  idempotencyKey: string
}

/** Every change of an upload, by name. `doc` is the document's `kyc[].type`. */
export type UploadAction<TError = unknown> = { doc: string; attempt: number } & (
  | { type: 'selected'; file: Blob; fileName: string }
  | { type: 'refused'; refusal: Refusal }
  | ({ type: 'checked' } & CheckedFile)
  | { type: 'confirmed' }
  | { type: 'dismissed' }
  | { type: 'queued' }
  | { type: 'paused' }
  | { type: 'started' }
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'processing' }
  | { type: 'failed'; error: TError; willRetry: boolean }
  | { type: 'succeeded' }
  | { type: 'cancelled' }
  | { type: 'retried' }
)

const IN_FLIGHT: ReadonlySet<UploadState> = new Set<UploadState>([
  'validating',
  'queued',
  'uploading',
  'processing',
  'retrying',
  'paused',
])

/** Work is under way for the document: a new file waits, cancel stops it. */
export function isUploadInFlight(state: UploadState): boolean {
  return IN_FLIGHT.has(state)
}

function next<TError>(
  entry: UploadEntry<TError>,
  action: UploadAction<TError>,
): UploadEntry<TError> | null {
  switch (action.type) {
    case 'selected':
      return {
        ...IDLE_ENTRY,
        attempt: action.attempt,
        state: 'validating',
        file: action.file,
        fileName: action.fileName,
        originalSize: action.file.size,
      }
    case 'refused':
      return { ...IDLE_ENTRY, attempt: action.attempt, refusal: action.refusal }
    case 'checked': {
      if (entry.state !== 'validating') return null
      const { file, fileName, kind, contentType, pages, warnings, idempotencyKey } = action
      const state = warnings.length > 0 ? 'confirm' : 'queued'
      return { ...entry, state, file, fileName, kind, contentType, pages, warnings, idempotencyKey }
    }
    case 'confirmed':
      return entry.state === 'confirm' ? { ...entry, state: 'queued' } : null
    case 'dismissed':
      return { ...IDLE_ENTRY, attempt: action.attempt }
    case 'queued':
    case 'paused':
      return isUploadInFlight(entry.state) ? { ...entry, state: action.type } : null
    case 'started':
      return isUploadInFlight(entry.state) ? { ...entry, state: 'uploading' } : null
    case 'progress':
      return entry.state === 'uploading'
        ? { ...entry, progress: { loaded: action.loaded, total: action.total } }
        : null
    case 'processing':
      return entry.state === 'uploading' ? { ...entry, state: 'processing' } : null
    case 'failed':
      return {
        ...entry,
        state: action.willRetry ? 'retrying' : 'failed',
        error: action.error,
        failures: entry.failures + 1,
      }
    case 'succeeded': {
      const total = entry.progress?.total ?? entry.file?.size ?? 0
      return { ...entry, state: 'done', progress: { loaded: total, total }, error: null }
    }
    case 'cancelled':
      return { ...IDLE_ENTRY, attempt: action.attempt, cancelled: true }
    case 'retried':
      return entry.state === 'failed'
        ? { ...entry, attempt: action.attempt, state: 'queued', failures: 0, error: null }
        : null
  }
}

const STARTS: ReadonlySet<UploadAction['type']> = new Set([
  'selected',
  'refused',
  'dismissed',
  'cancelled',
  'retried',
] as const)

/**
 * The upload machine: every document's entry after `action`. Pure; an action of an attempt
 * that is no longer the document's (cancelled, replaced) changes nothing; `selected`,
 * `dismissed`, `cancelled` and `retried` (and a `refused` without a check) start a newer one.
 */
export function uploadReducer<TError>(
  entries: UploadEntries<TError>,
  action: UploadAction<TError>,
): UploadEntries<TError> {
  const entry = entries.get(action.doc) ?? IDLE_ENTRY
  const fresh = action.attempt > entry.attempt
  const current = action.attempt === entry.attempt
  // A refusal ends the attempt its check belongs to, or starts one (several files, a folder).
  const applies = STARTS.has(action.type)
    ? fresh || (action.type === 'refused' && current)
    : current
  if (!applies) return entries
  const changed = next(entry, action)
  if (!changed) return entries
  const result = new Map(entries)
  result.set(action.doc, changed)
  return result
}
