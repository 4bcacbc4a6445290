import {
  ANALYSIS_EDGE,
  grayscale,
  measurePhoto,
  qualityWarnings,
  type PhotoStats,
} from './quality.ts'
import { decodePhoto, type DecodedPhoto } from './decode-photo.ts'
import type { PhotoJob, PhotoOutcome } from './photo-job.ts'
import { stripMetadata, type StrippedImage } from './strip-metadata.ts'

function scaled(width: number, height: number, edge: number) {
  const scale = Math.min(1, edge / Math.max(width, height))
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  }
}

function draw(source: CanvasImageSource, width: number, height: number) {
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) throw new Error('no 2d context')
  context.imageSmoothingEnabled = true
  context.imageSmoothingQuality = 'high'
  context.drawImage(source, 0, 0, width, height)
  return { canvas, context }
}

/** The stripped bytes as a Blob; `null` when nothing was dropped (the original goes as it is). */
function asBlob(stripped: StrippedImage): Blob | null {
  return stripped.changed ? new Blob([stripped.bytes as Uint8Array<ArrayBuffer>]) : null
}

/** Upright re-encodes of photos that need no downscale keep this much of their detail. */
const UPRIGHT_QUALITY = 0.92

/**
 * Decodes a photo (EXIF orientation applied; an oversized JPEG at about its sent size, see
 * `decode-photo.ts`) and decides what to send: a JPEG over the size or
 * resolution threshold re-encoded at `maxEdge` and `quality`; one whose EXIF orientation did the
 * turning re-encoded upright; a HEIC converted to JPEG; every other one with its metadata dropped
 * and its pixels untouched (`strip-metadata.ts`). Measures a small grayscale copy for the checks.
 * Runs in the photo worker, off the main thread.
 */
export async function processPhoto(job: PhotoJob): Promise<PhotoOutcome> {
  const started = performance.now()
  let decoded: DecodedPhoto
  try {
    decoded = await decodePhoto(job)
  } catch (error) {
    return { id: job.id, ok: false, error: String(error), undecodable: true }
  }
  // The photo's own size: the decision and the checks judge the photo, not the decoded copy.
  const { image, width, height } = decoded
  let source: CanvasImageSource = image
  try {
    const oversized =
      job.kind === 'jpeg' &&
      job.normalize &&
      (Math.max(width, height) > job.maxEdge || job.file.size > job.maxBytes)
    // A photo re-encoded from its decoded (upright) pixels needs no walk of its bytes; the rest
    // lose their metadata by one, which also says whether the EXIF tag did the turning.
    const strip = async () => {
      try {
        return stripMetadata(
          job.kind as 'jpeg' | 'png',
          new Uint8Array(await job.file.arrayBuffer()),
        )
      } catch {
        return null // a structure we cannot walk is re-encoded instead
      }
    }
    let stripped: StrippedImage | null = oversized || job.kind === 'heic' ? null : await strip()
    const upright = !oversized && job.kind !== 'heic' && (!stripped || stripped.orientation > 1)
    let encoding: Promise<Blob> | null = null
    let contentType = job.kind === 'png' ? 'image/png' : 'image/jpeg'
    if (oversized || upright || job.kind === 'heic') {
      const target =
        oversized || job.kind === 'heic' ? scaled(width, height, job.maxEdge) : { width, height }
      const { canvas } = draw(image, target.width, target.height)
      // A PNG turned upright stays a lossless PNG (a screenshot's text); the rest are JPEGs.
      const type = job.kind === 'png' && !oversized ? 'image/png' : 'image/jpeg'
      contentType = type
      // The encoder runs while the checks read the copy, which is cheaper to shrink again.
      encoding = canvas.convertToBlob({
        type,
        quality: oversized || job.kind === 'heic' ? job.quality : UPRIGHT_QUALITY,
      })
      source = canvas
      image.close()
    }
    let stats: PhotoStats | null = null
    if (job.checkQuality) {
      const small = scaled(width, height, ANALYSIS_EDGE)
      const { context } = draw(source, small.width, small.height)
      const pixels = context.getImageData(0, 0, small.width, small.height).data
      stats = measurePhoto(grayscale(pixels), small.width, small.height, { width, height })
    }
    const encoded = encoding ? await encoding : null
    let file: Blob | null
    if (encoded && (upright || job.kind === 'heic' || !oversized)) file = encoded
    else if (encoded) {
      // A downscale that saves nothing is not worth the lost detail: the original goes, stripped.
      stripped = encoded.size < job.file.size ? null : await strip()
      file = stripped ? asBlob(stripped) : encoded
      if (stripped && stripped.orientation > 1) file = encoded
    } else file = stripped ? asBlob(stripped) : null
    const warnings = stats ? qualityWarnings(stats, undefined, job.face) : []
    return {
      id: job.id,
      ok: true,
      file,
      contentType,
      warnings,
      stats,
      ms: performance.now() - started,
    }
  } finally {
    image.close()
  }
}
