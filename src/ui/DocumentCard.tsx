import {
  forwardRef,
  lazy,
  Suspense,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type ReactNode,
} from 'react'
import { formatBytes, formatDateTime, interpolate } from '../locales/format.ts'
import type { KycStrings } from '../locales/types.ts'
import type { DocumentSlot } from '../react/types.ts'
import { useDocumentDropzone } from '../react/useDocumentDropzone.ts'
import { useTouchScreen } from '../react/useTouchScreen.ts'
import { classNames } from './classNames.ts'
import { FilePreview } from './FilePreview.tsx'
import { useKycUploaderContext } from './KycUploaderProvider.tsx'
import { ReviewMessage } from './ReviewMessage.tsx'
import { StatusBadge } from './StatusBadge.tsx'
import { UploadStatus } from './UploadStatus.tsx'

/**
 * `slot`, plus any attribute of the root `<li>` (`className` is added to ours); `slot` is the
 * document, not the HTML attribute.
 */
export interface DocumentCardProps extends Omit<
  ComponentPropsWithoutRef<'li'>,
  'children' | 'slot'
> {
  slot: DocumentSlot
}

function dropzoneText(slot: DocumentSlot, strings: KycStrings, isDragActive: boolean): ReactNode {
  if (isDragActive) return strings['dropzone.active']
  // The upload line below says what is happening to the file; the dropzone says nothing more.
  if (!slot.canUpload) return ''
  return strings[slot.status === 'rejected' ? 'dropzone.sendAgain' : 'dropzone.prompt']
}

// The in-page viewfinder: a chunk of its own, loaded when "take a photo" is first pressed.
const Viewfinder = lazy(() => import('./Viewfinder.tsx'))

/** Whether this browser can show the camera in the page (a secure context with getUserMedia). */
function hasLiveCamera(): boolean {
  return (
    typeof window !== 'undefined' &&
    window.isSecureContext &&
    typeof navigator.mediaDevices?.getUserMedia === 'function'
  )
}

