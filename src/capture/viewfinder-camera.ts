import { grabFrame, photoEdge, still, type PhotoStep } from './camera-frames.ts'
import {
  holdsStill,
  initialViewfinder,
  viewfinderReducer,
  type ViewfinderAction,
  type ViewfinderMachine,
  type ViewfinderSnapshot,
} from './viewfinder-machine.ts'

/**
 * Frames analysed: about ten a second at most (the first camera frame 90 ms or more after the
 * last one read: at 30 fps, every third), shrunk to this long edge.
 */
const FRAME_INTERVAL_MS = 90
const FRAME_EDGE = 320

export interface ViewfinderCameraOptions {
  outline: 'card' | 'page' | 'face'
  /** Read at each good frame: whether to take the still without the shutter. */
  autoCapture: () => boolean
  /** The still, to go through the photo step like any photo. */
  onCapture: (file: File) => void
  /** The camera did not start, gave no picture, or the still failed. */
  onFailed: () => void
  /** The page was hidden: the camera is stopped. */
  onHidden: () => void
}

/** The camera behind the viewfinder: read with `subscribe` and `getSnapshot`. */
export interface ViewfinderCamera {
  subscribe: (listener: () => void) => () => void
  getSnapshot: () => ViewfinderSnapshot
  /** Opens the camera into `video` and starts reading frames. */
  start: (video: HTMLVideoElement) => void
  /** Takes the still now (the shutter). */
  capture: () => Promise<void>
  setTorch: (on: boolean) => void
  /** Stops the camera and every frame, timer and listener. Safe to call more than once. */
  stop: () => void
}

/**
 * The camera of one viewfinder: the rear one for documents, the front one for the selfie, at the
 * highest resolution it gives (1920 asked); frames to the photo worker, paced by the camera's
 * own frames; the still, by the shutter or by itself once the frame holds good and steady. The
 * camera stops on every way out: `stop()`, the still, a failure, the page hidden.
 */
