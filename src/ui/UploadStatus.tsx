import { displayFileName, formatBytes, interpolate } from '../locales/format.ts'
import type { KycStrings } from '../locales/types.ts'
import type { DocumentSlot } from '../react/types.ts'
import { interpolateNodes } from './interpolateNodes.tsx'

export interface UploadStatusProps {
  slot: DocumentSlot
  strings: KycStrings
  localeTag: string
}

const LINE_KEYS = {
  validating: 'upload.validating',
  queued: 'upload.queued',
  uploading: 'upload.uploading',
  retrying: 'upload.retrying',
  paused: 'upload.paused',
} as const

/** The upload under a dropzone: what is happening, a progress bar, and cancel or retry. */
export function UploadStatus({ slot, strings, localeTag }: UploadStatusProps) {
  const { upload } = slot
  // Already shown safe by the hook; again here for view models built by hand.
  const name = displayFileName(upload.fileName ?? '')
  const isolated = <bdi>{name}</bdi>
  if (upload.state === 'failed') {
    return (
      <div className="kyc-upload" data-state="failed">
        <p className="kyc-upload__error">
          {interpolateNodes(strings['upload.failed'], { name: isolated })} {upload.error?.message}
        </p>
        {upload.retryable && (
          <button type="button" className="kyc-button" onClick={slot.retry}>
            {strings['upload.retry']}
          </button>
        )}
      </div>
    )
  }
  if (upload.state === 'idle' || upload.state === 'done') return null

  const progress = upload.state === 'uploading' ? upload.progress : null
  const bytes =
    progress &&
    interpolate(strings['upload.progress'], {
      loaded: formatBytes(progress.loaded, localeTag),
      total: formatBytes(progress.total, localeTag),
    })
  return (
    <div className="kyc-upload" data-state={upload.state}>
      <p className="kyc-upload__line">
        {interpolateNodes(strings[LINE_KEYS[upload.state]], { name: isolated })}
      </p>
      {upload.state === 'uploading' && (
        <progress
          className="kyc-progress"
          // No value until the first progress event: an indeterminate bar, not a false 0 %.
          max={progress?.total || 1}
          value={progress ? progress.loaded : undefined}
          aria-label={interpolate(strings['upload.progressLabel'], { name })}
          aria-valuetext={bytes || undefined}
        />
      )}
      {bytes && (
        <p className="kyc-upload__bytes" aria-hidden="true">
          {bytes}
        </p>
      )}
      <button type="button" className="kyc-button" onClick={slot.cancel}>
        {strings['upload.cancel']}
      </button>
    </div>
  )
}