/** One required document: label, status, reviewer message, its dropzone and its upload. */
export const DocumentCard = forwardRef<HTMLLIElement, DocumentCardProps>(function DocumentCard(
  { slot, className, ...rest },
  ref,
) {
  const { strings, localeTag, maxFileSize } = useKycUploaderContext()
  const id = useId()
  const labelId = `${id}-label`
  const textId = `${id}-text`
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const touch = useTouchScreen()
  const cameraInput = useRef<HTMLInputElement>(null)
  // Where the latest file came from: "choose another" opens the same way (a selfie retaken with
  // the camera, not the gallery).
  const fromCamera = useRef(false)
  const [viewfinder, setViewfinder] = useState(false)
  // Once the camera failed in the page, "take a photo" opens the camera app, and the card says why.
  const [cameraFailed, setCameraFailed] = useState(false)
  const live = touch && slot.live !== null && !cameraFailed && hasLiveCamera()
  const takePhoto = () => (live ? setViewfinder(true) : cameraInput.current?.click())
  const { getRootProps, getInputProps, isDragActive, open, rootRef } = useDocumentDropzone(slot)
  const max = formatBytes(maxFileSize, localeTag)
  const hint = slot.canUpload
    ? interpolate(strings[slot.photoOnly ? 'dropzone.hintPhoto' : 'dropzone.hint'], { max })
    : slot.uploadedAt && (slot.status === 'submitted' || slot.status === 'approved')
      ? interpolate(strings['review.uploadedAt'], {
          date: formatDateTime(slot.uploadedAt, localeTag),
        })
      : ''
  const describedBy = [hint ? hintId : '', slot.validationError ? errorId : '']
    .filter(Boolean)
    .join(' ')
  // The button that goes away on a cancel must not take keyboard focus with it: focus moves to
  // the dropzone once it shows again.
  // "Choose another" opens the chooser once the dropped photo has freed the input.
  const after = useRef<'focus' | 'choose' | null>(null)
  // A control that goes away under keyboard focus (the dropzone hides while its upload runs or
  // once a review arrives, a button is replaced) must not drop focus to the page: the card,
  // which a screen reader reads whole, takes it, and Tab goes on from there.
  const card = useRef<HTMLLIElement>(null)
  useImperativeHandle(ref, () => card.current as HTMLLIElement)
  const focused = useRef<HTMLElement | null>(null)
  const keepFocus = () => {
    const last = focused.current
    const active = document.activeElement
    if (!last || !card.current) return
    const gone = !last.isConnected || last.checkVisibility?.() === false
    if (gone && (active === last || active === null || active === document.body)) {
      card.current.focus()
    } else if (active !== last) {
      focused.current = null
    }
  }
  useEffect(keepFocus)
  const cancel = () => {
    after.current = 'focus'
    slot.cancel()
  }
  const chooseAnother = () => {
    after.current = 'choose'
    slot.cancel()
  }
  useEffect(() => {
    if (!after.current || !slot.canUpload) return
    const next = after.current
    after.current = null
    rootRef.current?.focus()
    if (next === 'choose') {
      if (fromCamera.current) takePhoto()
      else open()
    }
  })

  return (
    <li
      tabIndex={-1}
      {...rest}
      ref={card}
      onFocus={(event) => {
        focused.current = event.target
        rest.onFocus?.(event)
      }}
      onBlur={(event) => {
        // A control hidden by a style change loses focus on the browser's next rendering step.
        if (!event.relatedTarget) queueMicrotask(keepFocus)
        rest.onBlur?.(event)
      }}
      className={classNames('kyc-card', className)}
      data-kyc-type={slot.type}
      data-status={slot.status}
      data-state={slot.upload.state}
    >
      <div className="kyc-card__header">
        <span className="kyc-card__label" id={labelId}>
          {slot.label}
        </span>
        <StatusBadge status={slot.status} />
      </div>
      <ReviewMessage status={slot.status} message={slot.message} />
      <div className="kyc-field">
        {/* On a touch screen the two buttons below are the actions: no box beside them. */}
        {!touch && (
          <div
            {...getRootProps({
              className: 'kyc-dropzone',
              'data-drag-active': isDragActive || undefined,
              'aria-labelledby': `${labelId} ${textId}`,
              'aria-describedby': describedBy || undefined,
              onDrop: () => void (fromCamera.current = false),
            })}
          >
            <span className="kyc-dropzone__text" id={textId}>
              {dropzoneText(slot, strings, isDragActive)}
            </span>
          </div>
        )}
        {/* Beside the dropzone, not in it: text inside a role="button" must be part of its name
            (axe label-content-name-mismatch); the hint is its description instead. */}
        {hint && (
          <p className="kyc-dropzone__hint" id={hintId}>
            {hint}
          </p>
        )}
        {/* Beside the dropzone, not in it: an input inside a role="button" is nested-interactive. */}
        <input
          {...getInputProps({
            className: 'kyc-file-input',
            onChange: () => void (fromCamera.current = false),
          })}
        />
        {touch && slot.canUpload && (
          <div className="kyc-actions">
            <button
              type="button"
              className="kyc-button kyc-button--primary"
              data-action="take-photo"
              onClick={takePhoto}
            >
              {strings[slot.capture === 'user' ? 'action.takeSelfie' : 'action.takePhoto']}
            </button>
            <button type="button" className="kyc-button" data-action="choose-file" onClick={open}>
              {strings['action.chooseFile']}
            </button>
            <input
              ref={cameraInput}
              type="file"
              className="kyc-file-input"
              accept="image/jpeg,image/png"
              capture={slot.capture}
              tabIndex={-1}
              aria-label={`${slot.label}: ${strings[slot.capture === 'user' ? 'action.takeSelfie' : 'action.takePhoto']}`}
              onChange={(event) => {
                const files = Array.from(event.currentTarget.files ?? [])
                event.currentTarget.value = ''
                fromCamera.current = true
                if (files.length > 0) slot.selectFiles(files)
              }}
            />
          </div>
        )}
      </div>
      {cameraFailed && (
        <p className="kyc-card__note" data-camera="failed">
          {strings['viewfinder.failed']}
        </p>
      )}
      {viewfinder && slot.live && (
        <Suspense fallback={null}>
          <Viewfinder
            label={slot.label}
            outline={slot.live.outline}
            autoCapture={slot.live.autoCapture}
            strings={strings}
            onCapture={(file) => {
              setViewfinder(false)
              fromCamera.current = true
              slot.selectFiles([file])
            }}
            onCameraApp={(failed) => {
              setViewfinder(false)
              if (failed) setCameraFailed(true)
              cameraInput.current?.click()
            }}
            onChooseFile={() => {
              setViewfinder(false)
              open()
            }}
            onClose={() => setViewfinder(false)}
          />
        </Suspense>
      )}
      {slot.validationError && (
        <p className="kyc-card__error" id={errorId}>
          {slot.validationError.message}
        </p>
      )}
      {slot.preview && <FilePreview preview={slot.preview} />}
      <UploadStatus
        slot={slot}
        onCancel={cancel}
        onChooseAnother={chooseAnother}
        retakeWithCamera={fromCamera.current}
      />
    </li>
  )
})
