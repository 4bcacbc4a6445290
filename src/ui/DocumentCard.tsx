import { useId, type ReactNode } from 'react'
import { displayFileName, formatBytes, formatDateTime, interpolate } from '../locales/format.ts'
import type { KycStrings } from '../locales/types.ts'
import type { DocumentSlot } from '../react/types.ts'
import { useDocumentDropzone } from '../react/useDocumentDropzone.ts'
import { interpolateNodes } from './interpolateNodes.tsx'
import { ReviewMessage } from './ReviewMessage.tsx'
import { StatusBadge } from './StatusBadge.tsx'
import { UploadStatus } from './UploadStatus.tsx'

export interface DocumentCardProps {
  slot: DocumentSlot
  strings: KycStrings
  localeTag: string
  maxFileSize: number
}

function dropzoneText(slot: DocumentSlot, strings: KycStrings, isDragActive: boolean): ReactNode {
  if (isDragActive) return strings['dropzone.active']
  if (!slot.canUpload) {
    // The badge already says the status, the line below says what the upload is doing: here,
    // the file being sent, or the one this page sent.
    const name = slot.upload.fileName && displayFileName(slot.upload.fileName)
    if (!name) return ''
    const isolated = <bdi>{name}</bdi>
    return slot.upload.state === 'done'
      ? interpolateNodes(strings['upload.done'], { name: isolated })
      : isolated
  }
  return slot.status === 'rejected' ? strings['dropzone.sendAgain'] : strings['dropzone.prompt']
}

/** One required document: label, status, reviewer message, its dropzone and its upload. */
export function DocumentCard({ slot, strings, localeTag, maxFileSize }: DocumentCardProps) {
  const id = useId()
  const labelId = `${id}-label`
  const textId = `${id}-text`
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const { getRootProps, getInputProps, isDragActive } = useDocumentDropzone(slot)
  const hint = slot.canUpload
    ? interpolate(strings['dropzone.hint'], { max: formatBytes(maxFileSize, localeTag) })
    : slot.uploadedAt && (slot.status === 'submitted' || slot.status === 'approved')
      ? interpolate(strings['review.uploadedAt'], {
          date: formatDateTime(slot.uploadedAt, localeTag),
        })
      : ''
  const describedBy = [hint ? hintId : '', slot.validationError ? errorId : '']
    .filter(Boolean)
    .join(' ')

  return (
    <li
      className="kyc-card"
      data-kyc-type={slot.type}
      data-status={slot.status}
      data-state={slot.upload.state}
    >
      <div className="kyc-card__header">
        <span className="kyc-card__label" id={labelId}>
          {slot.label}
        </span>
        <StatusBadge status={slot.status} strings={strings} />
      </div>
      <ReviewMessage status={slot.status} message={slot.message} strings={strings} />
      <div className="kyc-field">
        <div
          {...getRootProps({
            className: 'kyc-dropzone',
            'data-drag-active': isDragActive || undefined,
            'aria-labelledby': `${labelId} ${textId}`,
            'aria-describedby': describedBy || undefined,
          })}
        >
          <span className="kyc-dropzone__text" id={textId}>
            {dropzoneText(slot, strings, isDragActive)}
          </span>
        </div>
        {/* Beside the dropzone, not in it: text inside a role="button" must be part of its name
            (axe label-content-name-mismatch); the hint is its description instead. */}
        {hint && (
          <p className="kyc-dropzone__hint" id={hintId}>
            {hint}
          </p>
        )}
        {/* Beside the dropzone, not in it: an input inside a role="button" is nested-interactive. */}
        <input {...getInputProps({ className: 'kyc-file-input' })} />
      </div>
      {slot.validationError && (
        <p className="kyc-card__error" id={errorId}>
          {slot.validationError.message}
        </p>
      )}
      <UploadStatus slot={slot} strings={strings} localeTag={localeTag} />
    </li>
  )
}
