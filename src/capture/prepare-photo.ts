import type { PreparedPhoto } from '../core/upload-controller.ts'
import type {
  FrameJob,
  FrameVerdict,
  PhotoJob,
  PhotoOutcome,
  StillJob,
  StillOutcome,
} from './photo-job.ts'
import type { PhotoStats } from './quality.ts'
import { stripMetadata } from './strip-metadata.ts'

/** How the widget treats photos before sending them. Every field is optional. */
export interface PhotoOptions {
  /**
   * Downscale and re-encode large JPEGs. Default: `true`. Metadata (EXIF, GPS, XMP, IPTC,
   * comments, PNG text) is dropped from every photo whatever this says.
   */
  normalize?: boolean | undefined
  /** Check blur, exposure and size, and ask before sending a doubtful photo. Default: `true`. */
  checkQuality?: boolean | undefined
  /** Long edge of a downscaled photo, in pixels. Default: 2560. */
  maxEdge?: number | undefined
  /** JPEG quality of a downscaled photo, 0-1. Default: 0.85. */
  quality?: number | undefined
  /** A JPEG over this many bytes is re-encoded even within `maxEdge`. Default: 1.5 MiB. */
  maxBytes?: number | undefined
  /**
   * "Take a photo" opens the in-page viewfinder (a lazy chunk) on touch screens whose browser
   * offers a camera in a secure context: `'auto'`; `false` opens the phone's camera app as
   * before. Default: `'auto'`.
   */
  live?: 'auto' | false | undefined
  /** The viewfinder takes the photo by itself once the frame is good and steady (never for the selfie). Default: `true`. */
  autoCapture?: boolean | undefined
}

/** Past this, the photo goes as it was picked: a slow phone never blocks the upload. */
const WORKER_TIMEOUT_MS = 8000

let worker: Worker | null = null
let nextId = 0
const waiting = new Map<number, (outcome: PhotoOutcome | FrameVerdict | StillOutcome) => void>()

function photoWorker(): Worker {
  if (worker) return worker
  const created = new Worker(new URL('./photo.worker.ts', import.meta.url), { type: 'module' })
  created.onmessage = (event: MessageEvent<PhotoOutcome | FrameVerdict | StillOutcome>) => {
    waiting.get(event.data.id)?.(event.data)
    waiting.delete(event.data.id)
  }
  created.onerror = () => {
    // A worker that cannot start (blocked, no module workers): every photo goes as it was.
    for (const [id, settle] of waiting)
      settle({ id, ok: false, error: 'worker error' } as PhotoOutcome)
    waiting.clear()
    worker = null
    created.terminate()
  }
  worker = created
  return created
}

/**
 * Posts a job that carries a camera frame (transferred: the worker closes it) and resolves with
 * what `pick` takes from the worker's answer; `null` when the worker cannot take the job.
 */
function postFrame<T>(
  job: FrameJob | StillJob,
  image: VideoFrame | ImageBitmap,
  pick: (answer: PhotoOutcome | FrameVerdict | StillOutcome) => T | null,
): Promise<T | null> {
  return new Promise((resolve) => {
    waiting.set(job.id, (answer) => resolve(pick(answer)))
    try {
      photoWorker().postMessage(job, [image])
    } catch {
      waiting.delete(job.id)
      image.close()
      resolve(null)
    }
  })
}

/**
 * Analyses one viewfinder frame in the photo worker (off the main thread): `image` is the
 * camera's frame or a small copy of it, transferred (closed in the worker); `edge` the long edge
 * the worker shrinks it to; `size` the camera's. `null` when the worker cannot run.
 */
export function analyseFrame(
  image: VideoFrame | ImageBitmap,
  options: Omit<FrameJob, 'id' | 'frame' | 'image'>,
): Promise<FrameVerdict | null> {
  const job: FrameJob = { id: (nextId += 1), frame: true, image, ...options }
  return postFrame(job, image, (verdict) => ('frame' in verdict ? verdict : null))
}

/**
 * Encodes the viewfinder's still (the camera's frame, transferred and closed in the worker) as a
 * JPEG in the photo worker; `null` when the worker cannot, and the caller encodes it itself.
 */
export function encodeStill(image: VideoFrame): Promise<Blob | null> {
  const job: StillJob = { id: (nextId += 1), still: true, image }
  return postFrame(job, image, (outcome) => ('still' in outcome ? outcome.blob : null))
}

/** Whether this browser has what the worker needs. */
export function canPreparePhotos(): boolean {
  return (
    typeof Worker === 'function' &&
    typeof OffscreenCanvas === 'function' &&
    typeof createImageBitmap === 'function'
  )
}

/** The photo with its metadata dropped on the main thread, when the worker could not run. */
async function strippedHere(file: Blob, kind: 'jpeg' | 'png'): Promise<PreparedPhoto> {
  const original: PreparedPhoto = { file, contentType: `image/${kind}`, warnings: [] }
  try {
    const stripped = stripMetadata(kind, new Uint8Array(await file.arrayBuffer()))
    if (!stripped.changed) return original
    return { ...original, file: new Blob([stripped.bytes as Uint8Array<ArrayBuffer>]) }
  } catch {
    return original
  }
}

/**
 * Normalises and checks one photo in the photo worker. Without the APIs, after an error or a
 * timeout, the photo goes with its metadata dropped but otherwise as it was picked, without
 * warnings: this step never blocks a send. An image the browser cannot decode is refused
 * (`image_undecodable`; a HEIC here `file_heic`): a reviewer's browser could not show it either.
 */
export async function preparePhoto(
  file: Blob,
  kind: 'jpeg' | 'png' | 'heic',
  options: PhotoOptions & { face?: boolean } = {},
): Promise<PreparedPhoto & { ms?: number; stats?: PhotoStats | null }> {
  const refusedHeic: PreparedPhoto = { file, contentType: '', warnings: [], refusal: 'file_heic' }
  if (!canPreparePhotos()) return kind === 'heic' ? refusedHeic : strippedHere(file, kind)
  const job: PhotoJob = {
    id: (nextId += 1),
    file,
    kind,
    normalize: options.normalize ?? true,
    // A PNG is a screenshot or a scan: no lens to blur it, no exposure to miss.
    checkQuality: (options.checkQuality ?? true) && kind !== 'png',
    maxEdge: options.maxEdge ?? 2560,
    quality: options.quality ?? 0.85,
    maxBytes: options.maxBytes ?? 1.5 * 1024 * 1024,
    face: options.face ?? false,
  }
  const outcome = await new Promise<PhotoOutcome>((resolve) => {
    const timer = setTimeout(() => {
      waiting.delete(job.id)
      resolve({ id: job.id, ok: false, error: 'timeout' })
    }, WORKER_TIMEOUT_MS)
    waiting.set(job.id, (result) => {
      clearTimeout(timer)
      resolve('ok' in result ? result : { id: job.id, ok: false, error: 'unexpected answer' })
    })
    try {
      photoWorker().postMessage(job)
    } catch (error) {
      waiting.delete(job.id)
      clearTimeout(timer)
      resolve({ id: job.id, ok: false, error: String(error) })
    }
  })
  if (!outcome.ok) {
    if (kind === 'heic') return refusedHeic
    if (outcome.undecodable) return { ...refusedHeic, refusal: 'image_undecodable' }
    return strippedHere(file, kind)
  }
  return {
    file: outcome.file ?? file,
    contentType: outcome.contentType,
    warnings: outcome.warnings,
    ms: outcome.ms,
    stats: outcome.stats,
  }
}
