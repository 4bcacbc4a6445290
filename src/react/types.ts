import type { QueryClient } from '@tanstack/react-query'
import type { KycApiError } from '../api/errors.ts'
import type { TokenSupplier } from '../api/client.ts'
import type { KycDocument, KycItem } from '../api/types.ts'
import type { PhotoOptions } from '../capture/prepare-photo.ts'
import type { HandoffState } from '../core/handoff-machine.ts'
import type { KycEvent } from '../core/widget-events.ts'
import type { DocumentStatus } from '../core/status.ts'
import type { QualityWarning, UploadState } from '../core/upload-machine.ts'
import type { ValidationCode } from '../core/validate.ts'
import type { KycLocale, KycStringOverrides, KycStrings } from '../locales/types.ts'

/** Options of `useKycUploader`, and the props of `<KycUploader>` (which adds `className`). */
export interface KycUploaderOptions {
  /** The customer whose documents are shown (`cust_…`). Required; `''` while the host does not know it yet (the widget shows its loading state and reads nothing). */
  customerId: string
  /** Where the API lives: the host's proxy, or a provider-compatible base URL. Default: `/api/kyc`. */
  baseUrl?: string | undefined
  /** Bearer token supplier, called again with `forceRefresh: true` once after a 401. Default: none (a same-origin proxy needs none). */
  getToken?: TokenSupplier | undefined
  /** `fetch` used to read the customer. Default: the global `fetch`. */
  fetch?: typeof fetch | undefined
  /** Cookie policy of reads and uploads. Default: `same-origin`. */
  credentials?: RequestCredentials | undefined
  /** Strings and `Intl` language, e.g. `en` from `kyc-uploader/locales/en`. Default: pt-BR, loaded on demand (import `ptBR` from `kyc-uploader/locales/pt-BR` to ship it with your page instead). */
  locale?: KycLocale | undefined
  /** Overrides of single strings, key by key, including `label.<type>` for types of your own. Default: none. */
  strings?: KycStringOverrides | undefined
  /** Largest file accepted, in bytes. Default: 10 MiB (the provider's limit). */
  maxFileSize?: number | undefined
  /** Fixed polling interval in ms while a document is in review. Default: 2 s backing off to 30 s. */
  pollInterval?: number | undefined
  /** Hide the `data` items instead of listing them as "to be completed elsewhere". Default: `false`. */
  hideDataItems?: boolean | undefined
  /** Photos before sending, in a Web Worker loaded on the first photo: large JPEGs downscaled (long edge 2560 px, quality 0.85, EXIF dropped) and blur, exposure and size checked; `false` sends every photo as picked. Default: `{}` (all on). */
  photos?: PhotoOptions | false | undefined
  /** Remember, for the tab's life (`sessionStorage`), the name of each file sent, so its card still names it after a reload (the provider keeps no file name). Default: `true`. */
  rememberFileNames?: boolean | undefined
  /** Query client to use. Default: the one of the surrounding `QueryClientProvider`, else one of the widget's own. */
  queryClient?: QueryClient | undefined
  /** Called after each successful upload (201) with the document the API returned. */
  onUploaded?: ((document: KycDocument) => void) | undefined
  /** Called when a document's status changes after the first load (upload, or a review seen by polling). */
  onStatusChange?: ((type: string, status: DocumentStatus) => void) | undefined
  /** Called once per widget when every required document is approved (also when they already are on load). */
  onComplete?: (() => void) | undefined
  /** Called with every API failure the user sees: a final upload failure, or a failed load. */
  onError?: ((error: KycApiError) => void) | undefined
  /** Called when a call still answers 401 after the token supplier was asked for a fresh token. */
  onUnauthorized?: (() => void) | undefined
  /** Starts the hosted biometrics session. Without it, biometrics shows a note instead of a button. */
  onBiometrics?: ((item: KycItem) => void) | undefined
  /**
   * Every step the user takes and meets, in order, as one typed stream for your analytics
   * (`KycEvent`: documents shown, file picked or refused, photo checked, upload started, retried,
   * succeeded or failed with durations and sizes, cancelled, review seen, hand-off). The widget
   * sends none of it anywhere. Default: none.
   */
  onEvent?: ((event: KycEvent) => void) | undefined
  /**
   * Continue on the phone (the proxy's `handoff` option): `'offer'` shows a "continue on the phone"
   * button with a QR code of a single-use link (hidden again, with a note, when the proxy answers
   * 404); `'phone'` is the widget on the phone's page after the hand-off, which says when nothing
   * is left to send. Default: none of it.
   */
  handoff?: 'offer' | 'phone' | undefined
}

export type { HandoffState }

/** The desktop's "continue on the phone" panel, as plain data plus actions. */
export interface HandoffView {
  state: HandoffState
  /** The link the phone opens (the QR code's content), while `waiting`. */
  url: string | null
  /** The digits the phone types to confirm the link (shown beside the QR code), or `null`. */
  code: string | null
  /** Whole seconds before the link expires. */
  secondsLeft: number
  /** Why the link could not be made (`failed`). */
  error: KycMessage | null
  /** Asks for a (new) link. */
  start: () => void
  /** Closes the panel: back to the button (a link still waiting is ended). */
  close: () => void
  /** Ends the phone's session (once the link was opened), then closes the panel. */
  end: () => void
}

export type { QualityWarning, UploadState }

/** A failure shown to the user: a closed `code` and its translated, plain-text `message`. */
export interface KycMessage {
  code: string
  message: string
}

