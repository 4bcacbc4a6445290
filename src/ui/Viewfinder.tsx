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

/**
 * Frames analysed: about ten a second at most (the first camera frame 90 ms or more after the
 * last one read: at 30 fps, every third), shrunk to this long edge.
 */
const FRAME_INTERVAL_MS = 90
const FRAME_EDGE = 320
/** A spoken hint changes at most this often. */
const SPEAK_EVERY_MS = 2000
/** Good and steady this long before the automatic shot. */
const HOLD_MS = 500

interface ImageCaptureLike {
  takePhoto(): Promise<Blob>
}

/**
 * The camera's current frame for the photo worker, at almost no cost here: the frame itself
 * where `VideoFrame` exists (the worker shrinks it), else a small copy, which costs this thread
 * a read of the whole frame (tens of milliseconds on a phone).
 */
function grabFrame(video: HTMLVideoElement): Promise<VideoFrame | ImageBitmap> {
  if (typeof VideoFrame === 'function') {
    try {
      const timestamp = Math.round(performance.now() * 1000)
      return Promise.resolve(new VideoFrame(video, { timestamp }))
    } catch {
      // A browser that cannot wrap the video's frame: the copy below.
    }
  }
  const scale = FRAME_EDGE / Math.max(video.videoWidth, video.videoHeight)
  return createImageBitmap(video, {
    resizeWidth: Math.round(video.videoWidth * scale),
    resizeHeight: Math.round(video.videoHeight * scale),
  })
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
    let frameCallback: number | undefined
    let frameVideo: HTMLVideoElement | undefined
    const readings: FrameReading[] = []
    let goodSince = 0
    let lastFrame = 0
    const facingMode = outline === 'face' ? 'user' : 'environment'
    // The photo step's own chunk, loaded as the camera starts, like the widget loads it: one
    // chunk for both, with no facade chunk beside it.
    const photoStep = import('../capture/prepare-photo.ts').catch(() => null)
    const fail = () => {
      if (cancelled) return
      stop()
      setState('failed')
      latest.current.onCameraApp(true)
    }
    // Paced by the camera's own frames where the browser says when one is shown: no frame is
    // read twice, and one frame at a time is in the worker, so a slow phone analyses fewer
    // frames instead of queueing them (and never holds the camera's few buffers).
    const nextFrame = () => {
      const element = video.current
      if (cancelled || busy.current || !element) return
      if (typeof element.requestVideoFrameCallback === 'function') {
        frameVideo = element
        frameCallback = element.requestVideoFrameCallback(onFrame)
      } else {
        timer = setTimeout(onFrame, FRAME_INTERVAL_MS)
      }
    }
    const onFrame = () => {
      if (performance.now() - lastFrame < FRAME_INTERVAL_MS) return nextFrame()
      lastFrame = performance.now()
      void analyse()
    }
    const analyse = async () => {
      const element = video.current
      const size = { width: element?.videoWidth ?? 0, height: element?.videoHeight ?? 0 }
      const step = await photoStep
      if (cancelled || !element || !size.width || busy.current || !step) return
      const image = await grabFrame(element).catch(() => null)
      if (!image) return nextFrame()
      const face = outline === 'face'
      const first = readings.length === 0
      const verdict = await step.analyseFrame(image, { edge: FRAME_EDGE, size, face, first })
      if (cancelled || busy.current || !verdict) return
      // For `npm run bench viewfinder`: frames analysed, the first good one, the still.
      performance.mark('kyc-viewfinder:frame', { detail: { ms: verdict.ms } })
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
      nextFrame()
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
        nextFrame()
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
      if (frameCallback !== undefined) frameVideo?.cancelVideoFrameCallback(frameCallback)
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
