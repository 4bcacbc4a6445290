/*
 * Drops what a photo says besides its pixels, without re-encoding them: a JPEG keeps its frame,
 * tables, scans, JFIF header, colour profile (ICC, APP2) and Adobe colour transform (APP14), and
 * loses EXIF (GPS, camera, dates), XMP, IPTC/Photoshop, comments, the other APP segments and
 * anything after the image (a motion photo's video, a Samsung trailer, an MPO's second image).
 * A PNG keeps its image chunks and colour chunks and loses its text, EXIF and time chunks.
 */
import { concatBytes } from '../core/bytes.ts'

export interface StrippedImage {
  /** The bytes to send. */
  bytes: Uint8Array
  /**
   * The EXIF orientation (1-8) the viewer had to apply; 1 or absent means the pixels are
   * upright as stored. Anything else must be re-encoded upright, since the tag is gone.
   */
  orientation: number
  /** Whether any metadata was dropped. */
  changed: boolean
}

const u16 = (bytes: Uint8Array, at: number) => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0)
const text = (bytes: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...bytes.subarray(from, from + length))

/** The orientation tag (0x0112) of an EXIF payload (the TIFF structure after `Exif\0\0`). */
export function exifOrientation(tiff: Uint8Array): number {
  if (tiff.length < 8) return 1
  const little = tiff[0] === 0x49
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength)
  const read16 = (at: number) => (at + 2 <= tiff.length ? view.getUint16(at, little) : 0)
  const ifd = tiff.length >= 8 ? view.getUint32(4, little) : 0
  const count = read16(ifd)
  for (let index = 0; index < count; index += 1) {
    const entry = ifd + 2 + index * 12
    if (entry + 12 > tiff.length) break
    if (read16(entry) === 0x0112) {
      const value = read16(entry + 8)
      return value >= 1 && value <= 8 ? value : 1
    }
  }
  return 1
}

/**
 * The EXIF orientation of a JPEG from its first bytes (its metadata segments come before the
 * image), 1 when it has none or it is not in them.
 */
export function jpegOrientation(head: Uint8Array): number {
  let at = 2
  while (at + 4 <= head.length && head[at] === 0xff) {
    const marker = head[at + 1] ?? 0
    const end = at + 2 + u16(head, at + 2)
    if (marker === 0xda || marker === 0xd9 || end > head.length) break
    if (marker === 0xe1 && text(head, at + 4, 6) === 'Exif\0\0') {
      return exifOrientation(head.subarray(at + 10, end))
    }
    at = end
  }
  return 1
}

/** Whether an APPn segment is one a decoder needs for colour (kept), not metadata. */
function keepsApp(marker: number, bytes: Uint8Array, payload: number): boolean {
  if (marker === 0xe0) return text(bytes, payload, 5) === 'JFIF\0'
  if (marker === 0xe2) return text(bytes, payload, 12) === 'ICC_PROFILE\0'
  if (marker === 0xee) return text(bytes, payload, 5) === 'Adobe'
  return false
}

/** A JPEG without its metadata; throws when its structure cannot be walked (re-encode it then). */
export function stripJpeg(bytes: Uint8Array): StrippedImage {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG')
  const parts: Uint8Array[] = [bytes.subarray(0, 2)]
  let orientation = 1
  let changed = false
  let at = 2
  for (;;) {
    if (at >= bytes.length) throw new Error('no end-of-image marker')
    if (bytes[at] !== 0xff) throw new Error('expected a marker')
    while (bytes[at + 1] === 0xff) at += 1
    const marker = bytes[at + 1] ?? 0
    if (marker === 0xd9) {
      parts.push(bytes.subarray(at, at + 2))
      changed ||= at + 2 < bytes.length
      return { bytes: changed ? concatBytes(parts) : bytes, orientation, changed }
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(bytes.subarray(at, at + 2))
      at += 2
      continue
    }
    const length = u16(bytes, at + 2)
    if (length < 2 || at + 2 + length > bytes.length) throw new Error('segment runs past the end')
    const end = at + 2 + length
    const payload = at + 4
    const isApp = marker >= 0xe0 && marker <= 0xef
    if (marker === 0xe1 && text(bytes, payload, 6) === 'Exif\0\0') {
      orientation = exifOrientation(bytes.subarray(payload + 6, end))
    }
    if ((isApp && !keepsApp(marker, bytes, payload)) || marker === 0xfe) {
      changed = true
      at = end
      continue
    }
    parts.push(bytes.subarray(at, end))
    at = end
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      let scan = at
      while (scan + 1 < bytes.length) {
        if (bytes[scan] === 0xff) {
          const next = bytes[scan + 1] ?? 0
          if (next !== 0 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break
        }
        scan += 1
      }
      parts.push(bytes.subarray(at, scan))
      at = scan
    }
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
/** Chunks that carry words, places or times, not pixels or colour. */
const PNG_METADATA = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME'])

/** A PNG without its text, EXIF and time chunks; throws when its chunks cannot be walked. */
export function stripPng(bytes: Uint8Array): StrippedImage {
  if (!PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) throw new Error('not a PNG')
  const parts: Uint8Array[] = [bytes.subarray(0, 8)]
  let orientation = 1
  let changed = false
  let at = 8
  for (;;) {
    if (at + 12 > bytes.length) throw new Error('no IEND chunk')
    const length = ((u16(bytes, at) << 16) >>> 0) + u16(bytes, at + 2)
    const type = text(bytes, at + 4, 4)
    const end = at + 12 + length
    if (end > bytes.length) throw new Error('chunk runs past the end')
    if (type === 'eXIf') orientation = exifOrientation(bytes.subarray(at + 8, at + 8 + length))
    if (PNG_METADATA.has(type)) changed = true
    else parts.push(bytes.subarray(at, end))
    at = end
    if (type === 'IEND') {
      changed ||= at < bytes.length
      return { bytes: changed ? concatBytes(parts) : bytes, orientation, changed }
    }
  }
}

/** `stripJpeg` or `stripPng` by the file's kind. */
export function stripMetadata(kind: 'jpeg' | 'png', bytes: Uint8Array): StrippedImage {
  return kind === 'jpeg' ? stripJpeg(bytes) : stripPng(bytes)
}
