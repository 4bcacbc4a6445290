/*
 * The view model of one document, built by pure functions from the upload machine's entry: the
 * hook and the showcase's fixtures both call them, so a story cannot drift from the real widget.
 */
import { formatsFor } from '../core/formats.ts'
import { isTransientFailure } from '../core/retry.ts'
import type { DocumentStatus } from '../core/status.ts'
import {
  isUploadInFlight,
  type QualityWarning,
  type Refusal,
  type UploadEntry,
} from '../core/upload-machine.ts'
import { displayFileName } from '../locales/format.ts'
import { labelFor, messageFor } from '../locales/messages.ts'
import type { KycStrings } from '../locales/types.ts'
import type { DocumentSlot, FilePreview, UploadView, ValidationError } from './types.ts'

/** A failure as the view needs it: `KycApiError` is one. */
export interface FailureSource {
  status: number
  code: string
  detail?: string | undefined
}

/** What every document's view is built with. */
export interface SlotContext {
  strings: KycStrings
  localeTag: string
  maxFileSize: number
  /** `photos.live` and `photos.autoCapture`. Default: both on. */
  live?: { enabled: boolean; autoCapture: boolean }
}

/** The document as the API describes it. */
export interface SlotItem {
  type: string
  description?: string | null | undefined
  status: DocumentStatus
  message?: string | null | undefined
  uploadedAt?: string | null | undefined
  /** The file this tab sent for the latest upload (`core/sent-files.ts`), shown once the page forgot it. */
  sentFileName?: string | null | undefined
}

export type SlotActions = Pick<DocumentSlot, 'selectFiles' | 'cancel' | 'retry' | 'confirm'>

/** The translated message of a refused file. */
export function refusalMessage(refusal: Refusal, strings: KycStrings, tag: string): string {
  return refusal.folder ? strings['error.folder'] : messageFor(refusal, strings, tag)
}

/** What a photo's warning tells the person to do: in words for a face on the selfie. */
export function warningMessage(type: string, code: QualityWarning, strings: KycStrings): string {
  return formatsFor(type).capture === 'user'
    ? strings[`quality.face.${code}`]
    : strings[`quality.${code}`]
}

/** The upload part of a document's view. */
export function uploadView(
  entry: UploadEntry<FailureSource>,
  { strings, localeTag, maxFileSize }: SlotContext,
  sentFileName?: string | null,
  type = '',
): UploadView {
  const params = { name: entry.fileName ?? '', max: maxFileSize }
  const error = entry.error
  // A remembered file is named only while nothing newer (a cancel, a refusal) has a word to say.
  const fileName =
    entry.fileName ?? (entry.cancelled || entry.refusal ? null : (sentFileName ?? null))
  return {
    state: entry.state,
    progress: entry.progress,
    fileName: fileName === null ? null : displayFileName(fileName),
    error: error
      ? { code: error.code, message: messageFor({ ...error, params }, strings, localeTag) }
      : null,
    retryable: entry.state === 'failed' && !!error && isTransientFailure(error),
    warnings: entry.warnings.map((code) => ({
      code,
      message: warningMessage(type, code, strings),
    })),
    cancelled: entry.cancelled,
  }
}

/** What the card shows of the file: from its pick on, while the entry holds it. */
export function filePreview(entry: UploadEntry<unknown>): FilePreview | null {
  const { file, fileName } = entry
  if (!file || fileName === null || entry.state === 'idle') return null
  const isPdf = entry.kind === 'pdf' || (entry.kind === null && /\.pdf$/i.test(fileName))
  return {
    kind: isPdf ? 'pdf' : 'image',
    file,
    name: displayFileName(fileName),
    size: entry.originalSize ?? file.size,
    pages: entry.pages,
  }
}

/** One document's whole view: its item, its upload, its formats and its actions. */
export function documentSlot(
  item: SlotItem,
  entry: UploadEntry<FailureSource>,
  context: SlotContext,
  actions: SlotActions,
): DocumentSlot {
  const { strings, localeTag } = context
  const { status, type } = item
  const formats = formatsFor(type)
  const refusal = entry.refusal
  const validationError: ValidationError | null = refusal
    ? { code: refusal.code, message: refusalMessage(refusal, strings, localeTag) }
    : null
  return {
    type,
    label: labelFor(item, strings),
    description: item.description ?? null,
    status,
    message: item.message ?? null,
    uploadedAt: item.uploadedAt ?? null,
    upload: uploadView(entry, context, item.sentFileName, type),
    validationError,
    canUpload:
      (status === 'pending' || status === 'rejected') &&
      !isUploadInFlight(entry.state) &&
      entry.state !== 'confirm',
    accept: formats.accept,
    photoOnly: formats.photoOnly,
    capture: formats.capture,
    live:
      context.live?.enabled === false
        ? null
        : {
            outline: formats.outline,
            // Never by itself for a face: the person decides when their selfie is taken.
            autoCapture: (context.live?.autoCapture ?? true) && formats.outline !== 'face',
          },
    preview: filePreview(entry),
    ...actions,
  }
}
