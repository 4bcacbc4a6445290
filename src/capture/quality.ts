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
  /** The ink: the 10th percentile of the cells' darkest pixel. A scan's is dark, an overexposed photo's is not. */
  ink: number
  /** The 99th percentile of luminance: the brightest things in the frame. */
  highlight: number
  /** The 90th percentile of the cells' mean luminance: the paper (or the brightest surface). */
  paper: number
  /**
   * The largest patch of blown-out cells that does not reach the frame's edge, as a share of
   * the frame, when a soft halo surrounds it (light falling off around a reflection): glare.
   * A white page, a scan's margins or a screenshot's white cards have no such halo.
   */
  glare: number
  /** The share of cells entirely blown out: a scan's or a screenshot's flat white. */
  flat: number
}

/** The long edge, in pixels, of the grayscale copy the checks read. */
export const ANALYSIS_EDGE = 640

/** The side, in pixels of the copy, of the cells glare and paper are read in. */
const CELL = 16

/** A percentile (0-1) of values 0-255, from their histogram. */
function percentile(histogram: Uint32Array, count: number, share: number): number {
  let seen = 0
  const wanted = share * count
  for (let level = 0; level < histogram.length; level += 1) {
    seen += histogram[level] ?? 0
    if (seen >= wanted) return level
  }
  return histogram.length - 1
}

/** Cells' mean luminance and share of clipped pixels. */
function cells(gray: Float32Array, width: number, height: number) {
  const columns = Math.max(1, Math.floor(width / CELL))
  const rows = Math.max(1, Math.floor(height / CELL))
  const mean = new Float32Array(columns * rows)
  const darkest = new Float32Array(columns * rows)
  const clipped = new Float32Array(columns * rows)
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      let sum = 0
      let blown = 0
      let least = 255
      for (let y = row * CELL; y < (row + 1) * CELL; y += 1) {
        for (let x = column * CELL; x < (column + 1) * CELL; x += 1) {
          const value = gray[y * width + x] ?? 0
          sum += value
          if (value >= 250) blown += 1
          if (value < least) least = value
        }
      }
      darkest[row * columns + column] = least
      mean[row * columns + column] = sum / (CELL * CELL)
      clipped[row * columns + column] = blown / (CELL * CELL)
    }
  }
  return { columns, rows, mean, clipped, darkest }
}

/** The 4-connected neighbours of a cell, within the grid. */
function neighbours(at: number, columns: number, rows: number): number[] {
  const x = at % columns
  const y = (at - x) / columns
  const out: number[] = []
  if (x > 0) out.push(at - 1)
  if (x < columns - 1) out.push(at + 1)
  if (y > 0) out.push(at - columns)
  if (y < rows - 1) out.push(at + columns)
  return out
}

/**
 * The largest blown-out patch (cells at least 90 % clipped, 4-connected) away from the frame's
 * edge whose ring of neighbouring cells is brighter than the paper: the halo of a reflection.
 */
function glareArea(grid: ReturnType<typeof cells>, paper: number): number {
  const { columns, rows, mean, clipped } = grid
  const label = new Int32Array(columns * rows).fill(-1)
  let best = 0
  for (let start = 0; start < label.length; start += 1) {
    if (label[start] !== -1 || (clipped[start] ?? 0) < 0.9) continue
    const stack = [start]
    const members: number[] = []
    label[start] = start
    let edge = false
    while (stack.length > 0) {
      const at = stack.pop() as number
      members.push(at)
      const x = at % columns
      const y = (at - x) / columns
      if (x === 0 || y === 0 || x === columns - 1 || y === rows - 1) edge = true
      for (const next of neighbours(at, columns, rows)) {
        if (label[next] === -1 && (clipped[next] ?? 0) >= 0.9) {
          label[next] = start
          stack.push(next)
        }
      }
    }
    if (edge || members.length < 2) continue
    // The ring: cells next to the patch, outside it.
    let ringSum = 0
    let ringCount = 0
    for (const at of members) {
      for (const next of neighbours(at, columns, rows)) {
        if (label[next] === start) continue
        ringSum += mean[next] ?? 0
        ringCount += 1
      }
    }
    const ring = ringCount ? ringSum / ringCount : 255
    if (ring > paper + 8) best = Math.max(best, members.length / (columns * rows))
  }
  return best
}

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
  /** Above this share of clipped pixels: overexposure (unless the frame is a page). */
  maxClipped: number
  /** Below this paper level, with no highlight above `minHighlight`: underexposed. */
  minPaper: number
  minHighlight: number
  /** From this share of the frame, a blown-out patch with a halo is glare; past the most, overexposure. */
  minGlare: number
  maxGlare: number
  /** A frame this sharp with this share of flat white cells is a page (`isPageLike`). */
  minPageSharpness: number
  minPageFlat: number
  /** Below this long edge in pixels: too small to read. */
  minLongEdge: number
}

