// Large phone photos for the photo step's tests and bench (48 and 108 megapixels), made by
// ImageMagick from a real photo of scripts/bench/photos/ and cached: ImageMagick's Debian policy
// (256 MiB of memory, 1 GiB of disk) lets it noise a 12-megapixel tile but not a 108-megapixel
// image, so the noisy tile is repeated across the frame, which costs about 4 s.
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gpsExifSegment, withSegments } from '../../e2e/fixtures/generate.mjs'

const COFFEE = fileURLToPath(new URL('../bench/photos/coffee.jpg', import.meta.url))

/**
 * A `width` × `height` JPEG as a phone stores it (sensor noise, quality 88, EXIF with GPS and the
 * given `orientation`), with a black bar down its stored left tenth: with orientation 6 that bar
 * is the top of the upright photo, so a test can tell which way up it was sent. Made once per
 * recipe in `dir`; returns the path.
 */
export function largePhonePhoto(dir, { width, height, orientation = 1 }) {
  const recipe = JSON.stringify({ width, height, orientation, version: 1 })
  const hash = createHash('sha256').update(recipe).digest('hex').slice(0, 10)
  const out = join(dir, `phone-${width}x${height}-o${orientation}-${hash}.jpg`)
  if (existsSync(out)) return out
  mkdirSync(dir, { recursive: true })
  const tile = `${Math.round(width / 3)}x${Math.round(height / 3)}!`
  const jpeg = execFileSync(
    '/usr/bin/convert',
    [
      COFFEE,
      ...['-filter', 'Lanczos', '-resize', tile, '-seed', '7', '-attenuate', '0.2'],
      ...['+noise', 'Gaussian', '-write', 'mpr:tile', '+delete'],
      ...['-size', `${width}x${height}`, 'tile:mpr:tile', '-fill', 'black'],
      ...['-draw', `rectangle 0,0 ${Math.round(width / 10) - 1},${height - 1}`],
      ...['-quality', '88', 'jpeg:-'],
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  )
  // Each writer has its own partial file: two test workers may make the same photo at once, and
  // the rename of either leaves a complete file under the final name.
  const partial = `${out}.${process.pid}-${randomBytes(4).toString('hex')}.partial`
  try {
    writeFileSync(partial, withSegments(jpeg, [gpsExifSegment(orientation)]))
    renameSync(partial, out)
  } finally {
    rmSync(partial, { force: true })
  }
  return out
}
