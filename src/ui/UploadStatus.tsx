import { formatBytes, interpolate } from '../locales/format.ts'
import type { KycStrings } from '../locales/types.ts'
import type { DocumentSlot } from '../react/types.ts'

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
  const name = upload.fileName ?? ''
  if (upload.state === 'failed') {
    return (
      <div className="kyc-upload" data-state="failed">
        <p className="kyc-upload__error">
          {interpolate(strings['upload.failed'], { name })} {upload.error?.message}
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
  return (
    <div className="kyc-upload" data-state={upload.state}>
      <p className="kyc-upload__line">{interpolate(strings[LINE_KEYS[upload.state]], { name })}</p>
      {upload.state === 'uploading' && (
        <progress
          className="kyc-progress"
          // No value until the first progress event: an indeterminate bar, not a false 0 %.
          max={progress?.total || 1}
          value={progress ? progress.loaded : undefined}
          aria-label={interpolate(strings['upload.progressLabel'], { name })}
          aria-valuetext={
            progress
              ? interpolate(strings['upload.progress'], {
                  loaded: formatBytes(progress.loaded, localeTag),
                  total: formatBytes(progress.total, localeTag),
                })
              : undefined
          }
        />
      )}
      {progress && (
        <p className="kyc-upload__bytes" aria-hidden="true">
          {interpolate(strings['upload.progress'], {
            loaded: formatBytes(progress.loaded, localeTag),
            total: formatBytes(progress.total, localeTag),
          })}
        </p>
      )}
      <button type="button" className="kyc-button" onClick={slot.cancel}>
        {strings['upload.cancel']}
      </button>
    </div>
  )
}
