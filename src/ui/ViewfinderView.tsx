import { useEffect, useRef, useState, type Ref } from 'react'
import type { ViewfinderHint } from '../capture/viewfinder-hints.ts'
import type { ViewfinderSnapshot } from '../capture/viewfinder-machine.ts'
import { interpolate } from '../locales/format.ts'
import type { KycStrings } from '../locales/types.ts'

export interface ViewfinderViewProps extends ViewfinderSnapshot {
  /** The document's name, in the dialog's name. */
  label: string
  outline: 'card' | 'page' | 'face'
  strings: KycStrings
  /** The `<video>` the camera plays into. */
  videoRef: Ref<HTMLVideoElement>
  /** A modal dialog, as the widget opens it; `false` shows it in place (the showcase). */
  modal?: boolean
  onShutter: () => void
  onTorch: (on: boolean) => void
  onCameraApp: () => void
  onChooseFile: () => void
  onClose: () => void
}

/** A spoken hint changes at most this often. */
const SPEAK_EVERY_MS = 2000

/**
 * The viewfinder as it looks: the camera's picture under the document's outline, one hint, the
 * shutter, the torch where there is one, and the ways out (camera app, file, close), with the
 * state as `data-state` and the hint as `data-hint`. No camera here: `useViewfinder` drives it.
 */
export function ViewfinderView({
  label,
  outline,
  strings,
  state,
  hint,
  torch,
  videoRef,
  modal = true,
  onShutter,
  onTorch,
  onCameraApp,
  onChooseFile,
  onClose,
}: ViewfinderViewProps) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [spoken, setSpoken] = useState(hint)

  useEffect(() => {
    if (modal) dialog.current?.showModal?.()
  }, [modal])

  // The live region speaks a new hint at most every two seconds.
  useEffect(() => {
    if (hint === spoken) return
    const timer = setTimeout(() => setSpoken(hint), SPEAK_EVERY_MS)
    return () => clearTimeout(timer)
  }, [hint, spoken])

  const hintText = (value: ViewfinderHint) =>
    value === 'aim' && outline === 'face'
      ? strings['viewfinder.hint.face']
      : strings[`viewfinder.hint.${value}`]
  const shown =
    state === 'starting'
      ? strings['viewfinder.starting']
      : state === 'failed'
        ? strings['viewfinder.failed']
        : hintText(hint)

  return (
    <dialog
      ref={dialog}
      className="kyc-viewfinder"
      data-kyc-viewfinder=""
      data-state={state}
      open={modal ? undefined : true}
      aria-label={interpolate(strings['viewfinder.title'], { label: label })}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      <div className="kyc-viewfinder__frame" data-outline={outline}>
        <video
          ref={videoRef}
          className={`kyc-viewfinder__video${outline === 'face' ? ' kyc-viewfinder__video--mirrored' : ''}`}
          muted
          playsInline
        />
        <div className="kyc-viewfinder__outline" aria-hidden="true" />
      </div>
      <p
        className="kyc-viewfinder__hint"
        data-hint={state === 'starting' || state === 'failed' ? state : hint}
        aria-hidden="true"
      >
        {shown}
      </p>
      <p className="kyc-live" role="status" aria-live="polite">
        {state === 'starting' ? '' : state === 'failed' ? shown : hintText(spoken)}
      </p>
      <div className="kyc-viewfinder__actions">
        <button
          type="button"
          className="kyc-button kyc-button--primary kyc-viewfinder__shutter"
          data-action="shutter"
          disabled={state === 'starting' || state === 'capturing' || state === 'failed'}
          onClick={onShutter}
        >
          {strings['viewfinder.shutter']}
        </button>
        {torch !== null && (
          <button
            type="button"
            className="kyc-button"
            data-action="torch"
            aria-pressed={torch}
            onClick={() => onTorch(!torch)}
          >
            {strings['viewfinder.torch']}
          </button>
        )}
        <button type="button" className="kyc-button" data-action="camera-app" onClick={onCameraApp}>
          {strings['viewfinder.cameraApp']}
        </button>
        <button
          type="button"
          className="kyc-button"
          data-action="choose-file"
          onClick={onChooseFile}
        >
          {strings['viewfinder.chooseFile']}
        </button>
        <button type="button" className="kyc-button" data-action="close" onClick={onClose}>
          {strings['viewfinder.close']}
        </button>
      </div>
    </dialog>
  )
}
