import { DEFAULT_MAX_FILE_SIZE } from '../core/limits.ts'
import { IDLE_ENTRY, type QualityWarning, type UploadEntry } from '../core/upload-machine.ts'
import { documentSlot, type FailureSource } from '../react/documentSlot.ts'
import { previewPhoto } from './preview-photo.ts'
import {
  interpolate,
  labelFor,
  messageFor,
  type BiometricsView,
  type DataItemView,
  type DocumentSlot,
  type DocumentStatus,
  type HandoffState,
  type HandoffView,
  type KycLocale,
  type KycUploaderViewModel,
  type UploadState,
  type UploaderState,
  type ValidationCode,
} from '../index.ts'
import { en } from '../locales/en.ts'
import { ptBR } from '../locales/pt-BR.ts'

/*
 * Plain-data descriptions of widget states, and builders that turn them into the view model
 * `<KycUploaderView>` renders. Stories pass these descriptions as CSF `args`; nothing here runs a
 * timer or a request, so a story looks the same every time.
 */

export const LOCALES = { 'pt-BR': ptBR, en } satisfies Record<string, KycLocale>
export type LocaleName = keyof typeof LOCALES

/** A fixed moment, so every "sent on" date reads the same in every run. */
export const FIXED_UPLOADED_AT = '2026-03-02T14:30:00.000Z'

/** Markup a reviewer, a provider or a server might send: it must show as these very characters. */
export const HOSTILE_HTML =
  '<img src=x onerror="alert(\'xss\')"><script>alert("xss")</script><b>negrito</b> &amp; <a href="javascript:alert(1)">clique</a>'

/** A right-to-left override: `fatura\u202Egpj.exe` reads as "fatura" + "exe.jpg". */
export const RTL_OVERRIDE_NAME = 'fatura\u202Egpj.exe'
export const EMOJI_NAME = '📄 RG frente 🇧🇷 ✅ (1).png'
export const LONG_NAME = `${'comprovante_de_residencia_atualizado_'.repeat(9).slice(0, 296)}.pdf`

export interface UploadFixture {
  state: UploadState
  /** File being (or last) sent. Default: `documento.pdf`. */
  fileName?: string
  /** Percent sent, for `uploading` and `retrying`. Default: no progress event yet. */
  percent?: number
  /** Size of the file in bytes, for the "x of y" text. Default: 2 MiB. */
  totalBytes?: number
  /** Why the latest attempt failed (`failed`, `retrying`): an API or client error code. */
  errorCode?: string
  /** The server's `detail`, shown when the code has no message of its own. */
  errorDetail?: string
  /** After a final failure, whether a retry button shows. Default: `true`. */
  retryable?: boolean
  /** A photo's quality warnings (`confirm`). */
  warnings?: QualityWarning[]
  /** The card shows the chosen file: a photo (`.jpg`, `.png`) or a PDF by `fileName`. Default: `true` once a file is chosen. */
  preview?: boolean
  /** A PDF's page count in its preview. Default: unknown. */
  pages?: number
}

export interface SlotFixture {
  type: string
  /** The provider's description; the label when the strings have none for `type`. */
  description?: string | null
  /** Default: `pending`. */
  status?: DocumentStatus
  /** The reviewer's message (plain text, shown as text however hostile). */
  message?: string | null
  /** Default: `FIXED_UPLOADED_AT` unless pending. */
  uploadedAt?: string | null
  upload?: UploadFixture
  /** A file refused before sending. */
  validation?: { code: ValidationCode; fileName?: string }
  /** The latest upload was cancelled ("Envio cancelado"). */
  cancelled?: boolean
  /** The file this tab sent for the latest upload, remembered across a reload (no `upload` then). */
  sentFileName?: string
}

export interface ItemFixture {
  type: string
  description?: string | null
  status?: DocumentStatus
  message?: string | null
}

export interface BiometricsFixture extends Partial<ItemFixture> {
  /** The host gave `onBiometrics`, so a start button shows. Default: `true`. */
  startable?: boolean
}

/** A whole widget state, as plain data. */
export interface ViewFixture {
  /** Default: `ready` when anything is required, else `empty`. */
  state?: UploaderState
  /** For `error` and `not-found`: the code of the failure (`network_error`, `customer_not_found`…). */
  errorCode?: string
  documents?: SlotFixture[]
  dataItems?: ItemFixture[]
  biometrics?: BiometricsFixture | null
  /** Text of the live region. Default: the validation error or failed upload, if any, else none. */
  announcement?: string
  /** Default: 10 MiB. */
  maxFileSize?: number
  /** "Continue on the phone" on the desktop; default: not offered. */
  handoff?: { state: HandoffState; secondsLeft?: number } | null
  /** On the phone after a hand-off, every document sent. */
  phoneDone?: boolean
}

/** The link of the hand-off stories: the shape the proxy issues, with a token nobody holds. */
export const EXAMPLE_HANDOFF_URL =
  'https://app.example.com/api/kyc/handoff/Zx3kQ9mN2pL7vB4tR8wY1cF6hJ0sD5gA-_eUiOoPqXw'

function buildHandoff(
  fixture: NonNullable<ViewFixture['handoff']>,
  locale: KycLocale,
): HandoffView {
  return {
    state: fixture.state,
    url: fixture.state === 'waiting' ? EXAMPLE_HANDOFF_URL : null,
    code: fixture.state === 'waiting' ? '4821' : null,
    secondsLeft: fixture.secondsLeft ?? 0,
    error:
      fixture.state === 'failed'
        ? {
            code: 'network_error',
            message: messageFor({ code: 'network_error' }, locale.strings, locale.tag),
          }
        : null,
    start: noop,
    close: noop,
    end: noop,
  }
}

