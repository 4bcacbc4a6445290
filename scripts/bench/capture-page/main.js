// The photo bench page: the widget's photo step (src/capture/, built by Vite with its worker, as
// a host's bundler builds it) on files the bench hands over, plus a long-task probe.
import { preparePhoto } from 'kyc-uploader-capture'
import { validateDocumentFile } from 'kyc-uploader-validate'

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

/** The widget's file check (src/core/validate.ts) on a file fetched from the page's server. */
capture.validate = async (url, name) => {
  const blob = await (await fetch(url)).blob()
  const file = new File([blob], name)
  return validateDocumentFile(file, { shrinksPhotos: true })
}

/** Whether Chromium decodes the image, as a reviewer's browser would have to. */
capture.decodes = async (url) => {
  const blob = await (await fetch(url)).blob()
  try {
    const bitmap = await createImageBitmap(blob)
    bitmap.close()
    return true
  } catch {
    return false
  }
}

/** The photo step on a file, and which kinds of metadata are left in what it would send. */
capture.sent = async (url, kind) => {
  const blob = await (await fetch(url)).blob()
  const prepared = await preparePhoto(blob, kind, {})
  if (prepared.refusal) return { refused: prepared.refusal, metadata: [] }
  const text = Array.from(new Uint8Array(await prepared.file.arrayBuffer()), (byte) =>
    String.fromCharCode(byte),
  ).join('')
  const markers = {
    exif: 'Exif\0\0',
    xmp: 'http://ns.adobe.com/xap',
    iptc: 'Photoshop 3.0',
    comment: '\xff\xfe',
    pngText: 'tEXt',
  }
  const metadata = Object.keys(markers).filter((key) =>
    key === 'comment'
      ? /\xff\xfe[\s\S]{2}/.test(text.slice(0, text.indexOf('\xff\xda')))
      : text.includes(markers[key]),
  )
  return { refused: null, metadata, bytes: prepared.file.size }
}

/** The photo step alone on a file fetched from the page's server: its time and what it sends. */
capture.step = async (url) => {
  const blob = await (await fetch(url)).blob()
  const start = performance.now()
  const prepared = await preparePhoto(blob, 'jpeg', {})
  const ms = performance.now() - start
  return { ms, bytes: prepared.file.size, warnings: prepared.warnings, stats: prepared.stats }
}

/** The decode the photo step did before decode-photo.ts (`full`, or `resize`), for comparison. */
capture.decodeBaseline = async (url, mode, target) => {
  const blob = await (await fetch(url)).blob()
  const worker = new Worker(new URL('./decode-baseline.worker.js', import.meta.url), {
    type: 'module',
  })
  try {
    return await new Promise((resolve) => {
      worker.onmessage = (event) => resolve(event.data)
      worker.postMessage({ blob, mode, target })
    })
  } finally {
    worker.terminate()
  }
}
