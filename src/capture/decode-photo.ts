import { JPEG_METADATA_LENGTH, jpegFrame } from '../core/signature.ts'
import type { PhotoJob } from './photo-job.ts'
import { jpegOrientation } from './strip-metadata.ts'

/** A photo's pixels, upright once drawn, and the photo's own size. */
export interface DecodedPhoto {
  /** An `ImageBitmap` at full size, or a `VideoFrame` the canvas turns upright as it draws it. */
  image: ImageBitmap | VideoFrame
  /** The photo's own size after its EXIF orientation, whatever size `image` was decoded at. */
  width: number
  height: number
}

/** WebCodecs' `rotation` and `flip` of a frame for each EXIF orientation, 1 to 8. */
const TURNS: readonly (readonly [number, boolean])[] = [
  [0, false],
  [0, true],
  [180, false],
  [180, true],
  [90, true],
  [90, false],
  [270, true],
  [270, false],
]

/**
 * A JPEG over `maxEdge` decoded at the smallest n/8 of its size that still covers `maxEdge`:
 * libjpeg scales while it decodes, so a 108-megapixel photo never exists in memory at full size
 * (Chromium: +107 MB at peak instead of +575 MB, see README "Known limits"). `createImageBitmap`'s
 * `resizeWidth` cannot do this: Chromium decodes the whole image first and then scales it.
 * `null` where it cannot be done or trusted, and the caller decodes at full size as before.
 */
async function decodeReduced(file: Blob, maxEdge: number): Promise<DecodedPhoto | null> {
  if (typeof ImageDecoder !== 'function') return null
  const head = new Uint8Array(await file.slice(0, JPEG_METADATA_LENGTH).arrayBuffer())
  const frame = jpegFrame(head)
  if (!frame || !frame.width || !frame.height) return null
  const longEdge = Math.max(frame.width, frame.height)
  if (longEdge <= maxEdge) return null
  // Chromium picks the scale from the desired area, rounding down to an eighth: ask for the area
  // of the eighth that covers maxEdge, never the one below it.
  const eighths = Math.ceil((8 * maxEdge) / longEdge)
  const decoder = new ImageDecoder({
    data: file.stream(),
    type: 'image/jpeg',
    desiredWidth: Math.ceil((frame.width * eighths) / 8),
    desiredHeight: Math.ceil((frame.height * eighths) / 8),
  })
  try {
    const { image } = await decoder.decode()
    // The frame carries the EXIF turn for the canvas to apply (`rotation`, `flip`). A browser
    // that does not say so, or says otherwise than the EXIF tag, would send the photo sideways.
    const said = image as VideoFrame & { rotation?: number; flip?: boolean }
    const [rotation, flip] = TURNS[jpegOrientation(head) - 1] ?? [0, false]
    if ((said.rotation ?? 0) !== rotation || (said.flip ?? false) !== flip) {
      image.close()
      return null
    }
    const turned = rotation % 180 !== 0
    return {
      image,
      width: turned ? frame.height : frame.width,
      height: turned ? frame.width : frame.height,
    }
  } finally {
    decoder.close()
  }
}

/**
 * Decodes the job's photo, upright: an oversized JPEG at about the size it will be sent at where
 * the browser can (WebCodecs `ImageDecoder`), everything else at full size with its EXIF
 * orientation applied. Throws when the browser cannot decode it.
 */
export async function decodePhoto(job: PhotoJob): Promise<DecodedPhoto> {
  if (job.kind === 'jpeg' && job.normalize) {
    const reduced = await decodeReduced(job.file, job.maxEdge).catch(() => null)
    if (reduced) return reduced
  }
  const image = await createImageBitmap(job.file, { imageOrientation: 'from-image' })
  return { image, width: image.width, height: image.height }
}
