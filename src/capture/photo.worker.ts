// The photo worker: a same-origin module script (a strict CSP holds with `worker-src 'self'`),
// started on the first photo a page picks, so decoding and re-encoding never hold the main thread.
import type { PhotoJob, PhotoOutcome } from './photo-job.ts'
import { processPhoto } from './process-photo.ts'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PhotoJob>) => void) | null
  postMessage: (outcome: PhotoOutcome) => void
}

scope.onmessage = (event) => {
  const job = event.data
  processPhoto(job).then(scope.postMessage, (error: unknown) =>
    scope.postMessage({ id: job.id, ok: false, error: String(error) }),
  )
}
