import { concatBytes, latin1Bytes } from '../core/bytes.ts'
import { jpegBytes, pngBytes } from '../core/testing/files.ts'
import { exifOrientation, jpegOrientation, stripJpeg, stripPng } from './strip-metadata.ts'

const latin1 = latin1Bytes
const concat = (...parts: Uint8Array[]) => concatBytes(parts)
const contains = (haystack: Uint8Array, needle: string) =>
  new TextDecoder('latin1').decode(haystack).includes(needle)

function segment(marker: number, payload: Uint8Array) {
  const head = new Uint8Array([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 255])
  return concat(head, payload)
}

/** A little-endian EXIF payload with an orientation tag and a GPS IFD pointer. */
function exif(orientation: number) {
  const tiff = new Uint8Array(8 + 2 + 2 * 12 + 4)
  const view = new DataView(tiff.buffer)
  tiff.set(latin1('II*\0'))
  view.setUint32(4, 8, true)
  view.setUint16(8, 2, true)
  view.setUint16(10, 0x0112, true)
  view.setUint16(12, 3, true)
  view.setUint32(14, 1, true)
  view.setUint16(18, orientation, true)
  view.setUint16(22, 0x8825, true) // GPSInfo
  view.setUint16(24, 4, true)
  view.setUint32(26, 1, true)
  return concat(latin1('Exif\0\0'), tiff, latin1('GPS S 23 33 12.34 W 46 38 10.20'))
}

/** A real JPEG with EXIF (GPS), XMP, IPTC, a comment, an ICC profile, and a video after it. */
function phoneJpeg(orientation = 1) {
  const jpeg = jpegBytes()
  return concat(
    jpeg.subarray(0, 2),
    segment(0xe1, exif(orientation)),
    segment(0xe1, latin1('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLatitude</x:xmpmeta>')),
    segment(0xed, latin1('Photoshop 3.0\x008BIM IPTC city=Sao Paulo')),
    segment(0xfe, latin1('taken at home')),
    segment(0xe2, latin1('ICC_PROFILE\0\x01\x01 sRGB profile bytes')),
    jpeg.subarray(2),
    latin1('ftypmp42 motion photo video with its own GPS'),
  )
}

describe('stripJpeg', () => {
  it('drops EXIF, GPS, XMP, IPTC, comments and what follows the image, and keeps the ICC profile and the pixels', () => {
    const original = phoneJpeg()
    const { bytes, orientation, changed } = stripJpeg(original)
    expect(changed).toBe(true)
    expect(orientation).toBe(1)
    for (const gone of ['Exif', 'GPS', 'xmpmeta', 'IPTC', 'taken at home', 'ftypmp42']) {
      expect(contains(bytes, gone), gone).toBe(false)
    }
    expect(contains(bytes, 'ICC_PROFILE')).toBe(true)
    // The entropy-coded image is the original's, byte for byte.
    const scan = (data: Uint8Array) => {
      const text = new TextDecoder('latin1').decode(data)
      return text.slice(text.indexOf('\xff\xda'), text.lastIndexOf('\xff\xd9') + 2)
    }
    expect(scan(bytes)).toBe(scan(jpegBytes()))
    expect(bytes[bytes.length - 2]).toBe(0xff)
    expect(bytes[bytes.length - 1]).toBe(0xd9)
  })

  it('reports the orientation the EXIF tag applied, so the photo is turned upright instead', () => {
    expect(stripJpeg(phoneJpeg(6)).orientation).toBe(6)
    expect(exifOrientation(exif(8).subarray(6))).toBe(8)
  })

  it('reads the orientation from the first bytes alone, for a photo decoded at a reduced size', () => {
    expect(jpegOrientation(phoneJpeg(6).subarray(0, 400))).toBe(6)
    expect(jpegOrientation(jpegBytes())).toBe(1)
    // Cut inside the EXIF segment: not known, so taken as upright (the caller then checks).
    expect(jpegOrientation(phoneJpeg(6).subarray(0, 30))).toBe(1)
  })

  it('leaves a clean JPEG as it is', () => {
    const clean = jpegBytes()
    expect(stripJpeg(clean)).toMatchObject({ bytes: clean, changed: false })
  })

  it('throws on a JPEG it cannot walk, so the caller re-encodes it', () => {
    expect(() => stripJpeg(jpegBytes().subarray(0, 300))).toThrow()
  })
})

describe('stripPng', () => {
  it('drops text chunks and what follows IEND, and keeps the image chunks', () => {
    const png = pngBytes()
    const iend = png.length - 12
    const text = (type: string, data: string) => {
      const body = latin1(data)
      const chunk = new Uint8Array(12 + body.length)
      new DataView(chunk.buffer).setUint32(0, body.length)
      chunk.set(latin1(type), 4)
      chunk.set(body, 8)
      return chunk
    }
    const tagged = concat(
      png.subarray(0, 33),
      text('tEXt', 'Author\0Maria da Silva'),
      text('iTXt', 'XML:com.adobe.xmp\0\0\0\0\0GPS'),
      png.subarray(33, iend + 12),
      latin1('trailing'),
    )
    const { bytes, changed } = stripPng(tagged)
    expect(changed).toBe(true)
    expect(contains(bytes, 'Maria')).toBe(false)
    expect(contains(bytes, 'GPS')).toBe(false)
    expect(bytes).toEqual(png)
  })
})
