/**
 * Real, minimal documents for tests: a PDF that `qpdf --check` accepts, a PNG and a baseline JPEG
 * that image decoders open. Built from scratch so tests need no fixture files; each takes options
 * to grow it past a size limit while staying valid.
 */
import { deflateSync } from 'node:zlib'

const encoder = new TextEncoder()

function concat(parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((total, part) => total + part.length, 0)
  const joined = new Uint8Array(length)
  let offset = 0
  for (const part of parts) {
    joined.set(part, offset)
    offset += part.length
  }
  return joined
}

export interface PdfOptions {
  /** Text drawn on each page. Default: "KYC test document". */
  text?: string
  /** Number of pages. Default: 1. */
  pages?: number
  /** Pad with an unused binary stream until the file has at least this many bytes. */
  minSize?: number
}

/** A valid PDF 1.4 with a correct cross-reference table and a final `%%EOF`. */
export function makePdf(options: PdfOptions = {}): Uint8Array {
  let fillerLength = 0
  let pdf = buildPdf(options, fillerLength)
  // The filler shifts the offsets a little: grow it until the file is big enough.
  while (options.minSize !== undefined && pdf.length < options.minSize) {
    fillerLength += options.minSize - pdf.length
    pdf = buildPdf(options, fillerLength)
  }
  return pdf
}

function buildPdf(options: PdfOptions, fillerLength: number): Uint8Array {
  const pages = options.pages ?? 1
  const text = (options.text ?? 'KYC test document').replace(/[()\\]/g, '\\$&')
  const objects: Uint8Array[] = []
  const pageIds = Array.from({ length: pages }, (_, index) => 4 + index * 2)
  objects.push(encoder.encode('<< /Type /Catalog /Pages 2 0 R >>'))
  objects.push(
    encoder.encode(
      `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`,
    ),
  )
  objects.push(encoder.encode('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'))
  for (let page = 0; page < pages; page += 1) {
    const content = `BT /F1 18 Tf 72 720 Td (${text} - page ${page + 1}) Tj ET`
    objects.push(
      encoder.encode(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + page * 2} 0 R >>`,
      ),
    )
    objects.push(encoder.encode(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`))
  }
  if (fillerLength > 0) {
    const filler = new Uint8Array(fillerLength).fill(0x41)
    objects.push(
      concat([
        encoder.encode(`<< /Length ${filler.length} >>\nstream\n`),
        filler,
        encoder.encode('\nendstream'),
      ]),
    )
  }
  const parts: Uint8Array[] = [encoder.encode('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')]
  const offsets: number[] = []
  let offset = parts[0]!.length
  objects.forEach((object, index) => {
    const chunk = concat([
      encoder.encode(`${index + 1} 0 obj\n`),
      object,
      encoder.encode('\nendobj\n'),
    ])
    offsets.push(offset)
    parts.push(chunk)
    offset += chunk.length
  })
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`
  parts.push(encoder.encode(xref))
  return concat(parts)
}

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

function uint32(value: number): Uint8Array {
  const bytes = new Uint8Array(4)
  new DataView(bytes.buffer).setUint32(0, value)
  return bytes
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concat([encoder.encode(type), data])
  return concat([uint32(data.length), typeAndData, uint32(crc32(typeAndData))])
}

export interface ImageOptions {
  /** Width in pixels. Default: 16. */
  width?: number
  /** Height in pixels. Default: 16. */
  height?: number
}

/** A valid RGB PNG (a colour gradient), with IHDR, zlib-compressed IDAT and IEND. */
export function makePng(options: ImageOptions = {}): Uint8Array {
  const width = options.width ?? 16
  const height = options.height ?? 16
  const header = new Uint8Array(13)
  const view = new DataView(header.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits per channel, RGB, deflate, adaptive filter, no interlace
  const rows = new Uint8Array(height * (1 + width * 3))
  for (let y = 0; y < height; y += 1) {
    const row = y * (1 + width * 3)
    rows[row] = 0 // filter: none
    for (let x = 0; x < width; x += 1) {
      rows.set([(x * 255) / width, (y * 255) / height, 160], row + 1 + x * 3)
    }
  }
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', new Uint8Array(deflateSync(rows))),
    pngChunk('IEND', new Uint8Array(0)),
  ])
}

function jpegSegment(marker: number, data: Uint8Array): Uint8Array {
  const length = data.length + 2
  return concat([new Uint8Array([0xff, marker, length >> 8, length & 0xff]), data])
}

export interface JpegOptions extends ImageOptions {
  /** Pad with comment segments until the file has at least this many bytes. */
  minSize?: number
}

/**
 * A valid baseline (SOF0) greyscale JPEG of a uniform mid-grey. Each 8×8 block codes a DC
 * difference of 0 and an end-of-block, with one-symbol Huffman tables: two `0` bits per block.
 */
export function makeJpeg(options: JpegOptions = {}): Uint8Array {
  const width = options.width ?? 16
  const height = options.height ?? 16
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8)
  const jfif = new Uint8Array([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
  const quantization = concat([new Uint8Array([0]), new Uint8Array(64).fill(1)])
  const frame = new Uint8Array([
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    1,
    1,
    0x11,
    0,
  ])
  const oneSymbolTable = (tableClass: number) =>
    concat([
      new Uint8Array([tableClass << 4]),
      new Uint8Array([1, ...new Array(15).fill(0)]),
      new Uint8Array([0]),
    ])
  const scanHeader = new Uint8Array([1, 1, 0x00, 0, 63, 0])
  // Two zero bits per block, padded with one bits to a whole byte.
  const bitCount = blocks * 2
  const data = new Uint8Array(Math.ceil(bitCount / 8))
  if (bitCount % 8 !== 0) data[data.length - 1] = 0xff >> (bitCount % 8)
  const parts = [
    new Uint8Array([0xff, 0xd8]),
    jpegSegment(0xe0, jfif),
    jpegSegment(0xdb, quantization),
    jpegSegment(0xc0, frame),
    jpegSegment(0xc4, oneSymbolTable(0)),
    jpegSegment(0xc4, oneSymbolTable(1)),
  ]
  const size = () => parts.reduce((total, part) => total + part.length, 0) + 12 + data.length
  while (options.minSize !== undefined && size() < options.minSize) {
    const missing = options.minSize - size()
    parts.push(
      jpegSegment(0xfe, new Uint8Array(Math.min(65_000, Math.max(1, missing - 4))).fill(0x20)),
    )
  }
  parts.push(jpegSegment(0xda, scanHeader), data, new Uint8Array([0xff, 0xd9]))
  return concat(parts)
}

/** Bytes as a `File`, as a browser or `FormData` would carry them. */
export function asFile(bytes: Uint8Array, name: string, type = ''): File {
  return new File([bytes as Uint8Array<ArrayBuffer>], name, { type })
}
