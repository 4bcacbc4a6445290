/*
 * A PDF's cross-reference, read the way readers read it: from the last `startxref`, through
 * classic tables and compressed cross-reference streams, following `/Prev`, and objects from
 * their offsets or from compressed object streams (`DecompressionStream`). Reads a `Blob` in
 * cached 64 KiB blocks, within a byte budget, never the whole file.
 */
import {
  isDict,
  isInteger,
  isKeyword,
  isName,
  isRef,
  PdfLexer,
  PdfTruncated,
  readInteger,
  type PdfDict,
  type PdfRef,
  type PdfValue,
} from './syntax.ts'

const BLOCK = 64 * 1024
/** What one check may read of a file, in all, and inflate from one stream. */
const READ_BUDGET = 8 * 1024 * 1024
const INFLATE_LIMIT = 16 * 1024 * 1024
const MAX_SECTIONS = 64

export class PdfBytes {
  private blocks = new Map<number, Promise<Uint8Array>>()
  private spent = 0

  constructor(readonly blob: Blob) {}

  get size(): number {
    return this.blob.size
  }

  private block(index: number): Promise<Uint8Array> {
    let block = this.blocks.get(index)
    if (!block) {
      this.spent += BLOCK
      if (this.spent > READ_BUDGET) throw new Error('read budget spent')
      const start = index * BLOCK
      block = this.blob
        .slice(start, Math.min(this.size, start + BLOCK))
        .arrayBuffer()
        .then((buffer) => new Uint8Array(buffer))
      this.blocks.set(index, block)
    }
    return block
  }

  /** Bytes `start` to `end` (clipped to the file). */
  async read(start: number, end: number): Promise<Uint8Array> {
    start = Math.max(0, start)
    end = Math.min(this.size, end)
    if (end <= start) return new Uint8Array()
    const first = Math.floor(start / BLOCK)
    const last = Math.floor((end - 1) / BLOCK)
    const blocks = await Promise.all(
      Array.from({ length: last - first + 1 }, (_, index) => this.block(first + index)),
    )
    if (blocks.length === 1)
      return (blocks[0] ?? new Uint8Array()).subarray(start - first * BLOCK, end - first * BLOCK)
    const out = new Uint8Array(end - start)
    let offset = 0
    blocks.forEach((block, index) => {
      const from = index === 0 ? start - first * BLOCK : 0
      const to = index === blocks.length - 1 ? end - (first + index) * BLOCK : block.length
      out.set(block.subarray(from, to), offset)
      offset += to - from
    })
    return out
  }
}

/** Reads one value at `offset`, reading more of the file while the value runs past the bytes. */
async function parseAt<T>(
  bytes: PdfBytes,
  offset: number,
  parse: (lexer: PdfLexer) => T,
  first = 4096,
): Promise<T> {
  for (let length = first; ; length *= 4) {
    const chunk = await bytes.read(offset, offset + length)
    try {
      return parse(new PdfLexer(chunk))
    } catch (error) {
      if (!(error instanceof PdfTruncated) || offset + length >= bytes.size || length > 1 << 20) {
        throw error
      }
    }
  }
}

type Entry =
  | { type: 'free' }
  | { type: 'offset'; offset: number }
  | { type: 'packed'; stream: number; index: number }

interface Section {
  trailer: PdfDict
  find(number: number): Promise<Entry | undefined>
}

export async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate'))
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      total += value.length
      if (total > INFLATE_LIMIT) throw new Error('stream inflates past the limit')
    }
  } catch (error) {
    // Readers keep what inflated before damage at a stream's end (a missing checksum).
    if (total === 0 || total > INFLATE_LIMIT) throw error
    void reader.cancel().catch(() => {})
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

/** Undoes PNG row predictors (`/Predictor` 10-15) of 8-bit samples. */
function unpredict(data: Uint8Array, params: PdfValue | undefined): Uint8Array {
  if (!isDict(params)) return data
  const predictor = params.get('Predictor')
  if (!isInteger(predictor) || predictor < 10) {
    if (isInteger(predictor) && predictor > 1) throw new Error('TIFF predictor')
    return data
  }
  const columnsValue = params.get('Columns')
  const colorsValue = params.get('Colors')
  const columns = isInteger(columnsValue) ? columnsValue : 1
  const colors = isInteger(colorsValue) ? colorsValue : 1
  const width = columns * colors
  const rows = Math.floor(data.length / (width + 1))
  const out = new Uint8Array(rows * width)
  for (let row = 0; row < rows; row += 1) {
    const filter = data[row * (width + 1)] ?? 0
    for (let column = 0; column < width; column += 1) {
      const raw = data[row * (width + 1) + 1 + column] ?? 0
      const left = column >= colors ? (out[row * width + column - colors] ?? 0) : 0
      const up = row > 0 ? (out[(row - 1) * width + column] ?? 0) : 0
      const upLeft =
        row > 0 && column >= colors ? (out[(row - 1) * width + column - colors] ?? 0) : 0
      let value = raw
      if (filter === 1) value = raw + left
      else if (filter === 2) value = raw + up
      else if (filter === 3) value = raw + ((left + up) >> 1)
      else if (filter === 4) {
        const p = left + up - upLeft
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)]
        value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft)
      }
      out[row * width + column] = value & 0xff
    }
  }
  return out
}

