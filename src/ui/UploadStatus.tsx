import { displayFileName, formatBytes, interpolate } from '../locales/format.ts'
import type { KycStrings } from '../locales/types.ts'
import type { DocumentSlot } from '../react/types.ts'
import { interpolateNodes } from './interpolateNodes.tsx'

export interface UploadStatusProps {
  slot: DocumentSlot
  strings: KycStrings
  localeTag: string
  /** Cancel: instead of `slot.cancel` alone (the card also moves focus back to its dropzone). */
  onCancel?: () => void
  /** "Choose another" of a photo with warnings: drop it and open the chooser. Default: `slot.cancel`. */
  onChooseAnother?: () => void
}

const LINE_KEYS = {
  validating: 'upload.validating',
  queued: 'upload.queued',
  uploading: 'upload.uploading',
  processing: 'upload.processing',
  retrying: 'upload.retrying',
  paused: 'upload.paused',
} as const

/** The upload under a dropzone: one line for its state, a progress bar, and its actions. */
export function UploadStatus(props: UploadStatusProps) {
  const { slot, strings, localeTag } = props
  const { upload } = slot
  // Already shown safe by the hook; again here for view models built by hand.
  const name = displayFileName(upload.fileName ?? '')
  const isolated = <bdi>{name}</bdi>
  switch (upload.state) {
    case 'idle':
      return upload.cancelled ? (
        <div className="kyc-upload" data-state="cancelled">
          <p className="kyc-upload__line">{strings['upload.cancelled']}</p>
        </div>
      ) : null
    case 'done':
      return (
        <div className="kyc-upload" data-state="done">
          <p className="kyc-upload__line">
            {interpolateNodes(strings['upload.done'], { name: isolated })}
          </p>
        </div>
      )
    case 'failed':
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
    case 'confirm':
      return (
        <div className="kyc-upload" data-state="confirm">
          <p className="kyc-upload__line">{strings['quality.heading']}</p>
          <ul className="kyc-warnings">
            {upload.warnings.map((warning) => (
              <li key={warning.code} data-warning={warning.code}>
                {warning.message}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="kyc-button"
            data-action="send-anyway"
            onClick={slot.confirm}
          >
            {strings['quality.sendAnyway']}
          </button>
          <button
            type="button"
            className="kyc-button"
            data-action="choose-another"
            onClick={props.onChooseAnother ?? slot.cancel}
          >
            {strings['quality.chooseAnother']}
          </button>
        </div>
      )
  }

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
      <button type="button" className="kyc-button" onClick={props.onCancel ?? slot.cancel}>
        {strings['upload.cancel']}
      </button>
    </div>
  )
}
