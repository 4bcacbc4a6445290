// The photo step's decode as it was before decode-photo.ts, for the decode bench to compare with:
// createImageBitmap at full size (`full`) or with its resize options (`resize`), then what the
// step does with an oversized JPEG (draw at the sent size, encode, read a 640 px copy).
function draw(source, width, height) {
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d', { willReadFrequently: true })
  context.imageSmoothingEnabled = true
  context.imageSmoothingQuality = 'high'
  context.drawImage(source, 0, 0, width, height)
  return { canvas, context }
}

onmessage = async ({ data: { blob, mode, target } }) => {
  const start = performance.now()
  const options = { imageOrientation: 'from-image' }
  if (mode === 'resize') {
    Object.assign(options, {
      resizeWidth: target.width,
      resizeHeight: target.height,
      resizeQuality: 'high',
    })
  }
  const bitmap = await createImageBitmap(blob, options)
  const { canvas } = draw(bitmap, target.width, target.height)
  bitmap.close()
  const encoding = canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 })
  const scale = 640 / Math.max(target.width, target.height)
  const small = [Math.round(target.width * scale), Math.round(target.height * scale)]
  draw(canvas, ...small).context.getImageData(0, 0, ...small)
  const encoded = await encoding
  postMessage({ ms: performance.now() - start, bytes: encoded.size, ...target })
}
