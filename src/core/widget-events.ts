import type { DocumentStatus } from './status.ts'
import type { UploadEvent } from './upload-controller.ts'
import type { QualityWarning } from './upload-machine.ts'
import type { ValidationCode } from './validate.ts'

/**
 * What happens in one widget, in order, for the host's own analytics (`onEvent`): the widget
 * never sends any of it anywhere. `document` is the `kyc[].type`; `at` is `Date.now()` when it
 * happened; sizes are bytes, durations milliseconds. No file name or content is ever in it.
 */
export type KycEvent = { at: number } & (
  | {
      /** The customer's documents are on screen (once per widget and customer). */
      name: 'documents_shown'
      documents: { type: string; status: DocumentStatus }[]
    }
  | {
      /** The user picked or dropped files on a document (`files` of them; the first one's size and type). */
      name: 'file_picked'
      document: string
      files: number
      size: number
      contentType: string
    }
  | {
      /** The browser refused the file: not sent. */
      name: 'file_refused'
      document: string
      code: ValidationCode
    }
  | {
      /** A photo went through the photo step: what its checks found, and what it weighs now. */
      name: 'photo_checked'
      document: string
      warnings: QualityWarning[]
      originalSize: number
      size: number
      durationMs: number
    }
  | {
      /** The user sent a photo despite its warnings. */
      name: 'photo_sent_anyway'
      document: string
      warnings: QualityWarning[]
    }
  | {
      /** An upload left (after the checks), `size` bytes. */
      name: 'upload_started'
      document: string
      size: number
    }
  | {
      /** A try failed with a transient `code`; the widget tries again after `delayMs`. */
      name: 'upload_retried'
      document: string
      code: string
      try: number
      delayMs: number
    }
  | {
      /** The provider stored the file (201); `durationMs` from the upload's start, every try included. */
      name: 'upload_succeeded'
      document: string
      size: number
      tries: number
      durationMs: number
    }
  | {
      /** The upload failed for good with `code` (HTTP `status`, or 0 without an answer). */
      name: 'upload_failed'
      document: string
      code: string
      status: number
      retryable: boolean
      tries: number
      durationMs: number
    }
  | {
      /** The user cancelled the upload. */
      name: 'upload_cancelled'
      document: string
      durationMs: number
    }
  | {
      /** The widget saw a review's outcome (by push or by a read) after the documents were shown. */
      name: 'review_seen'
      document: string
      status: 'approved' | 'rejected'
    }
  | {
      /** "Continue on the phone": a link is shown (`offered`), the phone opened it (`opened`), the phone has nothing left to send (`done`, on the phone). */
      name: 'handoff_offered' | 'handoff_opened' | 'handoff_done'
    }
)

/** A `KycEvent` without its `at`, as the tracker's callers give it. */
export type KycEventInput = KycEvent extends infer E
  ? E extends KycEvent
    ? Omit<E, 'at'>
    : never
  : never

/** What an upload failure carries that the events report. */
interface FailureFacts {
  code: string
  status: number
}

/**
 * Turns the upload controller's events into `KycEvent`s, timing each upload from its first try,
 * and stamps every event with `at`. One per widget; `emit` gets the events in order.
 */
export function createEventTracker(emit: (event: KycEvent) => void, now: () => number = Date.now) {
  const uploads = new Map<string, { startedAt: number; tries: number; size: number }>()
  const send = (event: KycEventInput) => emit({ ...event, at: now() } as KycEvent)
  const finish = (type: string) => {
    const upload = uploads.get(type)
    uploads.delete(type)
    return { tries: upload?.tries ?? 1, durationMs: upload ? now() - upload.startedAt : 0 }
  }
  const sizeOf = (type: string) => uploads.get(type)?.size ?? 0
  return {
    send,
    /** One event of the upload controller. `retryable` tells a transient final failure. */
    upload<TError extends FailureFacts>(
      event: UploadEvent<unknown, TError>,
      retryable: (error: TError) => boolean,
    ): void {
      const document = event.type
      switch (event.kind) {
        case 'refused':
          return send({ name: 'file_refused', document, code: event.refusal.code })
        case 'checked': {
          const { originalSize, size, durationMs } = event
          const warnings = [...event.warnings]
          return send({ name: 'photo_checked', document, warnings, originalSize, size, durationMs })
        }
        case 'sending': {
          const upload = uploads.get(document)
          if (upload) {
            upload.tries = event.try
            return
          }
          uploads.set(document, { startedAt: now(), tries: 1, size: event.size })
          return send({ name: 'upload_started', document, size: event.size })
        }
        case 'retrying': {
          const { error, delayMs } = event
          return send({
            name: 'upload_retried',
            document,
            code: error.code,
            try: event.try,
            delayMs,
          })
        }
        case 'uploaded': {
          const size = sizeOf(document)
          return send({ name: 'upload_succeeded', document, size, ...finish(document) })
        }
        case 'failed': {
          const { code, status } = event.error
          const facts = { code, status, retryable: retryable(event.error) }
          return send({ name: 'upload_failed', document, ...facts, ...finish(document) })
        }
        case 'cancelled':
          return send({
            name: 'upload_cancelled',
            document,
            durationMs: finish(document).durationMs,
          })
      }
    },
  }
}
