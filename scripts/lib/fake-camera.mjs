// Videos for Chromium's fake camera (`--use-file-for-fake-video-capture`), made without ffmpeg:
// ImageMagick renders each still as raw RGB, this module turns it into I420 (BT.601, limited
// range, as Chromium reads a .y4m) and writes a YUV4MPEG2 file: a header with the frame rate,
// then `FRAME` and the three planes for each frame. Chromium plays the file in a loop at the
// header's rate and copies its frames as they are (no decoding, unlike a Motion JPEG, which it
// also always plays at 30 fps whatever the file says).
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'

/** The I420 planes (Y, then U and V at half size) of packed RGB pixels. */
export function rgbToI420(rgb, width, height) {
  const chromaWidth = width >> 1
  const chromaHeight = height >> 1
  const out = new Uint8Array(width * height + 2 * chromaWidth * chromaHeight)
  for (let index = 0; index < width * height; index += 1) {
    const r = rgb[index * 3]
    const g = rgb[index * 3 + 1]
    const b = rgb[index * 3 + 2]
    out[index] = Math.round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255)
  }
  const u = width * height
  const v = u + chromaWidth * chromaHeight
  for (let y = 0; y < chromaHeight; y += 1) {
    for (let x = 0; x < chromaWidth; x += 1) {
      let r = 0
      let g = 0
      let b = 0
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        const at = ((2 * y + dy) * width + 2 * x + dx) * 3
        r += rgb[at] / 4
        g += rgb[at + 1] / 4
        b += rgb[at + 2] / 4
      }
      const at = y * chromaWidth + x
      out[u + at] = Math.round(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255)
      out[v + at] = Math.round(128 + (112 * r - 93.786 * g - 18.214 * b) / 255)
    }
  }
  return out
}

/**
 * A .y4m in `dir` of `source` resized to `width` × `height` (even numbers), at `fps` frames a
 * second, made of `parts`: each `{ operations, frames }`, ImageMagick operations applied after the
 * resize and how many frames they last. A part of one frame is a still picture, since the file
 * loops. Made once per recipe (its hash is in the name); returns the path.
 */
export function fakeCameraVideo(dir, name, { source, width, height, fps, parts }) {
  const recipe = JSON.stringify({ source, width, height, fps, parts })
  const hash = createHash('sha256').update(recipe).digest('hex').slice(0, 10)
  const out = join(dir, `${name}-${hash}.y4m`)
  if (existsSync(out)) return out
  mkdirSync(dir, { recursive: true })
  // Each writer has its own partial file: two test workers may make the same recipe at once, and
  // the rename of either leaves a complete file under the final name.
  const partial = `${out}.${process.pid}-${randomBytes(4).toString('hex')}.partial`
  const file = openSync(partial, 'w')
  try {
    writeSync(file, `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)
    for (const { operations, frames } of parts) {
      const rgb = execFileSync(
        '/usr/bin/convert',
        [source, '-resize', `${width}x${height}!`, ...operations, '-depth', '8', 'rgb:-'],
        { maxBuffer: width * height * 3 + 1024 },
      )
      const planes = rgbToI420(rgb, width, height)
      for (let frame = 0; frame < frames; frame += 1) {
        writeSync(file, 'FRAME\n')
        writeSync(file, planes)
      }
    }
  } catch (error) {
    closeSync(file)
    rmSync(partial, { force: true })
    throw error
  }
  closeSync(file)
  renameSync(partial, out)
  return out
}