/** An indirect object: `n g obj value [stream]`. */
interface IndirectObject {
  number: number
  value: PdfValue
  /** Where a stream's data starts, when the value is a stream's dictionary. */
  streamStart: number | null
}

async function objectAt(bytes: PdfBytes, offset: number): Promise<IndirectObject> {
  return parseAt(bytes, offset, (lexer) => {
    const number = readInteger(lexer)
    const gen = readInteger(lexer)
    if (number === null || gen === null || !isKeyword(lexer.value(), 'obj')) {
      throw new Error('no object here')
    }
    const value = lexer.value()
    let streamStart: number | null = null
    if (isDict(value)) {
      const after = lexer.at
      lexer.skipSpace()
      if (lexer.peek(6) === 'stream') {
        lexer.at += 6
        if (lexer.peek(1) === '\r') lexer.at += 1
        if (lexer.peek(1) === '\n') lexer.at += 1
        streamStart = offset + lexer.at
      } else lexer.at = after
    }
    return { number, value, streamStart }
  })
}

/** The objects of one file: resolves references through its cross-reference sections. */
export class PdfDocument {
  private streams = new Map<
    number,
    Promise<{ offsets: Map<number, number>; data: Uint8Array; first: number }>
  >()

  constructor(
    readonly bytes: PdfBytes,
    readonly sections: Section[],
    /** Added to every offset: some files count offsets from a header that is not at byte 0. */
    readonly shift: number,
  ) {}

  /** A trailer entry, from the newest section that has it. */
  trailerEntry(key: string): PdfValue | undefined {
    return this.sections.find((section) => section.trailer.has(key))?.trailer.get(key)
  }

  private async entry(number: number): Promise<Entry | undefined> {
    for (const section of this.sections) {
      const entry = await section.find(number)
      if (entry) return entry
    }
    return undefined
  }

  /** The value a reference points to, `undefined` when it cannot be found; other values as they are. */
  async resolve(value: PdfValue | undefined, depth = 0): Promise<PdfValue | undefined> {
    if (!isRef(value)) return value
    if (depth > 8) return undefined
    const entry = await this.entry(value.ref)
    if (!entry || entry.type === 'free') return undefined
    if (entry.type === 'offset') {
      const object = await objectAt(this.bytes, entry.offset + this.shift)
      if (object.number !== value.ref) return undefined
      return object.value
    }
    const stream = await this.objectStream(entry.stream)
    const offset = stream.offsets.get(value.ref)
    if (offset === undefined) return undefined
    return new PdfLexer(stream.data, stream.first + offset).value()
  }

  /** A stream's decoded data (FlateDecode or none). */
  async streamData(dict: PdfDict, start: number): Promise<Uint8Array> {
    const length = await this.resolve(dict.get('Length'))
    if (!isInteger(length) || length < 0) throw new Error('stream without a length')
    const raw = await this.bytes.read(start, start + length)
    const filter = dict.get('Filter')
    const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter]
    if (filters.length === 0) return raw
    if (filters.length > 1 || !isName(filters[0], 'FlateDecode'))
      throw new Error('unsupported filter')
    const params = dict.get('DecodeParms')
    return unpredict(await inflate(raw), Array.isArray(params) ? params[0] : params)
  }

  private objectStream(number: number) {
    let stream = this.streams.get(number)
    if (!stream) {
      stream = (async () => {
        const entry = await this.entry(number)
        if (entry?.type !== 'offset') throw new Error('object stream not found')
        const object = await objectAt(this.bytes, entry.offset + this.shift)
        const first = isDict(object.value) ? object.value.get('First') : undefined
        const count = isDict(object.value) ? object.value.get('N') : undefined
        if (
          !isDict(object.value) ||
          object.streamStart === null ||
          !isInteger(first) ||
          !isInteger(count)
        ) {
          throw new Error('not an object stream')
        }
        const data = await this.streamData(object.value, object.streamStart)
        const lexer = new PdfLexer(data)
        const offsets = new Map<number, number>()
        for (let index = 0; index < count; index += 1) {
          const objectNumber = readInteger(lexer)
          const offset = readInteger(lexer)
          if (objectNumber === null || offset === null) break
          if (!offsets.has(objectNumber)) offsets.set(objectNumber, offset)
        }
        return { offsets, data, first }
      })()
      this.streams.set(number, stream)
    }
    return stream
  }
}

