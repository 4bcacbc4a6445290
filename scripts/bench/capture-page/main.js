// The photo bench page: the widget's photo step (src/capture/, built by Vite with its worker, as
// a host's bundler builds it) on files the bench hands over, plus a long-task probe.
import { preparePhoto } from 'kyc-uploader-capture'

const capture = { longTasks: [] }
window.__capture = capture

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    capture.longTasks.push({ start: entry.startTime, duration: entry.duration })
  }
}).observe({ type: 'longtask', buffered: true })

/** Runs the photo step on a file fetched from the page's server; what it made and how long. */
capture.prepare = async (url, options) => {
  const blob = await (await fetch(url)).blob()
  const start = performance.now()
  const prepared = await preparePhoto(blob, 'jpeg', options)
  const end = performance.now()
  const bitmap = await createImageBitmap(prepared.file)
  const head = new Uint8Array(await prepared.file.slice(0, 65536).arrayBuffer())
  const text = Array.from(head, (byte) => String.fromCharCode(byte)).join('')
  const result = {
    start,
    end,
    ms: end - start,
    inputBytes: blob.size,
    outputBytes: prepared.file.size,
    width: bitmap.width,
    height: bitmap.height,
    hasExif: text.includes('Exif\0\0'),
    warnings: prepared.warnings,
    stats: prepared.stats ?? null,
  }
  bitmap.close()
  return result
}
