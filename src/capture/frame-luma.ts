/** A plane of 8-bit samples: its bytes, where its first row starts and how far apart rows are. */
export interface Plane {
  bytes: Uint8Array
  offset: number
  stride: number
  width: number
  height: number
}

/**
 * A camera frame's luminance shrunk to `width` × `height` by averaging each block of its luma
 * plane (Y of YUV), as 0-255 like `grayscale()` reads RGB: a limited-range plane (16-235, most
 * cameras' video) is stretched to full range. No colour conversion and no canvas: reading the
 * luma of a 1920 × 1080 frame this way costs a few milliseconds, where drawing the frame on a
 * canvas converts all of it to RGB first.
 */
export function shrinkLuma(
  plane: Plane,
  width: number,
  height: number,
  fullRange: boolean,
): Float32Array {
  const { bytes, offset, stride } = plane
  const columnOf = new Int32Array(plane.width)
  const perColumn = new Uint32Array(width)
  for (let x = 0; x < plane.width; x += 1) {
    const column = Math.min(width - 1, Math.floor((x * width) / plane.width))
    columnOf[x] = column
    perColumn[column] = (perColumn[column] ?? 0) + 1
  }
  const perRow = new Uint32Array(height)
  const sums = new Float32Array(width * height)
  for (let y = 0; y < plane.height; y += 1) {
    const row = Math.min(height - 1, Math.floor((y * height) / plane.height))
    perRow[row] = (perRow[row] ?? 0) + 1
    const start = offset + y * stride
    for (let x = 0; x < plane.width; x += 1) {
      const at = row * width + (columnOf[x] ?? 0)
      sums[at] = (sums[at] ?? 0) + (bytes[start + x] ?? 0)
    }
  }
  const [low, scale] = fullRange ? [0, 1] : [16, 255 / 219]
  for (let row = 0; row < height; row += 1) {
    for (let column = 0; column < width; column += 1) {
      const at = row * width + column
      const mean = (sums[at] ?? 0) / Math.max(1, (perRow[row] ?? 0) * (perColumn[column] ?? 0))
      sums[at] = Math.max(0, Math.min(255, (mean - low) * scale))
    }
  }
  return sums
}

/** Formats whose first plane is luma, 8 bits a sample. */
const YUV = new Set(['I420', 'I420A', 'I422', 'I422A', 'I444', 'I444A', 'NV12'])

/**
 * The luminance of a `VideoFrame` at `width` × `height`, read from its luma plane; `null` when
 * the frame is not 8-bit YUV in memory (an RGB or a GPU frame): the caller draws it instead.
 */
export async function frameLuma(
  frame: VideoFrame,
  width: number,
  height: number,
): Promise<Float32Array | null> {
  if (!frame.format || !YUV.has(frame.format)) return null
  const bytes = new Uint8Array(frame.allocationSize())
  const [luma] = await frame.copyTo(bytes)
  if (!luma) return null
  const plane = {
    bytes,
    offset: luma.offset,
    stride: luma.stride,
    width: frame.visibleRect?.width ?? frame.codedWidth,
    height: frame.visibleRect?.height ?? frame.codedHeight,
  }
  return shrinkLuma(plane, width, height, frame.colorSpace.fullRange === true)
}