/** A refused file: a `ValidationCode` and its message. */
export interface ValidationError extends KycMessage {
  code: ValidationCode
}

export interface UploadView {
  state: UploadState
  /** Bytes sent so far; `null` before the first progress event. */
  progress: { loaded: number; total: number } | null
  /** The name of the file being (or last) sent, for display: bidi control characters show as their
   * code (`[U+202E]`), so a name cannot disguise its extension. The upload uses the real name.
   * While `idle`, the file this tab sent for the document's latest upload, if it remembers one
   * (after a reload: "Enviado: rg.pdf"). */
  fileName: string | null
  /** Why the latest attempt failed (also set while `retrying`). */
  error: KycMessage | null
  /** After a final failure: whether `retry()` may help (a transient failure). */
  retryable: boolean
  /** What the photo checks found (`confirm` waits for the user while there is any). */
  warnings: QualityWarningView[]
  /** The latest upload was cancelled by the user (until the next file is chosen). */
  cancelled: boolean
}

/** One quality warning of a photo, translated. */
export interface QualityWarningView {
  code: QualityWarning
  message: string
}

/** What the card shows of the chosen file: a photo's thumbnail, a PDF's name, size and pages. */
export interface FilePreview {
  kind: 'image' | 'pdf'
  /** The file itself (a photo is shown from a `blob:` URL of it). */
  file: Blob
  /** For display, like `UploadView.fileName`. */
  name: string
  /** Bytes of the file as picked. */
  size: number
  /** A PDF's page count when its first or last bytes tell it. */
  pages: number | null
}

/**
 * One uploadable document, as plain data plus actions. Every function may be a no-op, so a
 * showcase can render any state from a literal object.
 */
export interface DocumentSlot {
  /** The `kyc[].type` key. */
  type: string
  /** The strings' label for the type, else the provider's description, else the type. */
  label: string
  /** The provider's own description, if any. */
  description: string | null
  status: DocumentStatus
  /** The reviewer's message (rejected documents). Plain text. */
  message: string | null
  /** ISO timestamp of the latest upload. */
  uploadedAt: string | null
  upload: UploadView
  /** Why the latest chosen file was refused before sending. */
  validationError: ValidationError | null
  /** Whether a file may be chosen now: pending or rejected, and no upload in flight. */
  canUpload: boolean
  /** `accept` attribute for the file inputs: MIME types and extensions. */
  accept: string
  /** The document takes photos only (JPEG, PNG): the selfie. */
  photoOnly: boolean
  /** `capture` attribute of the take-a-photo input: `user` (front camera) for the selfie, else `environment`. */
  capture: 'user' | 'environment'
  /**
   * The in-page viewfinder (`photos.live`, `photos.autoCapture`): its outline from the core's
   * table of types, or `null` when "take a photo" opens the camera app.
   */
  live: { outline: 'card' | 'page' | 'face'; autoCapture: boolean } | null
  /** The chosen file, from its pick until the page is left; `null` when there is none. */
  preview: FilePreview | null
  /**
   * Validates the chosen files and uploads the one file. Several files are refused
   * (`too_many_files`), and so is a drop that `containsFolder` (`file_type_unsupported`).
   */
  selectFiles: (files: readonly File[], options?: { containsFolder?: boolean }) => void
  /** Cancels the upload in flight (or queued, or waiting to retry); drops a photo waiting in `confirm`. */
  cancel: () => void
  /** Sends a photo that waits in `confirm` despite its warnings ("send anyway"). */
  confirm: () => void
  /** Sends the same file again after a final failure, with the same `Idempotency-Key`. */
  retry: () => void
}

/** A `data` item: fixed elsewhere (e.g. in the host's profile form), never by upload. */
export interface DataItemView {
  type: string
  label: string
  status: DocumentStatus
  message: string | null
}

/** The biometrics item: run by the provider in a hosted session. */
export interface BiometricsView {
  type: string
  label: string
  status: DocumentStatus
  message: string | null
  /** Calls `onBiometrics`; `null` when the host gave none. */
  start: (() => void) | null
}

export type UploaderState = 'loading' | 'ready' | 'empty' | 'not-found' | 'error'

/** What `useKycUploader` returns and `<KycUploaderView>` renders. Plain data plus actions. */
export interface KycUploaderViewModel {
  state: UploaderState
  /** Why loading failed (`state` is `error` or `not-found`). */
  error: KycMessage | null
  /** The `kind: "document"` items except biometrics, in the API's order. */
  documents: DocumentSlot[]
  /** The `data` items (empty with `hideDataItems`). */
  dataItems: DataItemView[]
  biometrics: BiometricsView | null
  /** Every required document (biometrics included) is approved. */
  complete: boolean
  /** Text for the one polite live region: the latest status change or failure. */
  announcement: string
  /** Loads the customer again (after a load error). */
  retryLoad: () => void
  /** The strings in use (locale plus overrides). */
  strings: KycStrings
  /** BCP 47 tag for `Intl` formatting. */
  localeTag: string
  /** The size limit, in bytes, for the hint under each dropzone. */
  maxFileSize: number
  /** "Continue on the phone" (with `handoff: 'offer'`); absent or `null` otherwise. */
  handoff?: HandoffView | null | undefined
  /** On the phone (`handoff: 'phone'`): every document is sent, so the user may go back to the computer. */
  phoneDone?: boolean | undefined
}
