// The recipe of kyc-uploader/testing's fixture files (src/testing/fixtures/), committed with its
// output: rendered by Chromium the way e2e/fixtures/generate.mjs renders the e2e suite's, only
// smaller, so the package carries them as bytes. Run it again only to change them:
//   node scripts/make-testing-fixtures.mjs
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { exifSegment, renderOriginals, withSegments } from '../e2e/fixtures/generate.mjs'

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'testing', 'fixtures')

// The photo 1200 × 900: over the widget's 1000 px "too small" line, sharp and well exposed, so
// it goes through the photo checks without a warning; EXIF as a phone writes it (no GPS).
const { pdf, png, jpeg } = await renderOriginals({
  width: 1200,
  height: 900,
  noise: 4,
  quality: 0.8,
})
const files = {
  'document.pdf': pdf,
  'camera-photo.jpg': withSegments(jpeg, [exifSegment()]),
  'screenshot.png': png,
}
for (const [name, bytes] of Object.entries(files)) {
  writeFileSync(join(out, name), bytes)
  console.log(`${name}: ${bytes.length} bytes`)
}