const noop = () => {}

function uploadedAtOf(fixture: { status?: DocumentStatus; uploadedAt?: string | null }) {
  if (fixture.uploadedAt !== undefined) return fixture.uploadedAt
  return (fixture.status ?? 'pending') === 'pending' ? null : FIXED_UPLOADED_AT
}

/** The upload machine's entry for a described upload: the same data the real hook reads. */
function entryOf(fixture: SlotFixture, maxFileSize: number): UploadEntry<FailureSource> {
  const upload = fixture.upload
  const validation = fixture.validation
  const refusal = validation
    ? {
        code: validation.code,
        params: { name: validation.fileName ?? 'arquivo.pdf', max: maxFileSize },
      }
    : null
  if (!upload) return { ...IDLE_ENTRY, refusal, cancelled: fixture.cancelled ?? false }
  const total = upload.totalBytes ?? 2 * 1024 * 1024
  const fileName = upload.fileName ?? 'documento.pdf'
  const isPdf = /\.pdf$/i.test(fileName)
  const hasFile = (upload.preview ?? true) && upload.state !== 'idle'
  return {
    ...IDLE_ENTRY,
    state: upload.state,
    attempt: 1,
    fileName,
    file: hasFile ? (isPdf ? new Blob([], { type: 'application/pdf' }) : previewPhoto()) : null,
    originalSize: total,
    kind: isPdf ? 'pdf' : 'jpeg',
    pages: upload.pages ?? null,
    progress:
      upload.percent === undefined
        ? null
        : { loaded: Math.round((total * upload.percent) / 100), total },
    error: upload.errorCode
      ? {
          code: upload.errorCode,
          detail: upload.errorDetail,
          // A 503 is transient (a retry button), a 422 is not.
          status: upload.retryable === false ? 422 : 503,
        }
      : null,
    refusal,
    warnings: upload.warnings ?? [],
    cancelled: fixture.cancelled ?? false,
  }
}

/** One document slot in the given state, built as the hook builds it; every action is a no-op. */
export function buildSlot(
  fixture: SlotFixture,
  locale: KycLocale,
  maxFileSize = DEFAULT_MAX_FILE_SIZE,
): DocumentSlot {
  const item = {
    type: fixture.type,
    description: fixture.description,
    status: fixture.status ?? 'pending',
    message: fixture.message,
    uploadedAt: uploadedAtOf(fixture),
    sentFileName: fixture.sentFileName,
  }
  const context = { strings: locale.strings, localeTag: locale.tag, maxFileSize }
  const actions = { selectFiles: noop, cancel: noop, retry: noop, confirm: noop }
  return documentSlot(item, entryOf(fixture, maxFileSize), context, actions)
}

function buildItem(fixture: ItemFixture, locale: KycLocale): DataItemView {
  return {
    type: fixture.type,
    label: labelFor(fixture, locale.strings),
    status: fixture.status ?? 'pending',
    message: fixture.message ?? null,
  }
}

function buildBiometrics(fixture: BiometricsFixture, locale: KycLocale): BiometricsView {
  return {
    ...buildItem({ type: 'biometrics', ...fixture }, locale),
    start: fixture.startable === false ? null : noop,
  }
}

function defaultAnnouncement(slots: DocumentSlot[], locale: KycLocale): string {
  for (const slot of slots) {
    const failure = slot.validationError ?? slot.upload.error
    if (failure) {
      return interpolate(locale.strings['announce.error'], {
        label: slot.label,
        message: failure.message,
      })
    }
  }
  return ''
}

/** The view model of a whole widget in the described state; every action is a no-op. */
export function buildViewModel(
  fixture: ViewFixture,
  localeName: LocaleName = 'pt-BR',
): KycUploaderViewModel {
  const locale = LOCALES[localeName]
  const maxFileSize = fixture.maxFileSize ?? DEFAULT_MAX_FILE_SIZE
  const documents = (fixture.documents ?? []).map((slot) => buildSlot(slot, locale, maxFileSize))
  const dataItems = (fixture.dataItems ?? []).map((item) => buildItem(item, locale))
  const biometrics = fixture.biometrics ? buildBiometrics(fixture.biometrics, locale) : null
  const required = [...documents, ...(biometrics ? [biometrics] : [])]
  const state = fixture.state ?? (required.length > 0 || dataItems.length > 0 ? 'ready' : 'empty')
  const errorCode =
    fixture.errorCode ?? (state === 'not-found' ? 'customer_not_found' : 'network_error')
  return {
    state,
    error:
      state === 'error' || state === 'not-found'
        ? { code: errorCode, message: messageFor({ code: errorCode }, locale.strings, locale.tag) }
        : null,
    documents: state === 'ready' ? documents : [],
    dataItems: state === 'ready' ? dataItems : [],
    biometrics: state === 'ready' ? biometrics : null,
    complete:
      state === 'ready' &&
      required.length > 0 &&
      required.every((item) => item.status === 'approved'),
    announcement: fixture.announcement ?? defaultAnnouncement(documents, locale),
    retryLoad: noop,
    strings: locale.strings,
    localeTag: locale.tag,
    maxFileSize,
    handoff: fixture.handoff ? buildHandoff(fixture.handoff, locale) : null,
    phoneDone: fixture.phoneDone ?? false,
  }
}
