import type { StillJob, StillOutcome } from './photo-job.ts'

/**
 * The viewfinder's still from the camera's frame at its full size, drawn and encoded as a JPEG in
 * the photo worker: on the main thread the same draw and encode of a 1,920 × 1,080 frame is one
 * task of tens of milliseconds on a phone. The frame is closed as soon as it is drawn.
 */
export async function encodeStill(job: StillJob): Promise<StillOutcome> {
  const { image } = job
  try {
    const canvas = new OffscreenCanvas(image.displayWidth, image.displayHeight)
    const context = canvas.getContext('2d')
    if (!context) return { id: job.id, still: true, blob: null }
    context.drawImage(image, 0, 0)
    image.close()
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })
    return { id: job.id, still: true, blob }
  } finally {
    image.close()
  }
}
