// The photo worker: a same-origin module script (a strict CSP holds with `worker-src 'self'`),
// started on the first photo a page picks, so decoding and re-encoding never hold the main thread.
import { analyseFrame } from './analyse-frame.ts'
import { encodeStill } from './encode-still.ts'
import type {
  FrameJob,
  FrameVerdict,
  PhotoJob,
  PhotoOutcome,
  StillJob,
  StillOutcome,
} from './photo-job.ts'
import { processPhoto } from './process-photo.ts'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PhotoJob | FrameJob | StillJob>) => void) | null
  postMessage: (outcome: PhotoOutcome | FrameVerdict | StillOutcome) => void
}

scope.onmessage = (event) => {
  const job = event.data
  if ('still' in job) {
    encodeStill(job).then(scope.postMessage, () =>
      scope.postMessage({ id: job.id, still: true, blob: null }),
    )
    return
  }
  if ('frame' in job) {
    analyseFrame(job).then(scope.postMessage, () =>
      scope.postMessage({ id: job.id, frame: true, warnings: [], motion: 255, ms: 0 }),
    )
    return
  }
  processPhoto(job).then(scope.postMessage, (error: unknown) =>
    scope.postMessage({ id: job.id, ok: false, error: String(error) }),
  )
}