export const DEFAULT_THRESHOLDS: QualityThresholds = {
  minSharpness: 1,
  maxAnisotropy: 7.4,
  minMean: 40,
  maxMean: 215,
  maxClipped: 0.08,
  minPaper: 100,
  minHighlight: 120,
  minGlare: 0.006,
  maxGlare: 0.15,
  minPageSharpness: 20,
  minPageFlat: 0.05,
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
  const histogram = new Uint32Array(256)
  for (const value of gray) {
    const level = Math.max(0, Math.min(255, Math.round(value)))
    histogram[level] = (histogram[level] ?? 0) + 1
  }
  const grid = cells(gray, width, height)
  // The paper: bright cells that are not blown out.
  const cellHistogram = new Uint32Array(256)
  let unblown = 0
  grid.mean.forEach((value, index) => {
    if ((grid.clipped[index] ?? 0) >= 0.9) return
    const level = Math.min(255, Math.round(value))
    cellHistogram[level] = (cellHistogram[level] ?? 0) + 1
    unblown += 1
  })
  const paper = unblown ? percentile(cellHistogram, unblown, 0.9) : 255
  const darkestHistogram = new Uint32Array(256)
  for (const value of grid.darkest) {
    const level = Math.min(255, Math.round(value))
    darkestHistogram[level] = (darkestHistogram[level] ?? 0) + 1
  }
  return {
    ...size,
    mean,
    clipped: clipped / count,
    laplacianVariance,
    contrast,
    directionalMin,
    anisotropy,
    ink: percentile(darkestHistogram, grid.darkest.length, 0.1),
    highlight: percentile(histogram, count, 0.99),
    paper,
    glare: glareArea(grid, paper),
    flat: grid.clipped.filter((share) => share >= 0.99).length / Math.max(1, grid.clipped.length),
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

/**
 * A page rather than a scene: crisp edges over flat, blown-out white (a scan, a screenshot, a
 * white page filling the frame). Its white is paper, not overexposure.
 */
export function isPageLike(stats: PhotoStats, thresholds: QualityThresholds = DEFAULT_THRESHOLDS) {
  const sharpness = sharpnessOf(stats)
  // A scan half in shadow is softer; its paper is still the scanner's white.
  const crisp =
    sharpness >= thresholds.minPageSharpness ||
    (sharpness >= thresholds.minPageSharpness * 0.75 &&
      stats.paper >= 245 &&
      stats.flat >= thresholds.minPageFlat * 4)
  return crisp && stats.flat >= thresholds.minPageFlat
}

/**
 * What may make the photo hard to read, in a fixed order; empty when nothing does. `face`: the
 * selfie, where a shine on skin is no glare over text.
 */
export function qualityWarnings(
  stats: PhotoStats,
  thresholds: QualityThresholds = DEFAULT_THRESHOLDS,
  face = false,
): QualityWarning[] {
  const warnings: QualityWarning[] = []
  const sharpness = sharpnessOf(stats)
  // A page's flat white around text that lost its edges: blurred, not overexposed.
  const blurredPage =
    stats.flat >= thresholds.minPageFlat * 4 &&
    stats.paper >= 245 &&
    sharpness < thresholds.minPageSharpness / 4
  if (Math.max(stats.width, stats.height) < thresholds.minLongEdge) warnings.push('small')
  else if (
    sharpness < thresholds.minSharpness ||
    blurredPage ||
    (stats.anisotropy > thresholds.maxAnisotropy && stats.directionalMin < 1)
  ) {
    warnings.push('blurry')
  }
  if (
    stats.mean < thresholds.minMean ||
    (stats.paper < thresholds.minPaper && stats.highlight < thresholds.minHighlight)
  ) {
    warnings.push('dark')
  } else if (!face && stats.glare >= thresholds.minGlare && stats.glare <= thresholds.maxGlare) {
    warnings.push('glare')
  } else if (
    !isPageLike(stats, thresholds) &&
    !blurredPage &&
    (stats.mean > thresholds.maxMean || stats.clipped > thresholds.maxClipped)
  ) {
    warnings.push('bright')
  }
  return warnings
}