export function createViewfinderCamera(options: ViewfinderCameraOptions): ViewfinderCamera {
  let machine: ViewfinderMachine = initialViewfinder
  let snapshot: ViewfinderSnapshot = machine
  const listeners = new Set<() => void>()
  let stream: MediaStream | null = null
  let video: HTMLVideoElement | null = null
  // One start's own flag: a stopped start's late camera or verdict changes nothing.
  let session = { live: false }
  let timer: ReturnType<typeof setTimeout> | undefined
  let frameCallback: number | undefined
  let lastFrame = -Infinity
  let inWorker = false
  let largerPhotos = Promise.resolve(0)

  const dispatch = (action: ViewfinderAction) => {
    machine = viewfinderReducer(machine, action)
    const { state, hint, torch } = machine
    if (state === snapshot.state && hint === snapshot.hint && torch === snapshot.torch) return
    snapshot = { state, hint, torch }
    for (const listener of listeners) listener()
  }

  const release = () => {
    for (const track of stream?.getTracks() ?? []) track.stop()
    stream = null
    session.live = false
    clearTimeout(timer)
    if (frameCallback !== undefined) video?.cancelVideoFrameCallback(frameCallback)
    frameCallback = undefined
    document.removeEventListener('visibilitychange', hidden)
  }

  const fail = () => {
    release()
    dispatch({ type: 'failed' })
    options.onFailed()
  }

  function hidden() {
    if (document.visibilityState !== 'hidden') return
    release()
    options.onHidden()
  }

  const capture = async () => {
    const track = stream?.getVideoTracks()[0]
    if (!video || !track || machine.state === 'capturing' || machine.state === 'failed') return
    const current = session
    dispatch({ type: 'capturing' })
    // For `npm run bench viewfinder`: the still asked for (the shutter, or the frame held good).
    performance.mark('kyc-viewfinder:shoot')
    try {
      const blob = await still(video, track, largerPhotos, photoStep)
      // Closed while the still was being taken: nobody is waiting for it.
      if (!current.live) return
      performance.mark('kyc-viewfinder:still', { detail: { bytes: blob.size } })
      release()
      options.onCapture(new File([blob], 'foto.jpg', { type: 'image/jpeg' }))
    } catch {
      if (current.live) fail()
    }
  }

  // Paced by the camera's own frames where the browser says when one is shown: no frame is
  // read twice. The next frame is asked for as soon as one arrives, not after the worker's
  // answer, so the worker's time is not added to the wait; a frame that comes while the worker
  // still has one is skipped, so a slow phone analyses fewer frames instead of queueing them
  // (and never holds the camera's few buffers).
  const watchFrames = (current: typeof session) => {
    if (!current.live || !video || machine.state === 'capturing') return
    const onFrame = (_now?: number, frame?: VideoFrameCallbackMetadata) => {
      watchFrames(current)
      // The gap is measured from when each frame reached the screen (the page's clock), not
      // when this callback ran: one that a busy main thread runs late does not push the next
      // analysis a whole camera frame later.
      const at = frame?.presentationTime ?? performance.now()
      if (inWorker || at - lastFrame < FRAME_INTERVAL_MS) return
      lastFrame = at
      inWorker = true
      void analyse(current).finally(() => {
        inWorker = false
      })
    }
    if (typeof video.requestVideoFrameCallback === 'function') {
      frameCallback = video.requestVideoFrameCallback(onFrame)
    } else {
      timer = setTimeout(onFrame, FRAME_INTERVAL_MS / 3)
    }
  }

  // The photo step's own chunk, loaded as the camera starts, like the widget loads it: one chunk
  // for both, with no facade chunk beside it.
  const photoStep: Promise<PhotoStep | null> = import('./prepare-photo.ts').catch(() => null)

  const analyse = async (current: typeof session) => {
    const step = await photoStep
    const size = { width: video?.videoWidth ?? 0, height: video?.videoHeight ?? 0 }
    if (!current.live || !video || !size.width || !step) return
    const image = await grabFrame(video, FRAME_EDGE).catch(() => null)
    if (!image) return
    const verdict = await step.analyseFrame(image, {
      edge: FRAME_EDGE,
      size,
      face: options.outline === 'face',
      first: machine.readings.length === 0,
    })
    if (!current.live || !verdict) return
    // For `npm run bench viewfinder`: frames analysed, the first good one, the still.
    performance.mark('kyc-viewfinder:frame', { detail: { ms: verdict.ms } })
    const at = performance.now()
    const wasGood = machine.state === 'good'
    dispatch({ type: 'frame', reading: verdict, at })
    if (machine.state === 'good' && !wasGood) performance.mark('kyc-viewfinder:good')
    if (options.autoCapture() && holdsStill(machine, at)) void capture()
  }

  const start = (element: HTMLVideoElement) => {
    release()
    lastFrame = -Infinity
    const current = { live: true }
    session = current
    machine = initialViewfinder
    video = element
    document.addEventListener('visibilitychange', hidden)
    const facingMode = options.outline === 'face' ? 'user' : 'environment'
    navigator.mediaDevices
      .getUserMedia({
        video: { facingMode, width: { ideal: 1920 }, height: { ideal: 1080 } },
        audio: false,
      })
      .then(async (media) => {
        if (!current.live) {
          for (const track of media.getTracks()) track.stop()
          return
        }
        stream = media
        element.srcObject = media
        await element.play()
        if (!current.live) return
        // A camera that gives no picture (busy, black) is no camera.
        if (!element.videoWidth) return fail()
        const track = media.getVideoTracks()[0]
        largerPhotos = photoEdge(track)
        const capabilities = track?.getCapabilities?.() as { torch?: boolean } | undefined
        dispatch({ type: 'started', torch: capabilities?.torch ? false : null })
        watchFrames(current)
      })
      .catch(() => {
        if (current.live) fail()
      })
  }

  const setTorch = (on: boolean) => {
    const track = stream?.getVideoTracks()[0]
    void track
      ?.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] })
      .then(() => dispatch({ type: 'torch', on }))
      .catch(() => dispatch({ type: 'torch', on: null }))
  }

  return {
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSnapshot: () => snapshot,
    start,
    capture,
    setTorch,
    stop: release,
  }
}
