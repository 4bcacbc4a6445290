// The labelled corpus the photo checks are tuned on: every real photo in ./photos/, brought to a
// phone camera's size (long edge 2000 px), as it is and in small harmless variations (labelled
// good), then blurred, darkened, overexposed and shrunk with ImageMagick (labelled by defect).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const PHOTOS = fileURLToPath(new URL('./photos/', import.meta.url))
const CONVERT = '/usr/bin/convert'

/** Variants: label (`good` or the warning a user should get) and ImageMagick operations. */
export const VARIANTS = [
  ['good', 'as-is', []],
  ['good', 'brighter', ['-modulate', '115']],
  ['good', 'dimmer', ['-modulate', '80']],
  ['good', 'low-quality', ['-quality', '65']],
  ['good', 'tilted', ['-background', 'gray40', '-rotate', '4']],
  ['good', 'cropped', ['-gravity', 'center', '-crop', '75%x75%+0+0', '+repage']],
  ['blurry', 'blur-6', ['-blur', '0x6']],
  ['blurry', 'motion-20', ['-motion-blur', '0x20+30']],
  ['dark', 'dark-25', ['-evaluate', 'multiply', '0.25']],
  ['dark', 'dark-gamma', ['-gamma', '0.35', '-evaluate', 'multiply', '0.5']],
  ['bright', 'overexposed', ['-evaluate', 'multiply', '2.6']],
  ['bright', 'washed', ['-level', '0%,45%']],
  ['small', 'shrunk-25', ['-resize', '25%']],
  ['small', 'shrunk-15', ['-resize', '15%']],
]

/** Writes the corpus into `dir` once; returns its entries: { path, name, label, variant }. */
export function makeCorpus(dir) {
  mkdirSync(dir, { recursive: true })
  const entries = []
  for (const photo of readdirSync(PHOTOS).filter((name) => name.endsWith('.jpg'))) {
    const base = photo.replace(/\.jpg$/, '')
    for (const [label, variant, operations] of VARIANTS) {
      const path = join(dir, `${base}--${variant}.jpg`)
      if (!existsSync(path)) {
        execFileSync(CONVERT, [
          join(PHOTOS, photo),
          '-filter',
          'Lanczos',
          '-resize',
          '2000x2000',
          ...operations,
          ...(operations.includes('-quality') ? [] : ['-quality', '90']),
          path,
        ])
      }
      entries.push({ path, name: `${base}--${variant}`, label, variant })
    }
  }
  return entries
}
