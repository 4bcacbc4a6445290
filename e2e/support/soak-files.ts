// Distinct, valid documents for the soak: a real fixture (PDF, JPEG or PNG) with a unique marker
// added where its format allows one that the widget's photo step keeps (it drops a photo's
// comments and text), so every upload has its own SHA-256 and a duplicate or a mix-up shows in
// the sandbox's audit. The files stay whole: the widget's signature and ending checks, and any
// viewer, accept them.
import { createHash } from 'node:crypto'
import { stripMetadata } from '../../src/capture/strip-metadata.ts'
import { fixtureBytes } from './test.ts'
import type { MemoryFile } from './files.ts'

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** A small seeded PRNG (mulberry32), so a failing soak can be replayed from its seed. */
export function createRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    /** An integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new Error('pick from an empty list')
      return item
    },
    /** Picks by weight: `[[item, weight], …]`. */
    weighted: <T>(choices: readonly (readonly [T, number])[]): T => {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
      let roll = next() * total
      for (const [item, weight] of choices) {
        roll -= weight
        if (roll < 0) return item
      }
      const last = choices[choices.length - 1]
      if (!last) throw new Error('weighted pick from an empty list')
      return last[0]
    },
  }
}

export type Random = ReturnType<typeof createRandom>

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/**
 * A PNG with a private ancillary chunk (`soAk`) inserted before `IEND`: decoders skip it, and the
 * photo step, which drops text, EXIF and time chunks, keeps it.
 */
export function pngWithMarker(png: Buffer, text: string): Buffer {
  const iend = png.length - 12
  if (png.toString('latin1', iend + 4, iend + 8) !== 'IEND') throw new Error('PNG must end in IEND')
  const data = Buffer.from(text, 'latin1')
  const typeAndData = Buffer.concat([Buffer.from('soAk', 'latin1'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([png.subarray(0, iend), length, typeAndData, crc, png.subarray(iend)])
}

/**
 * A JPEG with a JFIF header (APP0, no thumbnail) right after the start-of-image marker, the marker
 * after its fields: decoders read the fields and skip the rest, and the photo step keeps JFIF
 * headers whole (it drops comments and EXIF).
 */
export function jpegWithMarker(jpeg: Buffer, text: string): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('JPEG must start with SOI')
  // 'JFIF\0', version 1.01, no units, density 1:1, no thumbnail.
  const fields = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
  const body = Buffer.concat([fields, Buffer.from(text, 'latin1')])
  const segment = Buffer.alloc(4)
  segment.writeUInt16BE(0xffe0, 0)
  segment.writeUInt16BE(body.length + 2, 2)
  return Buffer.concat([jpeg.subarray(0, 2), segment, body, jpeg.subarray(2)])
}

/**
 * A PDF with a comment line appended after its `%%EOF`, followed by the same `startxref` and a new
 * `%%EOF`, as an incremental update ends: readers take the last `startxref`, which still points at
 * the original cross-reference table, so the document is unchanged.
 */
export function pdfWithComment(pdf: Buffer, text: string): Buffer {
  const tail = pdf.toString('latin1', Math.max(0, pdf.length - 1024))
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)
  if (!match) throw new Error('PDF must end in startxref … %%EOF')
  const update = `% ${text}\nstartxref\n${match[1]}\n%%EOF\n`
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')])
}

/** The real fixtures the soak sends, by kind. Small, so 1000 uploads stay quick on loopback. */
const BASES = {
  pdf: ['contract-handwritten.pdf', 'ccmei-multipage.pdf'],
  jpg: ['camera-photo.jpg'],
  png: ['bank-screenshot.png'],
} as const

export type SoakFileKind = keyof typeof BASES

/** Which kinds a document type is sent as (a photo of a card, a PDF certificate, a selfie). */
export function kindsFor(type: string): readonly SoakFileKind[] {
  if (type === 'ccmei') return ['pdf']
  if (type === 'selfie') return ['jpg', 'png']
  return ['jpg', 'png', 'pdf']
}

const baseCache = new Map<string, Buffer>()
function base(name: string): Buffer {
  let bytes = baseCache.get(name)
  if (!bytes) {
    bytes = fixtureBytes(name)
    baseCache.set(name, bytes)
  }
  return bytes
}

const MIME: Record<SoakFileKind, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
}

/** A fresh document of `kind` named `stem.<ext>`, carrying `marker` inside. */
export function soakFile(random: Random, kind: SoakFileKind, stem: string, marker: string) {
  const source = base(random.pick(BASES[kind]))
  const text = `kyc-soak ${marker}`
  const buffer =
    kind === 'pdf'
      ? pdfWithComment(source, text)
      : kind === 'jpg'
        ? jpegWithMarker(source, text)
        : pngWithMarker(source, text)
  const file: MemoryFile = { name: `${stem}.${kind}`, mimeType: MIME[kind], buffer }
  // What reaches the provider: a photo without its metadata (the fixtures need no shrinking or
  // turning upright, so the photo step sends their bytes otherwise as they are).
  const sent =
    kind === 'pdf' ? buffer : stripMetadata(kind === 'jpg' ? 'jpeg' : 'png', buffer).bytes
  return { file, sha256: sha256(sent), size: sent.length }
}
