import { rgbToI420 } from './fake-camera.mjs'

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
})
