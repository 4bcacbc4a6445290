import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import { displayFileName, formatBytes, interpolate } from '../locales/format.ts'
import type { KycStrings } from '../locales/types.ts'
import type { DocumentSlot } from '../react/types.ts'
import { classNames } from './classNames.ts'
import { interpolateNodes } from './interpolateNodes.tsx'
import { useKycUploaderContext } from './KycUploaderProvider.tsx'

interface UploadStatusOwnProps {
  slot: DocumentSlot
  /** Cancel: instead of `slot.cancel` alone (the card also moves focus back to its dropzone). */
  onCancel?: (() => void) | undefined
  /** "Choose another" of a photo with warnings: drop it and open the chooser. Default: `slot.cancel`. */
  onChooseAnother?: (() => void) | undefined
  /** The photo came from the camera: "choose another" reads "take another photo". */
  retakeWithCamera?: boolean | undefined
}

/** `slot` and the two actions, plus any attribute of the root `<div>` (`className` is added to ours). */
export interface UploadStatusProps
  extends
    UploadStatusOwnProps,
    Omit<ComponentPropsWithoutRef<'div'>, 'children' | keyof UploadStatusOwnProps> {}

const LINE_KEYS = {
  validating: 'upload.validating',
  queued: 'upload.queued',
  uploading: 'upload.uploading',
  processing: 'upload.processing',
  retrying: 'upload.retrying',
  paused: 'upload.paused',
} as const

/** What the root shows for the upload's state; `null` when there is nothing to say. */
function uploadContent(
  { slot, onCancel, onChooseAnother, retakeWithCamera }: UploadStatusOwnProps,
  strings: KycStrings,
  localeTag: string,
): ReactNode {
  const { upload } = slot
  // Already shown safe by the hook; again here for view models built by hand.
  const name = displayFileName(upload.fileName ?? '')
  const isolated = <bdi>{name}</bdi>
  // Once its document is rejected, the file sent is named as what was refused, not as a success.
  const sent = (
    <p className="kyc-upload__line">
      {interpolateNodes(
        strings[slot.status === 'rejected' ? 'upload.doneRejected' : 'upload.done'],
        { name: isolated },
      )}
    </p>
  )
  switch (upload.state) {
    case 'idle':
      if (upload.cancelled) return <p className="kyc-upload__line">{strings['upload.cancelled']}</p>
      // A file this tab sent before the page was reloaded: named as a finished upload.
      return upload.fileName ? sent : null
    case 'done':
      return sent
    case 'failed':
      return (
        <>
          <p className="kyc-upload__error">
            {interpolateNodes(strings['upload.failed'], { name: isolated })} {upload.error?.message}
          </p>
          {upload.retryable && (
            <button type="button" className="kyc-button" onClick={slot.retry}>
              {strings['upload.retry']}
            </button>
          )}
        </>
      )
    case 'confirm':
      return (
        <>
          <p className="kyc-upload__line">{strings['quality.heading']}</p>
          <ul className="kyc-warnings">
            {upload.warnings.map((warning) => (
              <li key={warning.code} data-warning={warning.code}>
                {warning.message}
              </li>
            ))}
          </ul>
          {/* Another photo is what the warnings ask for: first, and the primary action. */}
          <button
            type="button"
            className="kyc-button kyc-button--primary"
            data-action="choose-another"
            onClick={onChooseAnother ?? slot.cancel}
          >
            {
              strings[
                !retakeWithCamera
                  ? 'quality.chooseAnother'
                  : slot.capture === 'user'
                    ? 'quality.takeAnotherSelfie'
                    : 'quality.takeAnother'
              ]
            }
          </button>
          <button
            type="button"
            className="kyc-button"
            data-action="send-anyway"
            onClick={slot.confirm}
          >
            {strings['quality.sendAnyway']}
          </button>
        </>
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
    <>
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
      {/* Once every byte is out, a cancel could not take the file back: none is offered. */}
      {upload.state !== 'processing' && (
        <button type="button" className="kyc-button" onClick={onCancel ?? slot.cancel}>
          {strings['upload.cancel']}
        </button>
      )}
    </>
  )
}

/**
 * The upload under a dropzone: one line for its state, a progress bar, and its actions. Renders
 * nothing while there is no upload to speak of (then the ref is `null`).
 */
export const UploadStatus = forwardRef<HTMLDivElement, UploadStatusProps>(function UploadStatus(
  { slot, onCancel, onChooseAnother, retakeWithCamera, className, ...rest },
  ref,
) {
  const { strings, localeTag } = useKycUploaderContext()
  const content = uploadContent(
    { slot, onCancel, onChooseAnother, retakeWithCamera },
    strings,
    localeTag,
  )
  if (!content) return null
  const { state, cancelled } = slot.upload
  return (
    <div
      {...rest}
      ref={ref}
      className={classNames('kyc-upload', className)}
      data-state={state === 'idle' && cancelled ? 'cancelled' : state}
    >
      {content}
    </div>
  )
})
