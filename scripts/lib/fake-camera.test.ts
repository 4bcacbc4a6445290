import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { rgbToI420 } from './fake-camera.mjs'

const run = promisify(execFile)

describe('the fake camera video', () => {
  it('writes BT.601 limited-range I420: black and white at 16 and 235, grey without colour', () => {
    // A 2 × 2 block each: black, white, mid grey and pure red, side by side (8 × 2 pixels).
    const colours = [
      [0, 0, 0],
      [255, 255, 255],
      [128, 128, 128],
      [255, 0, 0],
    ]
    const rgb = new Uint8Array(8 * 2 * 3)
    for (let y = 0; y < 2; y += 1) {
      for (let x = 0; x < 8; x += 1) rgb.set(colours[x >> 1] ?? [], (y * 8 + x) * 3)
    }
    const planes = rgbToI420(rgb, 8, 2)
    expect(planes).toHaveLength(8 * 2 + 2 * 4)
    expect([...planes.slice(0, 8)]).toEqual([16, 16, 235, 235, 126, 126, 81, 81])
    expect([...planes.slice(16, 20)]).toEqual([128, 128, 128, 90])
    expect([...planes.slice(20, 24)]).toEqual([128, 128, 128, 240])
  })

  it('is made whole when several test workers ask for the same video at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-camera-'))
    try {
      const script = `
        import { fakeCameraVideo } from ${JSON.stringify(join(import.meta.dirname, 'fake-camera.mjs'))}
        fakeCameraVideo(${JSON.stringify(dir)}, 'same', {
          source: 'xc:gray', width: 64, height: 48, fps: 10,
          parts: [{ operations: [], frames: 20 }, { operations: ['-blur', '0x3'], frames: 20 }],
        })`
      const workers = Array.from({ length: 4 }, () =>
        run(process.execPath, ['--input-type=module', '-e', script]),
      )
      const outcomes = await Promise.allSettled(workers)
      expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(4).fill('fulfilled'))
      const files = readdirSync(dir)
      expect(files).toHaveLength(1)
      const header = 'YUV4MPEG2 W64 H48 F10:1 Ip A1:1 C420jpeg\n'.length
      const frame = 'FRAME\n'.length + 64 * 48 * 1.5
      expect(statSync(join(dir, files[0] ?? '')).size).toBe(header + 40 * frame)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
