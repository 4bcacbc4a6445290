/*
 * The in-page viewfinder (issue 22): a modal dialog with the camera's picture, the document's
 * outline, one hint at a time from frames the photo worker analyses, a shutter that always works,
 * and an automatic shot once the frame is good and steady. A chunk of its own, loaded when "take
 * a photo" is first pressed. The camera stops on every way out: close, capture, failure, page
 * hidden, unmount.
 */
import { useEffect, useRef, useState } from 'react'
import { hintFor, type FrameReading, type ViewfinderHint } from '../capture/viewfinder-hints.ts'
import { interpolate } from '../locales/format.ts'
import { useLatest } from '../react/useLatest.ts'
import type { KycStrings } from '../locales/types.ts'

export interface ViewfinderProps {
  label: string
  outline: 'card' | 'page' | 'face'
  autoCapture: boolean
  strings: KycStrings
  /** The still, to go through the photo step like any photo. */
  onCapture: (file: File) => void
  /** The camera could not start, or the person asked for the camera app. */
  onCameraApp: (failed: boolean) => void
  onChooseFile: () => void
  onClose: () => void
}

type ViewfinderState = 'starting' | 'aiming' | 'good' | 'capturing' | 'failed'

/** Frames analysed: every 100 ms at most, on a copy of this long edge. */
const FRAME_INTERVAL_MS = 100
const FRAME_EDGE = 320
/** A spoken hint changes at most this often. */
const SPEAK_EVERY_MS = 2000
/** Good and steady this long before the automatic shot. */
const HOLD_MS = 500

interface ImageCaptureLike {
  takePhoto(): Promise<Blob>
}

async function still(video: HTMLVideoElement, track: MediaStreamTrack | undefined): Promise<Blob> {
  const Capture = (
    globalThis as { ImageCapture?: new (track: MediaStreamTrack) => ImageCaptureLike }
  ).ImageCapture
  if (Capture && track) {
    try {
      return await new Capture(track).takePhoto()
    } catch {
      // Some cameras refuse takePhoto (busy, no still mode): the video frame will do.
    }
  }
  const canvas = document.createElement('canvas')
  canvas.width = video.videoWidth
  canvas.height = video.videoHeight
  canvas.getContext('2d')?.drawImage(video, 0, 0)
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('no frame'))),
      'image/jpeg',
      0.92,
    ),
  )
}

