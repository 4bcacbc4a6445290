import { grayscale, measurePhoto, qualityWarnings } from './quality.ts'

const SIZE = { width: 4000, height: 3000 }

/** A grayscale test card of `level` ± `swing`: bars across and down, sharp edges both ways. */
function card(width: number, height: number, level: number, swing: number): Float32Array {
  const gray = new Float32Array(width * height)
  const bar = (at: number, width: number) => (Math.floor(at / width) % 2 === 0 ? 1 : -1)
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const value = level + (swing / 2) * (bar(x, 20) + bar(y, 23))
      gray[y * width + x] = Math.max(0, Math.min(255, value))
    }
  }
  return gray
}

/** A box blur of `radius` along one direction (dx, dy), or both. */
function blur(gray: Float32Array, width: number, height: number, radius: number, dx = 1, dy = 1) {
  let out = gray
  for (const [sx, sy] of [
    [dx, 0],
    [0, dy],
  ] as const) {
    if (!sx && !sy) continue
    const next = new Float32Array(out.length)
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        let sum = 0
        let count = 0
        for (let step = -radius; step <= radius; step += 1) {
          const nx = x + step * sx
          const ny = y + step * sy
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue
          sum += out[ny * width + nx] ?? 0
          count += 1
        }
        next[y * width + x] = sum / count
      }
    }
    out = next
  }
  return out
}

const W = 160
const H = 120

describe('the photo checks', () => {
  it('find nothing wrong with a sharp, well-exposed photo of a good size', () => {
    expect(qualityWarnings(measurePhoto(card(W, H, 120, 60), W, H, SIZE))).toEqual([])
  })

  it('call a blurred photo blurry, and one shaken in a single direction too', () => {
    const sharp = card(W, H, 120, 60)
    expect(qualityWarnings(measurePhoto(blur(sharp, W, H, 10), W, H, SIZE))).toEqual(['blurry'])
    expect(qualityWarnings(measurePhoto(blur(sharp, W, H, 10, 1, 0), W, H, SIZE))).toEqual([
      'blurry',
    ])
  })

  it('call a dark photo dark, and a washed-out one bright', () => {
    expect(qualityWarnings(measurePhoto(card(W, H, 25, 20), W, H, SIZE))).toEqual(['dark'])
    expect(qualityWarnings(measurePhoto(card(W, H, 240, 40), W, H, SIZE))).toEqual(['bright'])
  })

  it('call a photo under 1000 px small, without judging its sharpness', () => {
    const small = { width: 480, height: 360 }
    expect(qualityWarnings(measurePhoto(card(W, H, 120, 2), W, H, small))).toEqual(['small'])
  })

  it('read luminance the BT.601 way', () => {
    const pixels = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255])
    expect(Array.from(grayscale(pixels), (value) => Math.round(value))).toEqual([76, 150, 29])
  })
})

describe('the photo checks on documents', () => {
  /** A white page: rows of dark text strokes on paper at `paper`. */
  function page(width: number, height: number, paper: number): Float32Array {
    const gray = new Float32Array(width * height).fill(paper)
    for (let y = 20; y < height - 20; y += 12) {
      for (let x = 20; x < width - 20; x += 1) {
        if (x % 9 < 6) {
          gray[y * width + x] = 30
          gray[(y + 1) * width + x] = 30
        }
      }
    }
    return gray
  }

  it('take a clean scan, white paper filling the frame, for a page, not for overexposure', () => {
    const stats = measurePhoto(page(W * 4, H * 4, 255), W * 4, H * 4, SIZE)
    expect(stats.mean).toBeGreaterThan(215)
    expect(qualityWarnings(stats)).toEqual([])
  })

  it('call a blown-out spot with a soft halo over the text glare, but not on a selfie', () => {
    const width = W * 4
    const height = H * 4
    const gray = page(width, height, 190)
    const [cx, cy, radius] = [width / 2, height / 2, 60]
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const distance = Math.hypot(x - cx, y - cy)
        const at = y * width + x
        if (distance < radius) gray[at] = 255
        else if (distance < radius * 2) {
          const halo = 1 - (distance - radius) / radius
          gray[at] = Math.min(255, (gray[at] ?? 0) + halo * 80)
        }
      }
    }
    const stats = measurePhoto(gray, width, height, SIZE)
    expect(qualityWarnings(stats)).toEqual(['glare'])
    expect(qualityWarnings(stats, undefined, true)).toEqual([])
  })
})
