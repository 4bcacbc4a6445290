// The photo step on large phone photos (48 and 108 megapixels, EXIF orientation 6, made by
// scripts/lib/large-photo.mjs): the page renderer's peak resident memory while it runs (Linux
// VmHWM minus the VmRSS just before, in a fresh Chromium each run: the photo worker, its decoded
// pixels and its canvases live in that process) and its time, for the widget's photo step
// (decode-photo.ts) against the full decode it replaced and against createImageBitmap's resize
// options. Chromium on Linux only (it reads /proc).
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { largePhonePhoto } from '../lib/large-photo.mjs'
import { launchChromium } from './browser.mjs'
import { buildCapturePage, serve } from './capture.mjs'
import { median, result } from './stats.mjs'

const RUNS = 3
const PHOTOS = [
  { width: 8000, height: 6000, orientation: 6 },
  { width: 12000, height: 9000, orientation: 6 },
]
const WAYS = {
  widget: 'the photo step (decode-photo.ts)',
  full: 'full decode (the step before)',
  resize: 'createImageBitmap resize options',
}

const status = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return ''
  }
}
const kib = (text, key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? 0)

/** Chromium's renderer processes among this process's descendants. */
function renderers() {
  const parents = new Map()
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry)) parents.set(Number(entry), kib(status(entry), 'PPid'))
  }
  const ours = (pid) => {
    for (let at = parents.get(pid); at && at > 1; at = parents.get(at)) {
      if (at === process.pid) return true
    }
    return false
  }
  return [...parents.keys()].filter((pid) => {
    if (!ours(pid)) return false
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')
    } catch {
      return false
    }
  })
}

/** One run in a fresh browser: the renderer's peak growth in MB, the time and the bytes sent. */
async function measure(url, way, file, target) {
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    await page.goto(url)
    const before = new Map(renderers().map((pid) => [pid, kib(status(pid), 'VmRSS')]))
    const outcome =
      way === 'widget'
        ? await page.evaluate((path) => window.__capture.step(path), file)
        : await page.evaluate(
            ([path, mode, size]) => window.__capture.decodeBaseline(path, mode, size),
            [file, way, target],
          )
    const growth = Math.max(...[...before].map(([pid, rss]) => kib(status(pid), 'VmHWM') - rss))
    return { mb: growth / 1024, ms: outcome.ms, bytes: outcome.bytes }
  } finally {
    await browser.close()
  }
}

export async function benchPhotoDecode({ work, log = console.log }) {
  const photosDir = join(work, 'large-photos')
  const pageDir = await buildCapturePage(join(work, 'capture-page'))
  const server = await serve(pageDir, [photosDir])
  const results = []
  try {
    for (const photo of PHOTOS) {
      const path = largePhonePhoto(photosDir, photo)
      const turned = photo.orientation >= 5
      const scale = 2560 / Math.max(photo.width, photo.height)
      const target = {
        width: Math.round((turned ? photo.height : photo.width) * scale),
        height: Math.round((turned ? photo.width : photo.height) * scale),
      }
      const runs = Object.fromEntries(Object.keys(WAYS).map((way) => [way, []]))
      // Alternating the ways, so the load of the machine weighs on each alike.
      for (let run = 0; run < RUNS; run += 1) {
        for (const way of Object.keys(WAYS)) {
          runs[way].push(await measure(server.url, way, `/files${path}`, target))
        }
      }
      const megapixels = (photo.width * photo.height) / 1e6
      const line = (way) => {
        const mb = runs[way].map((entry) => entry.mb)
        const ms = runs[way].map((entry) => entry.ms)
        return `${WAYS[way]}: peak +${median(mb).toFixed(0)} MB (${mb.map((v) => v.toFixed(0)).join(', ')}), ${median(ms).toFixed(0)} ms (${ms.map((v) => v.toFixed(0)).join(', ')})`
      }
      for (const way of Object.keys(WAYS)) log(`  ${megapixels} MP: ${line(way)}`)
      const widget = median(runs.widget.map((entry) => entry.mb))
      const full = median(runs.full.map((entry) => entry.mb))
      results.push(
        result(`photo step on a ${megapixels} MP photo (orientation 6): renderer peak memory`, {
          figure: `${line('widget')}; ${line('full')}; ${line('resize')}`,
          target: '≤ 150 MB, whatever the photo',
          pass: widget <= 150,
          values: { photo, runs, widget, full },
        }),
      )
    }
  } finally {
    server.close()
  }
  return results
}
