import { frameLuma } from './frame-luma.ts'
import { grayscale, measurePhoto, qualityWarnings } from './quality.ts'
import type { FrameJob, FrameVerdict } from './photo-job.ts'

let previous: Float32Array | null = null
let canvas: OffscreenCanvas | null = null

/** The picture drawn on a small canvas and read back: for an ImageBitmap or an RGB frame. */
function drawnLuma(image: VideoFrame | ImageBitmap, width: number, height: number) {
  if (canvas?.width !== width || canvas.height !== height)
    canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) throw new Error('no 2d context')
  context.drawImage(image, 0, 0, width, height)
  return grayscale(context.getImageData(0, 0, width, height).data)
}

/**
 * One viewfinder frame, as the photo worker sees it: its luminance shrunk here to a small copy
 * (`job.edge`, about 320 px) and measured by the photo checks against the camera's own size,
 * plus how much it moved since the last frame (mean absolute difference of luminance, 0-255):
 * under 4 is a steady hand. The frame is closed as soon as it is read, so the camera's few
 * buffers are never held.
 */
export async function analyseFrame(job: FrameJob): Promise<FrameVerdict> {
  const started = performance.now()
  const { image } = job
  const width = 'displayWidth' in image ? image.displayWidth : image.width
  const height = 'displayHeight' in image ? image.displayHeight : image.height
  const scale = Math.min(1, job.edge / Math.max(width, height))
  const copyWidth = Math.max(1, Math.round(width * scale))
  const copyHeight = Math.max(1, Math.round(height * scale))
  let gray: Float32Array
  try {
    gray =
      ('copyTo' in image ? await frameLuma(image, copyWidth, copyHeight) : null) ??
      drawnLuma(image, copyWidth, copyHeight)
  } finally {
    image.close()
  }
  const stats = measurePhoto(gray, copyWidth, copyHeight, job.size)
  let motion = 255
  if (!job.first && previous?.length === gray.length) {
    let sum = 0
    for (let index = 0; index < gray.length; index += 1) {
      sum += Math.abs((gray[index] ?? 0) - (previous[index] ?? 0))
    }
    motion = sum / gray.length
  }
  previous = gray
  const warnings = qualityWarnings(stats, undefined, job.face)
  return { id: job.id, frame: true, warnings, motion, ms: performance.now() - started }
}
