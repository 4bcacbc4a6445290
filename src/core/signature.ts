/** What the first bytes of a file say it is. Only `pdf`, `jpeg` and `png` are accepted documents. */
export type FileKind =
  'pdf' | 'jpeg' | 'png' | 'heic' | 'webp' | 'gif' | 'svg' | 'zip' | 'executable' | 'unknown'

export type DocumentKind = 'pdf' | 'jpeg' | 'png'

/** How many leading bytes `detectFileKind` needs. */
export const SIGNATURE_LENGTH = 64

export const CONTENT_TYPE_OF: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
}

export function isDocumentKind(kind: FileKind): kind is DocumentKind {
  return Object.hasOwn(CONTENT_TYPE_OF, kind)
}

/** Bytes as a string of the same length, one code point (0-255) per byte. */
function ascii(bytes: Uint8Array, from = 0, to = bytes.length): string {
  let text = ''
  for (let index = Math.max(0, from); index < Math.min(to, bytes.length); index += 1) {
    text += String.fromCharCode(bytes[index] ?? 0)
  }
  return text
}

// ISO-BMFF brands of HEIF images: heic, heix, heim, heis, hevc, hevx, mif1, msf1, avif.
const HEIF_BRAND = /^(hei[cxms]|hev[cx]|m[is]f1|avif)$/

/** Identifies a file by its leading bytes (pass at least `SIGNATURE_LENGTH` of them). */
export function detectFileKind(head: Uint8Array): FileKind {
  // `ascii` maps bytes to code points one to one, so signatures are written as strings of those
  // code points (`\xff\xd8\xff` is a JPEG's 0xFF 0xD8 0xFF) and a UTF-8 byte order mark reads
  // as "ï»¿".
  const start = ascii(head)
  const is = (signature: string) => start.startsWith(signature)
  if (is('%PDF-')) return 'pdf'
  if (is('\xff\xd8\xff')) return 'jpeg'
  if (is('\x89PNG\r\n\x1a\n')) return 'png'
  if (start.slice(4, 8) === 'ftyp' && HEIF_BRAND.test(start.slice(8, 12))) return 'heic'
  if (is('RIFF') && start.slice(8, 12) === 'WEBP') return 'webp'
  if (is('GIF8')) return 'gif'
  if (is('PK\x03\x04')) return 'zip'
  // Windows (MZ), ELF, Mach-O (64-bit, little-endian) and scripts (#!).
  if (['MZ', '\x7fELF', '\xcf\xfa\xed\xfe', '#!'].some(is)) return 'executable'
  // Readers accept a PDF header anywhere in the first 1024 bytes (after a mail or web header).
  if (pdfHeaderOffset(head) > 0) return 'pdf'
  const text = start.replace(/^(\u00EF\u00BB\u00BF)?\s*/, '').toLowerCase()
  const prolog = text.startsWith('<?xml') || text.startsWith('<!')
  if (text.startsWith('<svg') || (prolog && text.includes('<svg'))) return 'svg'
  return 'unknown'
}

/** Where `%PDF-` starts within the first 1024 bytes, as readers look for it; -1 when it does not. */
export function pdfHeaderOffset(head: Uint8Array): number {
  return ascii(head, 0, 1024 + 4).indexOf('%PDF-')
}

/** What the end of a complete file holds: PDF's %%EOF, PNG's IEND chunk, JPEG's 0xFF 0xD9. */
const END_MARKER: Record<DocumentKind, string> = { pdf: '%%EOF', png: 'IEND', jpeg: '\xff\xd9' }

/**
 * Whether the end of a file looks like the end of a complete document of that kind.
 * `tail` holds the last bytes of the file (see `TAIL_LENGTH`).
 */
export function hasCompleteEnding(kind: DocumentKind, tail: Uint8Array): boolean {
  // Readers look for a PDF's end-of-file marker in the last 1024 bytes. Looking further back
  // would accept a linearized file cut off after its first-page section, which ends in %%EOF
  // too. Some cameras pad after a JPEG's end-of-image marker, so the whole tail is searched.
  return ascii(tail, kind === 'pdf' ? tail.length - 1024 : 0).includes(END_MARKER[kind])
}

const ENCRYPT_ENTRY = /\/Encrypt\s*(?:\d+\s+\d+\s+R|<<)/

/**
 * Whether these bytes of a PDF hold a trailer (or cross-reference stream dictionary) that names
 * an `/Encrypt` dictionary: such a file needs a password to open. Only the entry counts, not the
 * word, which may appear in page text. Pass every region a trailer can sit in (see
 * `pdfTrailerOffsets`).
 */
export function isEncryptedPdf(bytes: Uint8Array): boolean {
  return ENCRYPT_ENTRY.test(ascii(bytes))
}

/**
 * Where, besides the file's head and tail, a PDF's trailers may start: the cross-reference
 * section that the last `startxref` points to (for a cross-reference stream its dictionary is
 * there, however long the stream), and, for a linearized file, the first-page trailer after the
 * first cross-reference table. `head` and `tail` are the file's first and last bytes.
 */
