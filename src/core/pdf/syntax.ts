/*
 * PDF object syntax (ISO 32000-1, 7.2-7.3): enough to read cross-reference sections, trailers,
 * the catalog, the page tree's root and the encryption dictionary. Names and dictionary keys are
 * kept as latin1 strings, strings as bytes.
 */

export interface PdfRef {
  readonly ref: number
  readonly gen: number
}

export interface PdfName {
  readonly name: string
}

/** A bare keyword the caller may expect (`obj`, `stream`, `endobj`, `R`, `trailer`, `xref`). */
export interface PdfKeyword {
  readonly keyword: string
}

export type PdfDict = Map<string, PdfValue>

export type PdfValue =
  number | boolean | null | Uint8Array | PdfName | PdfRef | PdfKeyword | PdfValue[] | PdfDict

/** Thrown when the bytes end before the value does: the caller may read more and try again. */
export class PdfTruncated extends Error {}

const WHITESPACE = new Set([0, 9, 10, 12, 13, 32])
const DELIMITER = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25])
// Dictionaries and arrays nested deeper than this are taken for hostile bytes.
const MAX_DEPTH = 64

export const isRef = (value: PdfValue | undefined): value is PdfRef =>
  typeof value === 'object' && value !== null && 'ref' in value
export const isName = (value: PdfValue | undefined, name?: string): value is PdfName =>
  typeof value === 'object' &&
  value !== null &&
  'name' in value &&
  (name === undefined || value.name === name)
export const isDict = (value: PdfValue | undefined): value is PdfDict => value instanceof Map
export const isKeyword = (value: PdfValue | undefined, keyword: string): boolean =>
  typeof value === 'object' && value !== null && 'keyword' in value && value.keyword === keyword
export const isInteger = (value: PdfValue | undefined): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value)

/** A cursor over bytes that reads one PDF value at a time. */
export class PdfLexer {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
  ) {}

  private byte(at = this.at): number {
    if (at >= this.bytes.length) throw new PdfTruncated()
    return this.bytes[at] ?? 0
  }

  skipSpace(): void {
    for (;;) {
      if (this.at >= this.bytes.length) throw new PdfTruncated()
      const byte = this.byte()
      if (WHITESPACE.has(byte)) this.at += 1
      else if (byte === 0x25) {
        while (this.at < this.bytes.length && this.byte() !== 10 && this.byte() !== 13) this.at += 1
      } else return
    }
  }

  /** The next bytes, as latin1, without moving. */
  peek(length: number): string {
    let text = ''
    const end = Math.min(this.bytes.length, this.at + length)
    for (let index = this.at; index < end; index += 1) {
      text += String.fromCharCode(this.bytes[index] ?? 0)
    }
    return text
  }

  private regular(): string {
    let text = ''
    while (this.at < this.bytes.length) {
      const byte = this.byte()
      if (WHITESPACE.has(byte) || DELIMITER.has(byte)) break
      text += String.fromCharCode(byte)
      this.at += 1
    }
    if (this.at >= this.bytes.length) throw new PdfTruncated()
    return text
  }

  /** The next value; `int int R` is read as one reference. */
  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new Error('nested too deep')
    this.skipSpace()
    const byte = this.byte()
    if (byte === 0x3c) {
      if (this.byte(this.at + 1) === 0x3c) return this.dictionary(depth)
      return this.hexString()
    }
    if (byte === 0x28) return this.literalString()
    if (byte === 0x5b) {
      this.at += 1
      const items: PdfValue[] = []
      for (;;) {
        this.skipSpace()
        if (this.byte() === 0x5d) {
          this.at += 1
          return items
        }
        items.push(this.value(depth + 1))
      }
    }
    if (byte === 0x2f) {
      this.at += 1
      const raw = this.regular()
      return {
        name: raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) =>
          String.fromCharCode(parseInt(hex, 16)),
        ),
      }
    }
    if (DELIMITER.has(byte)) {
      this.at += 1
      return { keyword: String.fromCharCode(byte) }
    }
    const word = this.regular()
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      const number = Number(word)
      if (/^\d+$/.test(word)) {
        const after = this.at
        const ref = this.refAfter(number)
        if (ref) return ref
        this.at = after
      }
      return number
    }
    if (word === 'true') return true
    if (word === 'false') return false
    if (word === 'null') return null
    return { keyword: word }
  }

  private refAfter(first: number): PdfRef | null {
    try {
      this.skipSpace()
      const gen = this.regular()
      if (!/^\d+$/.test(gen)) return null
      this.skipSpace()
      const keyword = this.regular()
      return keyword === 'R' ? { ref: first, gen: Number(gen) } : null
    } catch (error) {
      if (error instanceof PdfTruncated) throw error
      return null
    }
  }

  private dictionary(depth: number): PdfDict {
    this.at += 2
    const dict: PdfDict = new Map()
    for (;;) {
      this.skipSpace()
      if (this.byte() === 0x3e && this.byte(this.at + 1) === 0x3e) {
        this.at += 2
        return dict
      }
      const key = this.value(depth + 1)
      if (!isName(key)) throw new Error('dictionary key is not a name')
      dict.set(key.name, this.value(depth + 1))
    }
  }

  private hexString(): Uint8Array {
    this.at += 1
    const digits: number[] = []
    for (;;) {
      const byte = this.byte()
      this.at += 1
      if (byte === 0x3e) break
      const digit = parseInt(String.fromCharCode(byte), 16)
      if (!Number.isNaN(digit)) digits.push(digit)
      else if (!WHITESPACE.has(byte)) throw new Error('bad hex string')
    }
    if (digits.length % 2) digits.push(0)
    const out = new Uint8Array(digits.length / 2)
    for (let index = 0; index < out.length; index += 1) {
      out[index] = (digits[2 * index] ?? 0) * 16 + (digits[2 * index + 1] ?? 0)
    }
    return out
  }

  private literalString(): Uint8Array {
    this.at += 1
    const out: number[] = []
    let nesting = 1
    const ESCAPES: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 }
    for (;;) {
      const byte = this.byte()
      this.at += 1
      if (byte === 0x5c) {
        const next = this.byte()
        this.at += 1
        if (next >= 0x30 && next <= 0x37) {
          let code = next - 0x30
          for (let more = 0; more < 2; more += 1) {
            const digit = this.byte()
            if (digit < 0x30 || digit > 0x37) break
            code = code * 8 + digit - 0x30
            this.at += 1
          }
          out.push(code & 0xff)
        } else if (next === 13) {
          if (this.byte() === 10) this.at += 1
        } else if (next !== 10) out.push(ESCAPES[next] ?? next)
        continue
      }
      if (byte === 0x28) nesting += 1
      if (byte === 0x29 && (nesting -= 1) === 0) return new Uint8Array(out)
      out.push(byte)
    }
  }
}

/** An integer at the cursor, or `null` (the cursor does not move then). */
export function readInteger(lexer: PdfLexer): number | null {
  const start = lexer.at
  try {
    lexer.skipSpace()
    const value = lexer.value()
    if (isInteger(value)) return value
  } catch (error) {
    if (error instanceof PdfTruncated) throw error
  }
  lexer.at = start
  return null
}
