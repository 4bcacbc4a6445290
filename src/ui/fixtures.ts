/**
 * Plain view data for rendering any state of the widget without a server: stories, docs,
 * screenshots and view tests. Every action is a no-op unless you pass your own.
 */
import { formatsFor } from '../core/formats.ts'
import { DEFAULT_MAX_FILE_SIZE } from '../core/limits.ts'
import { labelFor } from '../locales/messages.ts'
import { ptBR } from '../locales/pt-BR.ts'
import type { KycLocale } from '../locales/types.ts'
import type { DocumentSlot, KycUploaderViewModel, UploadView } from '../react/types.ts'

const noop = () => {}

const IDLE_UPLOAD: UploadView = {
  state: 'idle',
  progress: null,
  fileName: null,
  error: null,
  retryable: false,
  warnings: [],
  cancelled: false,
}

/** A document slot: `type` is enough; the label comes from the locale, the upload is idle. */
export function fixtureSlot(
  slot: Partial<Omit<DocumentSlot, 'upload'>> & { type: string; upload?: Partial<UploadView> },
  locale: KycLocale = ptBR,
): DocumentSlot {
  const status = slot.status ?? 'pending'
  const upload = { ...IDLE_UPLOAD, ...slot.upload }
  const busy = [
    'validating',
    'confirm',
    'queued',
    'uploading',
    'processing',
    'retrying',
    'paused',
  ].includes(upload.state)
  const formats = formatsFor(slot.type)
  return {
    label: labelFor(slot, locale.strings),
    description: null,
    message: null,
    uploadedAt: null,
    validationError: null,
    canUpload: (status === 'pending' || status === 'rejected') && !busy,
    accept: formats.accept,
    photoOnly: formats.photoOnly,
    capture: formats.capture,
    live: { outline: formats.outline, autoCapture: formats.outline !== 'face' },
    preview: null,
    selectFiles: noop,
    cancel: noop,
    retry: noop,
    confirm: noop,
    ...slot,
    status,
    upload,
  }
}

/** A whole view model: `ready` with no documents unless you say otherwise. */
export function fixtureViewModel(
  model: Partial<KycUploaderViewModel> = {},
  locale: KycLocale = ptBR,
): KycUploaderViewModel {
  return {
    state: 'ready',
    error: null,
    documents: [],
    dataItems: [],
    biometrics: null,
    complete: false,
    announcement: '',
    retryLoad: noop,
    strings: locale.strings,
    localeTag: locale.tag,
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    ...model,
  }
}
