import {
  ANALYSIS_EDGE,
  grayscale,
  measurePhoto,
  qualityWarnings,
  type PhotoStats,
} from './quality.ts'
import type { PhotoJob, PhotoOutcome } from './photo-job.ts'

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

/**
 * Decodes a photo (EXIF orientation applied), re-encodes a JPEG that is over the size or
 * resolution threshold at `maxEdge` and `quality` (which drops its EXIF, GPS included), and
 * measures a small grayscale copy. Runs in the photo worker, off the main thread.
 */
export async function processPhoto(job: PhotoJob): Promise<PhotoOutcome> {
  const started = performance.now()
  const bitmap = await createImageBitmap(job.file, { imageOrientation: 'from-image' })
  const { width, height } = bitmap
  let source: CanvasImageSource = bitmap
  let encoding: Promise<Blob> | null = null
  try {
    const oversized = Math.max(width, height) > job.maxEdge || job.file.size > job.maxBytes
    if (job.normalize && job.kind === 'jpeg' && oversized) {
      const target = scaled(width, height, job.maxEdge)
      const { canvas } = draw(bitmap, target.width, target.height)
      // The encoder runs while the checks read the downscaled copy, which is cheaper to shrink
      // again than the full photo.
      encoding = canvas.convertToBlob({ type: 'image/jpeg', quality: job.quality })
      source = canvas
      bitmap.close()
    }
    let stats: PhotoStats | null = null
    if (job.checkQuality) {
      const small = scaled(width, height, ANALYSIS_EDGE)
      const { context } = draw(source, small.width, small.height)
      const pixels = context.getImageData(0, 0, small.width, small.height).data
      stats = measurePhoto(grayscale(pixels), small.width, small.height, { width, height })
    }
    const encoded = encoding ? await encoding : null
    // A re-encoding that saves nothing is not worth the lost detail.
    const file = encoded && encoded.size < job.file.size ? encoded : null
    const warnings = stats ? qualityWarnings(stats) : []
    return { id: job.id, ok: true, file, warnings, stats, ms: performance.now() - started }
  } finally {
    bitmap.close()
  }
}