export function pdfTrailerOffsets(head: Uint8Array, tail: Uint8Array, size: number): number[] {
  const offsets: number[] = []
  const ending = ascii(tail)
  const startxref = [...ending.matchAll(/startxref\s+(\d+)/g)].pop()
  if (startxref?.[1] !== undefined) offsets.push(Number(startxref[1]))
  const start = ascii(head)
  if (/\/Linearized\s/.test(start.slice(0, 1024))) {
    // The first table follows the linearization dictionary: "xref\n<first> <count>\n" and
    // `count` entries of exactly 20 bytes each, then the first-page trailer.
    const table = /endobj\s+xref\s+\d+\s+(\d+)[ \t]*\r?\n/.exec(start)
    if (table?.[1] !== undefined)
      offsets.push(table.index + table[0].length + Number(table[1]) * 20)
  }
  return offsets.filter((offset) => Number.isSafeInteger(offset) && offset >= 0 && offset < size)
}

/** How many trailing bytes the completeness and encryption checks read. */
export const TAIL_LENGTH = 4096

/**
 * How many leading bytes of a JPEG may hold its metadata: APP segments are at most 64 KB each,
 * and motion-photo XMP follows the EXIF segment.
 */
export const JPEG_METADATA_LENGTH = 160 * 1024

const END_OF_IMAGE_SLACK = 64

/**
 * Where the image of a motion photo ends, for a JPEG that carries a video after its image:
 * Google's (XMP `MotionPhoto` with the video item's `Length`, or the older `MicroVideoOffset`),
 * as a byte offset from the end of the file. `undefined` when `head` (the first
 * `JPEG_METADATA_LENGTH` bytes) declares no such video.
 */
export function motionPhotoVideoLength(head: Uint8Array): number | undefined {
  const text = ascii(head)
  const flag = /GCamera:(?:MotionPhoto|MicroVideo)(?:\s*=\s*"1"|>1<)/.test(text)
  if (!flag) return undefined
  const offset = /GCamera:MicroVideoOffset(?:\s*=\s*"|>)(\d+)/.exec(text)?.[1]
  if (offset !== undefined) return Number(offset)
  const item = /Item:Semantic\s*=\s*"MotionPhoto"[^>]*?Item:Length\s*=\s*"(\d+)"/.exec(text)?.[1]
  const itemBefore = /Item:Length\s*=\s*"(\d+)"[^>]*?Item:Semantic\s*=\s*"MotionPhoto"/.exec(text)
  const length = item ?? itemBefore?.[1]
  return length === undefined ? undefined : Number(length)
}

/** Whether a JPEG's end is a Samsung trailer (`SEFT`), which follows the image in its photos. */
export function hasSamsungTrailer(tail: Uint8Array): boolean {
  return ascii(tail, tail.length - 4) === 'SEFT'
}

/** Whether `bytes`, the last bytes of a JPEG's image part, hold its end-of-image marker. */
export function endsJpegImage(bytes: Uint8Array): boolean {
  return hasCompleteEnding('jpeg', bytes.slice(Math.max(0, bytes.length - END_OF_IMAGE_SLACK)))
}

/** How many leading bytes the checks read: the signature, and a linearized PDF's first trailer. */
export const HEAD_LENGTH = 4096

/** How many bytes are read at each trailer offset that `pdfTrailerOffsets` names. */
export const TRAILER_LENGTH = 2048

/** What a JPEG's frame header (SOFn) says: how it is coded, and the image's size. */
export interface JpegFrame {
  /** The SOF marker's low byte: 0xC0 baseline, 0xC2 progressive, 0xC3 lossless, 0xF7 JPEG-LS… */
  marker: number
  /** Bits per sample: 8 for what browsers show, 12 or 16 for what they cannot. */
  precision: number
  width: number
  height: number
}

/**
 * The frame header of a JPEG, walking its segments from the start of `bytes` (its first bytes:
 * the frame follows the metadata, see `JPEG_METADATA_LENGTH`); `null` when it is not in them.
 */
export function jpegFrame(bytes: Uint8Array): JpegFrame | null {
  let at = 2
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null
    const marker = bytes[at + 1] ?? 0
    if (marker === 0xff) {
      at += 1
      continue
    }
    const isFrame =
      (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) ||
      marker === 0xf7
    if (isFrame) {
      const word = (offset: number) =>
        ((bytes[at + offset] ?? 0) << 8) | (bytes[at + offset + 1] ?? 0)
      return { marker, precision: bytes[at + 4] ?? 0, height: word(5), width: word(7) }
    }
    if (marker === 0xda || marker === 0xd9) return null
    at += 2 + (((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0))
  }
  return null
}

/** Frames Chromium, Firefox and Safari decode: baseline, extended and progressive Huffman, 8-bit. */
export function isBrowserJpeg(frame: JpegFrame): boolean {
  return [0xc0, 0xc1, 0xc2].includes(frame.marker) && frame.precision === 8
}

/** A PNG's size from its IHDR chunk (the first 24 bytes), `null` when it has none. */
export function pngSize(head: Uint8Array): { width: number; height: number } | null {
  if (head.length < 24 || ascii(head, 12, 16) !== 'IHDR') return null
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}