export default function Viewfinder(props: ViewfinderProps) {
  const { strings, outline } = props
  const dialog = useRef<HTMLDialogElement>(null)
  const video = useRef<HTMLVideoElement>(null)
  const stream = useRef<MediaStream | null>(null)
  const [state, setState] = useState<ViewfinderState>('starting')
  const [hint, setHint] = useState<ViewfinderHint>('aim')
  const [spoken, setSpoken] = useState<ViewfinderHint>('aim')
  const [torch, setTorch] = useState<boolean | null>(null)
  const busy = useRef(false)

  const stop = () => {
    for (const track of stream.current?.getTracks() ?? []) track.stop()
    stream.current = null
  }

  const capture = async () => {
    const element = video.current
    if (busy.current || !element || !stream.current) return
    busy.current = true
    setState('capturing')
    try {
      const blob = await still(element, stream.current.getVideoTracks()[0])
      performance.mark('kyc-viewfinder:still', { detail: { bytes: blob.size } })
      stop()
      latest.current.onCapture(new File([blob], 'foto.jpg', { type: 'image/jpeg' }))
    } catch {
      stop()
      setState('failed')
      latest.current.onCameraApp(true)
    }
  }

  const latest = useLatest({ ...props, capture })

  useEffect(() => {
    dialog.current?.showModal?.()
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const readings: FrameReading[] = []
    let goodSince = 0
    const facingMode = outline === 'face' ? 'user' : 'environment'
    const fail = () => {
      if (cancelled) return
      stop()
      setState('failed')
      latest.current.onCameraApp(true)
    }
    const analyse = async () => {
      const element = video.current
      const size = { width: element?.videoWidth ?? 0, height: element?.videoHeight ?? 0 }
      if (cancelled || !element || !size.width || busy.current) return
      const started = performance.now()
      const scale = FRAME_EDGE / Math.max(size.width, size.height)
      const bitmap = await createImageBitmap(element, {
        resizeWidth: Math.round(size.width * scale),
        resizeHeight: Math.round(size.height * scale),
      })
      // The photo step's own chunk, loaded on demand like the widget loads it: one chunk for
      // both, with no facade chunk beside it.
      const { analyseFrame } = await import('../capture/prepare-photo.ts')
      const verdict = await analyseFrame(bitmap, size, outline === 'face')
      if (cancelled || !verdict) return
      // For `npm run bench viewfinder`: frames analysed, the first good one, the still.
      performance.mark('kyc-viewfinder:frame')
      readings.push({ warnings: verdict.warnings, motion: verdict.motion })
      if (readings.length > 10) readings.shift()
      const next = hintFor(readings)
      setHint(next)
      setState(next === 'good' ? 'good' : 'aiming')
      if (next !== 'good') goodSince = 0
      else if (!goodSince) {
        goodSince = performance.now()
        performance.mark('kyc-viewfinder:good')
      } else if (latest.current.autoCapture && performance.now() - goodSince >= HOLD_MS) {
        void latest.current.capture()
        return
      }
      // The next frame 100 ms after this one started, not after its answer: a slow phone
      // still gets as many frames analysed as its worker can take.
      const wait = Math.max(0, FRAME_INTERVAL_MS - (performance.now() - started))
      timer = setTimeout(() => void analyse(), wait)
    }
    navigator.mediaDevices
      .getUserMedia({
        video: { facingMode, width: { ideal: 1920 }, height: { ideal: 1080 } },
        audio: false,
      })
      .then(async (media) => {
        if (cancelled) {
          for (const track of media.getTracks()) track.stop()
          return
        }
        stream.current = media
        const element = video.current
        if (!element) return fail()
        element.srcObject = media
        await element.play()
        // A camera that gives no picture (busy, black) is no camera.
        if (!element.videoWidth) return fail()
        const track = media.getVideoTracks()[0]
        const capabilities = track?.getCapabilities?.() as { torch?: boolean } | undefined
        if (capabilities?.torch) setTorch(false)
        setState('aiming')
        timer = setTimeout(() => void analyse(), FRAME_INTERVAL_MS)
      })
      .catch(fail)
    const hidden = () => {
      if (document.visibilityState === 'hidden') {
        stop()
        latest.current.onClose()
      }
    }
    document.addEventListener('visibilitychange', hidden)
    return () => {
      cancelled = true
      clearTimeout(timer)
      document.removeEventListener('visibilitychange', hidden)
      stop()
    }
  }, [outline, latest])

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
  const leave = (then: () => void) => () => {
    stop()
    then()
  }

  return (
    <dialog
      ref={dialog}
      className="kyc-viewfinder"
      data-kyc-viewfinder=""
      data-state={state}
      aria-label={interpolate(strings['viewfinder.title'], { label: props.label })}
      onCancel={(event) => {
        event.preventDefault()
        leave(props.onClose)()
      }}
    >
      <div className="kyc-viewfinder__frame" data-outline={outline}>
        <video
          ref={video}
          className={`kyc-viewfinder__video${outline === 'face' ? ' kyc-viewfinder__video--mirrored' : ''}`}
          muted
          playsInline
        />
        <div className="kyc-viewfinder__outline" aria-hidden="true" />
      </div>
      <p
        className="kyc-viewfinder__hint"
        data-hint={state === 'starting' ? 'starting' : hint}
        aria-hidden="true"
      >
        {state === 'starting' ? strings['viewfinder.starting'] : hintText(hint)}
      </p>
      <p className="kyc-live" role="status" aria-live="polite">
        {state === 'starting' ? '' : hintText(spoken)}
      </p>
      <div className="kyc-viewfinder__actions">
        <button
          type="button"
          className="kyc-button kyc-button--primary kyc-viewfinder__shutter"
          data-action="shutter"
          disabled={state === 'starting' || state === 'capturing' || state === 'failed'}
          onClick={() => void capture()}
        >
          {strings['viewfinder.shutter']}
        </button>
        {torch !== null && (
          <button
            type="button"
            className="kyc-button"
            data-action="torch"
            aria-pressed={torch}
            onClick={() => {
              const track = stream.current?.getVideoTracks()[0]
              const next = !torch
              void track
                ?.applyConstraints({ advanced: [{ torch: next } as MediaTrackConstraintSet] })
                .then(() => setTorch(next))
                .catch(() => setTorch(null))
            }}
          >
            {strings['viewfinder.torch']}
          </button>
        )}
        <button
          type="button"
          className="kyc-button"
          data-action="camera-app"
          onClick={leave(() => props.onCameraApp(false))}
        >
          {strings['viewfinder.cameraApp']}
        </button>
        <button
          type="button"
          className="kyc-button"
          data-action="choose-file"
          onClick={leave(props.onChooseFile)}
        >
          {strings['viewfinder.chooseFile']}
        </button>
        <button
          type="button"
          className="kyc-button"
          data-action="close"
          onClick={leave(props.onClose)}
        >
          {strings['viewfinder.close']}
        </button>
      </div>
    </dialog>
  )
}