/** A classic `xref` table at `offset` (just past the keyword): its entries are read when asked. */
async function classicSection(bytes: PdfBytes, offset: number): Promise<Section> {
  const ranges: { first: number; count: number; at: number; width: number }[] = []
  let at = offset
  for (let guard = 0; guard < 100_000; guard += 1) {
    const header = await parseAt(
      bytes,
      at,
      (lexer) => {
        lexer.skipSpace()
        if (lexer.peek(7) === 'trailer') {
          lexer.at += 7
          return { trailer: lexer.value() }
        }
        const first = readInteger(lexer)
        const count = readInteger(lexer)
        if (first === null || count === null || count < 0) throw new Error('bad xref subsection')
        // Entries are 20 bytes; a few writers end them with one byte instead of two (19).
        while (lexer.at < lexer.bytes.length && /[\s]/.test(lexer.peek(1))) lexer.at += 1
        const line = /^\d{10} \d{5} [nf]( ?\r?\n| \r| ?\n)?/.exec(lexer.peek(24))
        const width =
          count === 0 ? 20 : (line?.[0].length ?? 20) >= 20 ? 20 : (line?.[0].length ?? 20)
        return { first, count, entries: lexer.at, width }
      },
      256,
    )
    if ('trailer' in header) {
      if (!isDict(header.trailer)) throw new Error('trailer is not a dictionary')
      const trailer = header.trailer
      return {
        trailer,
        async find(number) {
          const range = ranges.find((r) => number >= r.first && number < r.first + r.count)
          if (!range) return undefined
          const where = range.at + (number - range.first) * range.width
          const text = new TextDecoder('latin1').decode(await bytes.read(where, where + 20))
          const match = /^(\d{10}) (\d{5}) ([nf])/.exec(text)
          if (!match) return undefined
          if (match[3] === 'f') return { type: 'free' }
          return { type: 'offset', offset: Number(match[1]) }
        },
      }
    }
    ranges.push({
      first: header.first,
      count: header.count,
      at: at + header.entries,
      width: header.width,
    })
    at += header.entries + header.count * header.width
    if (at > bytes.size) throw new Error('xref runs past the end')
  }
  throw new Error('too many subsections')
}

/** A cross-reference stream (PDF 1.5+): its dictionary is the trailer. */
async function streamSection(document: PdfDocument, object: IndirectObject): Promise<Section> {
  const dict = object.value
  if (!isDict(dict) || !isName(dict.get('Type'), 'XRef') || object.streamStart === null) {
    throw new Error('not a cross-reference stream')
  }
  const widths = dict.get('W')
  if (!Array.isArray(widths) || widths.length < 3 || !widths.every(isInteger))
    throw new Error('bad /W')
  const [w0, w1, w2] = widths as [number, number, number]
  const size = dict.get('Size')
  const index = dict.get('Index') ?? [0, isInteger(size) ? size : 0]
  if (!Array.isArray(index) || !index.every(isInteger)) throw new Error('bad /Index')
  const data = await document.streamData(dict, object.streamStart)
  const rowWidth = w0 + w1 + w2
  const entries = new Map<number, Entry>()
  const field = (at: number, width: number) => {
    let value = 0
    for (let i = 0; i < width; i += 1) value = value * 256 + (data[at + i] ?? 0)
    return value
  }
  let row = 0
  for (let pair = 0; pair + 1 < index.length; pair += 2) {
    const first = index[pair] as number
    const count = index[pair + 1] as number
    for (let n = 0; n < count && (row + 1) * rowWidth <= data.length; n += 1, row += 1) {
      const at = row * rowWidth
      const type = w0 === 0 ? 1 : field(at, w0)
      const a = field(at + w0, w1)
      const b = field(at + w0 + w1, w2)
      if (entries.has(first + n)) continue
      if (type === 0) entries.set(first + n, { type: 'free' })
      else if (type === 1) entries.set(first + n, { type: 'offset', offset: a })
      else if (type === 2) entries.set(first + n, { type: 'packed', stream: a, index: b })
    }
  }
  return { trailer: dict, find: async (number) => entries.get(number) }
}

