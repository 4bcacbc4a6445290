import { shrinkLuma } from './frame-luma.ts'

describe('shrinkLuma', () => {
  it("averages each block of the luma plane, past the row's padding and the plane's offset", () => {
    // 4 × 2 samples in rows of 6 (2 bytes of padding), after 3 bytes of something else.
    const bytes = Uint8Array.from([9, 9, 9, 10, 20, 30, 40, 0, 0, 50, 60, 70, 80, 0, 0])
    const plane = { bytes, offset: 3, stride: 6, width: 4, height: 2 }
    expect([...shrinkLuma(plane, 2, 1, true)]).toEqual([35, 55])
  })

  it('stretches limited-range video (16-235) to 0-255, as grayscale() reads RGB', () => {
    const bytes = Uint8Array.from([16, 235, 126, 0, 255])
    const plane = { bytes, offset: 0, stride: 5, width: 5, height: 1 }
    const luma = shrinkLuma(plane, 5, 1, false)
    expect([...luma].map(Math.round)).toEqual([0, 255, 128, 0, 255])
  })

  it('shrinks by a ratio that is not whole, each sample counted once', () => {
    const bytes = Uint8Array.from([0, 30, 60, 90, 120])
    const plane = { bytes, offset: 0, stride: 5, width: 5, height: 1 }
    expect([...shrinkLuma(plane, 2, 1, true)]).toEqual([30, 105])
  })
})
