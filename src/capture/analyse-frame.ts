import { grayscale, measurePhoto, qualityWarnings } from './quality.ts'
import type { FrameJob, FrameVerdict } from './photo-job.ts'

let previous: Float32Array | null = null

/**
 * One viewfinder frame, as the photo worker sees it: a small copy (about 320 px) measured by the
 * photo checks against the camera's own size, plus how much it moved since the last frame
 * (mean absolute difference of luminance, 0-255): under 4 is a steady hand.
 */
export function analyseFrame(job: FrameJob): FrameVerdict {
  const { bitmap, size } = job
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) throw new Error('no 2d context')
  context.drawImage(bitmap, 0, 0)
  bitmap.close()
  const gray = grayscale(context.getImageData(0, 0, canvas.width, canvas.height).data)
  const stats = measurePhoto(gray, canvas.width, canvas.height, size)
  let motion = 255
  if (previous && previous.length === gray.length) {
    let sum = 0
    for (let index = 0; index < gray.length; index += 1) {
      sum += Math.abs((gray[index] ?? 0) - (previous[index] ?? 0))
    }
    motion = sum / gray.length
  }
  previous = gray
  return { id: job.id, frame: true, warnings: qualityWarnings(stats, undefined, job.face), motion }
}
