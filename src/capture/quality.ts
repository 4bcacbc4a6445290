import type { QualityWarning } from '../core/upload-machine.ts'

/** What the checks measure on a photo, from a small copy of it (`ANALYSIS_EDGE`). */
export interface PhotoStats {
  /** The photo's own size, after its EXIF orientation. */
  width: number
  height: number
  /** Mean luminance, 0-255. */
  mean: number
  /** Share of pixels at 250 or more: blown-out highlights, glare. */
  clipped: number
  /** Variance of the Laplacian: edges. Low means blurry. */
  laplacianVariance: number
  /** Standard deviation of the luminance: contrast. */
  contrast: number
  /** Second differences along 0°, 45°, 90° and 135°, per unit of contrast: the weakest one. */
  directionalMin: number
  /** The strongest direction over the weakest: high when one direction lost its edges (shake). */
  anisotropy: number
}

/** The long edge, in pixels, of the grayscale copy the checks read. */
export const ANALYSIS_EDGE = 640

/**
 * Where a photo is flagged. Tuned on the labelled corpus of `npm run bench` (sharp photos, and
 * the same blurred, darkened, overexposed and shrunk with ImageMagick); see
 * docs/performance.md for its detection and false-alarm rates.
 */
export interface QualityThresholds {
  /** Below this Laplacian variance, per unit of contrast: blurry. */
  minSharpness: number
  /** Above this anisotropy (with `directionalMin` under 1): blurred in one direction, shaken. */
  maxAnisotropy: number
  /** Below this mean luminance: too dark. */
  minMean: number
  /** Above this mean luminance: too bright. */
  maxMean: number
  /** Above this share of clipped pixels: glare or overexposure. */
  maxClipped: number
  /** Below this long edge in pixels: too small to read. */
  minLongEdge: number
}

export const DEFAULT_THRESHOLDS: QualityThresholds = {
  minSharpness: 1,
  maxAnisotropy: 7.4,
  minMean: 40,
  maxMean: 215,
  maxClipped: 0.08,
  minLongEdge: 1000,
}

/** Luminance (BT.601) of RGBA pixels. */
export function grayscale(rgba: Uint8ClampedArray | Uint8Array): Float32Array {
  const gray = new Float32Array(rgba.length / 4)
  for (let index = 0; index < gray.length; index += 1) {
    const offset = index * 4
    gray[index] =
      0.299 * (rgba[offset] ?? 0) +
      0.587 * (rgba[offset + 1] ?? 0) +
      0.114 * (rgba[offset + 2] ?? 0)
  }
  return gray
}

/** The measures of a grayscale copy (`width` × `height` of the copy); `size` is the photo's own. */
export function measurePhoto(
  gray: Float32Array,
  width: number,
  height: number,
  size: { width: number; height: number },
): PhotoStats {
  let sum = 0
  let squares = 0
  let clipped = 0
  for (const value of gray) {
    sum += value
    squares += value * value
    if (value >= 250) clipped += 1
  }
  const count = Math.max(1, gray.length)
  const mean = sum / count
  const contrast = Math.sqrt(Math.max(0, squares / count - mean * mean))
  let lapSum = 0
  let lapSquares = 0
  let lapCount = 0
  for (let y = 1; y < height - 1; y += 1) {
    for (let x = 1; x < width - 1; x += 1) {
      const at = y * width + x
      const value =
        (gray[at - 1] ?? 0) +
        (gray[at + 1] ?? 0) +
        (gray[at - width] ?? 0) +
        (gray[at + width] ?? 0) -
        4 * (gray[at] ?? 0)
      lapSum += value
      lapSquares += value * value
      lapCount += 1
    }
  }
  const lapMean = lapCount ? lapSum / lapCount : 0
  const laplacianVariance = lapCount ? lapSquares / lapCount - lapMean * lapMean : 0
  const directions = [1, width, width + 1, width - 1].map(
    (offset) => secondDifferenceVariance(gray, width, height, offset) / Math.max(1, contrast),
  )
  const directionalMin = Math.min(...directions)
  const anisotropy = Math.max(...directions) / Math.max(1e-6, directionalMin)
  return {
    ...size,
    mean,
    clipped: clipped / count,
    laplacianVariance,
    contrast,
    directionalMin,
    anisotropy,
  }
}

/** Variance of `g[i - offset] + g[i + offset] - 2 g[i]` over the inner pixels. */
function secondDifferenceVariance(
  gray: Float32Array,
  width: number,
  height: number,
  offset: number,
) {
  let sum = 0
  let squares = 0
  let count = 0
  for (let y = 1; y < height - 1; y += 1) {
    for (let x = 1; x < width - 1; x += 1) {
      const at = y * width + x
      const value = (gray[at - offset] ?? 0) + (gray[at + offset] ?? 0) - 2 * (gray[at] ?? 0)
      sum += value
      squares += value * value
      count += 1
    }
  }
  if (count === 0) return 0
  const mean = sum / count
  return squares / count - mean * mean
}

/** Sharpness independent of contrast: a dim but sharp photo is not called blurry. */
export function sharpnessOf(stats: PhotoStats): number {
  return stats.laplacianVariance / Math.max(1, stats.contrast)
}

/** What may make the photo hard to read, in a fixed order; empty when nothing does. */
export function qualityWarnings(
  stats: PhotoStats,
  thresholds: QualityThresholds = DEFAULT_THRESHOLDS,
): QualityWarning[] {
  const warnings: QualityWarning[] = []
  if (Math.max(stats.width, stats.height) < thresholds.minLongEdge) warnings.push('small')
  else if (
    sharpnessOf(stats) < thresholds.minSharpness ||
    (stats.anisotropy > thresholds.maxAnisotropy && stats.directionalMin < 1)
  ) {
    warnings.push('blurry')
  }
  if (stats.mean < thresholds.minMean) warnings.push('dark')
  else if (stats.mean > thresholds.maxMean || stats.clipped > thresholds.maxClipped) {
    warnings.push('bright')
  }
  return warnings
}