async function readSection(document: PdfDocument, at: number, shift: number): Promise<Section> {
  const { bytes, sections } = document
  const word = await bytes.read(at, at + 4)
  if (new TextDecoder('latin1').decode(word) !== 'xref') {
    const section = await streamSection(document, await objectAt(bytes, at))
    sections.push(section)
    return section
  }
  const section = await classicSection(bytes, at + 4)
  sections.push(section)
  const stream = section.trailer.get('XRefStm')
  if (isInteger(stream)) {
    try {
      sections.push(await streamSection(document, await objectAt(bytes, stream + shift)))
    } catch {
      // A hybrid file's stream is for newer readers; the table alone still stands.
    }
  }
  return section
}

/** The `startxref` offset nearest the end, searching further back when garbage follows it. */
export async function lastStartxref(bytes: PdfBytes): Promise<number | null> {
  for (const span of [4096, 256 * 1024]) {
    const tail = await bytes.read(bytes.size - span, bytes.size)
    const text = new TextDecoder('latin1').decode(tail)
    const match = [...text.matchAll(/startxref\s+(\d+)/g)].pop()
    if (match?.[1] !== undefined) return Number(match[1])
    if (span >= bytes.size) break
  }
  return null
}

/**
 * The file's cross-reference from its last `startxref`, newest section first, or `null` when it
 * does not resolve (no `startxref`, an offset to nothing, a broken table).
 */
export async function readCrossReference(
  bytes: PdfBytes,
  headerOffset: number,
): Promise<PdfDocument | null> {
  const start = await lastStartxref(bytes)
  if (start === null) return null
  for (const shift of headerOffset > 0 ? [0, headerOffset] : [0]) {
    try {
      const sections: Section[] = []
      const document = new PdfDocument(bytes, sections, shift)
      const seen = new Set<number>()
      let next: number | null = start
      while (next !== null && sections.length < MAX_SECTIONS && !seen.has(next)) {
        seen.add(next)
        const at: number = next + shift
        if (at < 0 || at >= bytes.size) {
          if (sections.length === 0) throw new Error('startxref points outside the file')
          break
        }
        let section: Section
        try {
          section = await readSection(document, at, shift)
        } catch (error) {
          // An older revision that does not resolve leaves the newer ones standing.
          if (sections.length === 0) throw error
          break
        }
        const previous = section.trailer.get('Prev')
        next = isInteger(previous) ? previous : null
      }
      const root = await document.resolve(document.trailerEntry('Root'))
      if (isDict(root)) return document
    } catch {
      // Try the next reading, or give up.
    }
  }
  return null
}

export type { PdfRef }

/** The largest file whose objects are found by a scan when its cross-reference is broken. */
const SCAN_LIMIT = 4 * 1024 * 1024

/**
 * What readers do with a broken cross-reference: find every `n g obj` by scanning the file (the
 * last one of a number wins), and the catalog by its `/Type /Catalog`. Only for files within
 * `SCAN_LIMIT`; `null` when no catalog is found. Used for the page count only: a file whose
 * cross-reference does not resolve is not taken for whole by this.
 */
export async function reconstructCrossReference(bytes: PdfBytes): Promise<PdfDocument | null> {
  if (bytes.size > SCAN_LIMIT) return null
  const text = new TextDecoder('latin1').decode(await bytes.read(0, bytes.size))
  const offsets = new Map<number, number>()
  for (const match of text.matchAll(/(?:^|[\r\n\s])(\d+)\s+\d+\s+obj\b/g)) {
    offsets.set(Number(match[1]), match.index + match[0].search(/\d/))
  }
  let root: number | null = null
  for (const match of text.matchAll(/\/Root\s+(\d+)\s+\d+\s+R/g)) root = Number(match[1])
  if (root === null) {
    for (const [number, offset] of offsets) {
      if (
        /^[^]*?<<[^]*?\/Type\s*\/Catalog\b/.test(
          text.slice(offset, offset + 512).split('endobj')[0] ?? '',
        )
      ) {
        root = number
      }
    }
  }
  if (root === null) return null
  const trailer: PdfDict = new Map([['Root', { ref: root, gen: 0 }]])
  const section: Section = {
    trailer,
    find: async (number) => {
      const offset = offsets.get(number)
      return offset === undefined ? undefined : { type: 'offset', offset }
    },
  }
  return new PdfDocument(bytes, [section], 0)
}
