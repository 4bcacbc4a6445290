/**
 * Real files for tests: PDFs and PNGs built byte by byte to their specifications, and small
 * committed fixtures made by real encoders (ImageMagick for JPEG, WebP and HEIC; qpdf for the
 * password-protected PDFs; see `fixtures/README.md`). Node only (reads fixtures from disk).
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'
import { concatBytes } from '../bytes.ts'

const encoder = new TextEncoder()

/** Bytes backed by a plain `ArrayBuffer`, as `Blob` and `File` take them. */
export type Bytes = Uint8Array<ArrayBuffer>

function fixture(name: string): Bytes {
  // A path, not a URL object: under jsdom the global URL is not the one `fs` recognises.
  return new Uint8Array(
    readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', name)),
  )
}

const concat = (parts: readonly Uint8Array[]): Bytes => concatBytes(parts)

/** A deterministic byte stream (xorshift32), so "noisy" fixtures are the same on every run. */
export function pseudoRandomBytes(length: number, seed = 1): Bytes {
  const out = new Uint8Array(length)
  let state = seed >>> 0 || 1
  for (let index = 0; index < length; index += 1) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    out[index] = state & 0xff
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// PDF

export interface PdfOptions {
  /** Number of pages, each with a line of text. Default: 2. */
  pages?: number
  /** Text on every page after "Page n of m". Default: 'KYC test document'. */
  text?: string
  /** Characters of incompressible comment on each page, to make the file bigger. Default: 0. */
  padding?: number
  /** Extra font objects used by the first page (a linearized file lists them up front). */
  firstPageFonts?: number
}

function hexNoise(length: number, seed: number): string {
  return Array.from(pseudoRandomBytes(Math.ceil(length / 2), seed), (byte) =>
    byte.toString(16).padStart(2, '0'),
  )
    .join('')
    .slice(0, length)
}

function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (char) => `\\${char}`)})`
}

/**
 * A valid PDF 1.4 with `pages` pages of Helvetica text, a classic cross-reference table with
 * correct offsets and a trailer: what `pdfinfo` and every viewer open.
 */
export function pdfBytes(options: PdfOptions = {}): Bytes {
  const pageCount = options.pages ?? 2
  const text = options.text ?? 'KYC test document'
  const objects: string[] = []
  const pageIds: number[] = []
  // 1: catalog, 2: pages, 3: font, then a page and its content stream per page.
  const fontId = 3
  for (let page = 0; page < pageCount; page += 1) pageIds.push(4 + page * 2)
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>'
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageCount} >>`
  objects[fontId] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
  const extraFonts = Array.from(
    { length: options.firstPageFonts ?? 0 },
    (_, index) => 4 + pageCount * 2 + index,
  )
  for (const id of extraFonts) {
    objects[id] = '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>'
  }
  const firstPageExtra = extraFonts.map((id, index) => ` /X${index} ${id} 0 R`).join('')
  pageIds.forEach((id, index) => {
    const content =
      `BT /F1 18 Tf 72 720 Td ${pdfString(`Page ${index + 1} of ${pageCount}`)} Tj ET\n` +
      `BT /F1 12 Tf 72 690 Td ${pdfString(text)} Tj ET\n` +
      (options.padding ? `% ${hexNoise(options.padding, index + 1)}\n` : '')
    objects[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ` +
      `/Resources << /Font << /F1 ${fontId} 0 R${index === 0 ? firstPageExtra : ''} >> >> ` +
      `/Contents ${id + 1} 0 R >>`
    objects[id + 1] = `<< /Length ${encoder.encode(content).length} >>\nstream\n${content}endstream`
  })

  // The binary comment marks the file as binary for transfer tools, as real producers do.
  const header = concat([
    encoder.encode('%PDF-1.4\n%'),
    new Uint8Array([0xe2, 0xe3, 0xcf, 0xd3]),
    encoder.encode('\n'),
  ])
  const chunks: Uint8Array[] = [header]
  let offset = header.length
  const offsets: number[] = [0]
  for (let id = 1; id < objects.length; id += 1) {
    offsets[id] = offset
    const chunk = encoder.encode(`${id} 0 obj\n${objects[id]}\nendobj\n`)
    chunks.push(chunk)
    offset += chunk.length
  }
  const xref =
    `xref\n0 ${objects.length}\n0000000000 65535 f \n` +
    offsets
      .slice(1)
      .map((value) => `${String(value).padStart(10, '0')} 00000 n \n`)
      .join('') +
    `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`
  chunks.push(encoder.encode(xref))
  return concat(chunks)
}

/** A real password-protected PDF (qpdf, AES-256, user password `secret`): `/Encrypt` in its trailer. */
export function encryptedPdfBytes(): Bytes {
  return fixture('encrypted.pdf')
}

/**
 * A real password-protected PDF saved for "Fast Web View" (qpdf --linearize): its `/Encrypt`
 * reference sits in the first-page trailer near the start, not in the file's last bytes.
 */
export function encryptedLinearizedPdfBytes(): Bytes {
  return fixture('encrypted-linearized.pdf')
}

/**
 * The same, with 400 fonts on its first page: the first-page cross-reference table is so long
 * that `/Encrypt` sits past the first 8 KB.
 */
export function encryptedLinearizedLargePdfBytes(): Bytes {
  return fixture('encrypted-linearized-large.pdf')
}

/** A real linearized ("Fast Web View") PDF without a password. */
export function linearizedPdfBytes(): Bytes {
  return fixture('linearized.pdf')
}

/**
 * A real password-protected PDF with a compressed cross-reference stream (PDF 1.5+, as most
 * current producers write): no `trailer` keyword, `/Encrypt` in the stream's dictionary.
 */
export function encryptedXrefStreamPdfBytes(): Bytes {
  return fixture('encrypted-xref-stream.pdf')
}

// ---------------------------------------------------------------------------------------------
// PNG

const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function pngChunk(type: string, data: Uint8Array): Bytes {
  const typeAndData = concat([encoder.encode(type), data])
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  out.set(typeAndData, 4)
  view.setUint32(8 + data.length, crc32(typeAndData))
  return out
}

export interface PngOptions {
  /** Default: 64. */
  width?: number
  /** Default: 48. */
  height?: number
  /** `noise` compresses badly, for files of a chosen size; default `gradient`. */
  pattern?: 'gradient' | 'noise'
}

/** A valid 8-bit RGB PNG (IHDR, IDAT deflated with zlib, IEND, correct CRCs). */
export function pngBytes(options: PngOptions = {}): Bytes {
  const width = options.width ?? 64
  const height = options.height ?? 48
  const rowLength = 1 + width * 3
  const raw = new Uint8Array(rowLength * height)
  const noise = options.pattern === 'noise' ? pseudoRandomBytes(raw.length, 42) : undefined
  for (let y = 0; y < height; y += 1) {
    raw[y * rowLength] = 0 // filter: none
    for (let x = 0; x < width; x += 1) {
      const at = y * rowLength + 1 + x * 3
      raw[at] = noise?.[at] ?? Math.round((x / width) * 255)
      raw[at + 1] = noise?.[at + 1] ?? Math.round((y / height) * 255)
      raw[at + 2] = noise?.[at + 2] ?? 160
    }
  }
  const ihdr = new Uint8Array(13)
  const view = new DataView(ihdr.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8 bits, truecolour, deflate, adaptive filtering, no interlace
  return concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', new Uint8Array(deflateSync(raw))),
    pngChunk('IEND', new Uint8Array()),
  ])
}

// ---------------------------------------------------------------------------------------------
// Other real formats, and things that only pretend

/** A real baseline JPEG, 320×240, 15 KB (ImageMagick). */
export function jpegBytes(): Bytes {
  return fixture('photo.jpg')
}

/** A real H.264 clip, 96×72, 2 s (ffmpeg with libx264): the video part of a motion photo. */
export function mp4Bytes(): Bytes {
  return fixture('motion.mp4')
}

function xmpSegment(xmp: string): Bytes {
  const payload = encoder.encode(`http://ns.adobe.com/xap/1.0/\0${xmp}`)
  const header = new Uint8Array([0xff, 0xe1, 0, 0])
  new DataView(header.buffer).setUint16(2, payload.length + 2)
  return concat([header, payload])
}

export interface MotionPhotoOptions {
  /** Drop this many bytes from the end of the image part (a damaged copy). Default: 0. */
  cutImage?: number
}

/**
 * A Google motion photo as Pixel cameras save it (Motion Photo format 1.0): the JPEG with an XMP
 * segment declaring the video's length, then the MP4 appended after the image.
 */
export function motionPhotoBytes(options: MotionPhotoOptions = {}): Bytes {
  const jpeg = jpegBytes()
  const video = mp4Bytes()
  const xmp =
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:GCamera="http://ns.google.com/photos/1.0/camera/"' +
    ' xmlns:Container="http://ns.google.com/photos/1.0/container/"' +
    ' xmlns:Item="http://ns.google.com/photos/1.0/container/item/"' +
    ' GCamera:MotionPhoto="1" GCamera:MotionPhotoVersion="1"' +
    ' GCamera:MotionPhotoPresentationTimestampUs="500000"><Container:Directory><rdf:Seq>' +
    '<rdf:li rdf:parseType="Resource"><Container:Item Item:Mime="image/jpeg" Item:Semantic="Primary"' +
    ' Item:Length="0" Item:Padding="0"/></rdf:li>' +
    '<rdf:li rdf:parseType="Resource"><Container:Item Item:Mime="video/mp4" Item:Semantic="MotionPhoto"' +
    ` Item:Length="${video.length}" Item:Padding="0"/></rdf:li>` +
    '</rdf:Seq></Container:Directory></rdf:Description></rdf:RDF></x:xmpmeta>' +
    '<?xpacket end="w"?>'
  const image = jpeg.slice(2, jpeg.length - (options.cutImage ?? 0))
  return concat([jpeg.slice(0, 2), xmpSegment(xmp), image, video])
}

/**
 * A Samsung motion photo's layout: the JPEG, the MP4, then Samsung's trailer, whose last four
 * bytes are `SEFT`. The trailer here holds one `MotionPhoto_Data` entry, like the real ones.
 */
export function samsungMotionPhotoBytes(): Bytes {
  const video = mp4Bytes()
  const name = encoder.encode('MotionPhoto_Data')
  const directory = new Uint8Array(12 + 12)
  const view = new DataView(directory.buffer)
  directory.set(encoder.encode('SEFH'), 0)
  view.setUint32(4, 106, true) // version
  view.setUint32(8, 1, true) // one entry
  view.setUint16(14, 0x0a30, true) // entry type
  view.setUint32(16, video.length + name.length + 8, true) // offset back from the directory
  view.setUint32(20, video.length + name.length + 8, true) // entry length
  const size = new Uint8Array(4)
  new DataView(size.buffer).setUint32(0, directory.length, true)
  const entryHeader = new Uint8Array(8)
  new DataView(entryHeader.buffer).setUint32(4, name.length, true)
  return concat([jpegBytes(), entryHeader, name, video, directory, size, encoder.encode('SEFT')])
}

/** A real HEIC photo, 64×48 (ImageMagick with libheif): what iPhones send by default. */
export function heicBytes(): Bytes {
  return fixture('photo.heic')
}

/** A real lossy WebP, 64×48 (ImageMagick with libwebp). */
export function webpBytes(): Bytes {
  return fixture('photo.webp')
}

/** An SVG image carrying a script: valid XML, and exactly what must never be accepted. */
export function svgWithScriptBytes(): Bytes {
  return encoder.encode(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' +
      '<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>\n',
  )
}

/** The start of a Windows executable: the MZ header and DOS stub, then a PE header. */
export function windowsExecutableBytes(): Bytes {
  const out = new Uint8Array(512)
  out.set(encoder.encode('MZ'), 0)
  new DataView(out.buffer).setUint32(0x3c, 0x80, true) // e_lfanew: where the PE header is
  out.set(encoder.encode('This program cannot be run in DOS mode.\r\r\n$'), 0x4e)
  out.set(encoder.encode('PE\0\0'), 0x80)
  out.set([0x64, 0x86], 0x84) // machine: x86-64
  return out
}

/** Plain text, as a renamed notes file would hold. */
export function textBytes(text = 'Dear reviewer,\nthis is not a PDF.\n'): Bytes {
  return encoder.encode(text)
}

/** The first `keep` bytes (or that fraction of them, when below 1): a download cut short. */
export function truncated(bytes: Uint8Array, keep: number): Bytes {
  const length = keep < 1 ? Math.floor(bytes.length * keep) : keep
  return bytes.slice(0, length)
}

// ---------------------------------------------------------------------------------------------
// Files

/** A real `File` as a file input would hand it over. */
export function fileOf(bytes: Uint8Array, name: string, type = ''): File {
  return new File([new Uint8Array(bytes)], name, { type })
}

/** What a tracked or virtual file has had read out of it. */
export interface ReadLog {
  /** Calls of `slice()`. */
  slices: number
  /** Bytes covered by those slices. */
  slicedBytes: number
  /** Calls that read the whole file (`arrayBuffer`, `text`, `stream`, `bytes` on the file itself). */
  wholeReads: number
}

function clampRange(size: number, start = 0, end = size): [number, number] {
  const from = start < 0 ? Math.max(size + start, 0) : Math.min(start, size)
  const to = end < 0 ? Math.max(size + end, 0) : Math.min(end, size)
  return [from, Math.max(from, to)]
}

/**
 * A `File` whose every read is logged. `read(from, to)` supplies the bytes; whole-file reads
 * throw unless `allowWholeReads`.
 */
function loggedFile(
  init: { name: string; type: string; size: number; allowWholeReads: boolean },
  read: (from: number, to: number) => Bytes,
): { file: File; reads: ReadLog } {
  const reads: ReadLog = { slices: 0, slicedBytes: 0, wholeReads: 0 }
  const { size } = init
  const whole = (): Bytes => {
    reads.wholeReads += 1
    if (!init.allowWholeReads) throw new Error(`read the whole ${size}-byte file`)
    return read(0, size)
  }
  class LoggedFile extends File {
    override get size(): number {
      return size
    }
    override slice(start?: number, end?: number, contentType?: string): Blob {
      const [from, to] = clampRange(size, start, end)
      reads.slices += 1
      reads.slicedBytes += to - from
      return new Blob([read(from, to)], { type: contentType ?? '' })
    }
    override async arrayBuffer(): Promise<ArrayBuffer> {
      return whole().buffer
    }
    override async text(): Promise<string> {
      return new TextDecoder().decode(whole())
    }
    override stream(): ReturnType<File['stream']> {
      return new Blob([whole()]).stream()
    }
  }
  return { file: new LoggedFile([], init.name, { type: init.type }), reads }
}

export interface VirtualFileOptions {
  name: string
  type?: string
  /** The size the file claims, without any memory behind it (1 GiB is fine). */
  size: number
  /** The first bytes; the rest read as zeros except `tail`. */
  head?: Uint8Array
  /** The last bytes. */
  tail?: Uint8Array
}

/**
 * A `File` of any size that holds no memory: `slice()` produces the requested bytes on demand
 * and is logged; reading the whole file throws, so a test fails loudly if anything tries.
 */
export function virtualFile(options: VirtualFileOptions): { file: File; reads: ReadLog } {
  const head = options.head ?? new Uint8Array()
  const tail = options.tail ?? new Uint8Array()
  const size = options.size
  const byteAt = (position: number): number => {
    if (position < head.length) return head[position] ?? 0
    const fromEnd = size - position
    return fromEnd <= tail.length ? (tail[tail.length - fromEnd] ?? 0) : 0
  }
  const init = { name: options.name, type: options.type ?? '', size, allowWholeReads: false }
  return loggedFile(init, (from, to) => {
    if (to - from > 64 * 1024 * 1024) throw new Error(`sliced ${to - from} bytes at once`)
    return Uint8Array.from({ length: to - from }, (_, index) => byteAt(from + index))
  })
}

/** A real `File` whose reads are logged, to prove a check reads only what it needs. */
export function trackedFile(
  bytes: Uint8Array,
  name: string,
  type = '',
): { file: File; reads: ReadLog } {
  const copy = new Uint8Array(bytes)
  const init = { name, type, size: copy.length, allowWholeReads: true }
  return loggedFile(init, (from, to) => copy.slice(from, to))
}
