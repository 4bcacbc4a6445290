import fc from 'fast-check'
import {
  boundaryFrom,
  MultipartError,
  MultipartParser,
  readMultipart,
  type PartInfo,
} from './multipart.ts'
import { pngBytes } from './testing/files.ts'
import { multipartBody, type RawPart } from '../sandbox/testing/http.ts'

interface Parsed extends PartInfo {
  data: Uint8Array
}

function parse(chunks: Uint8Array[], boundary: string): Parsed[] {
  const parts: Parsed[] = []
  const parser = new MultipartParser(boundary, (info) => {
    const received: Uint8Array[] = []
    return {
      write: (chunk) => received.push(chunk.slice()),
      end: () => parts.push({ ...info, data: new Uint8Array(Buffer.concat(received)) }),
    }
  })
  for (const chunk of chunks) parser.push(chunk)
  parser.finish()
  return parts
}

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
  const chunks: Uint8Array[] = []
  let from = 0
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, point))
    from = point
  }
  return chunks
}

describe('boundaryFrom', () => {
  it.each([
    ['multipart/form-data; boundary=abc', 'abc'],
    ['Multipart/Form-Data; charset=utf-8; boundary="a b:c"', 'a b:c'],
    ['multipart/form-data', null],
    ['multipart/mixed; boundary=abc', null],
    ['application/json', null],
    [`multipart/form-data; boundary=${'x'.repeat(71)}`, null],
  ])('%s -> %s', (header, expected) => {
    expect(boundaryFrom(header)).toBe(expected)
  })
})

describe('MultipartParser', () => {
  it('reads fields and files whatever the chunking, byte by byte included', () => {
    const png = pngBytes()
    const body = multipartBody([
      { name: 'type', data: 'selfie' },
      { name: 'file', fileName: 'me.png', contentType: 'image/png', data: png },
    ])
    const expected = [
      { name: 'type', fileName: null, contentType: null, data: new TextEncoder().encode('selfie') },
      { name: 'file', fileName: 'me.png', contentType: 'image/png', data: png },
    ]
    expect(parse([body], '----kyc-sandbox-test-7d1f')).toEqual(expected)
    const bytes = Array.from(body, (byte) => new Uint8Array([byte]))
    expect(parse(bytes, '----kyc-sandbox-test-7d1f')).toEqual(expected)
  })

  it('keeps data that looks almost like a boundary', () => {
    const tricky = new TextEncoder().encode('a\r\n--b\r\n--bound\r\n--boundar\r\n')
    const body = multipartBody([{ name: 'file', fileName: 'x', data: tricky }], 'boundary')
    expect(parse([body], 'boundary')[0]?.data).toEqual(tricky)
  })

  it('reads RFC 5987 file names and a preamble', () => {
    const encoder = new TextEncoder()
    const body = encoder.encode(
      'preamble to ignore\r\n--b\r\n' +
        `Content-Disposition: form-data; name="file"; filename="plain.pdf"; filename*=UTF-8''a%C3%A7%C3%A3o.pdf\r\n\r\n` +
        'x\r\n--b--\r\nepilogue',
    )
    expect(parse([body], 'b')[0]).toMatchObject({ name: 'file', fileName: 'ação.pdf' })
  })

  it.each([
    ['no closing boundary', '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'],
    ['no Content-Disposition', '--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--'],
    ['junk after a boundary', '--b junk\r\n'],
    ['no boundary at all', 'hello'],
  ])('refuses %s', (_, text) => {
    expect(() => parse([new TextEncoder().encode(text)], 'b')).toThrow(MultipartError)
  })

  it('refuses endless headers and too many parts', () => {
    const longHeader = `--b\r\nX-Long: ${'a'.repeat(20_000)}`
    expect(() => parse([new TextEncoder().encode(longHeader)], 'b')).toThrow(/too long/)
    // The whole oversized block in one chunk, ended and followed by a valid body (issue #13, 7).
    const wholeInOneChunk = multipartBody(
      [{ name: 'type', data: 'x', headers: { 'X-Long': 'a'.repeat(20_000) } }],
      'b',
    )
    expect(() => parse([wholeInOneChunk], 'b')).toThrow(/too long/)
    const justUnder = multipartBody(
      [{ name: 'type', data: 'x', headers: { 'X-Long': 'a'.repeat(16_000) } }],
      'b',
    )
    expect(parse([justUnder], 'b')).toHaveLength(1)
    const many = multipartBody(
      Array.from({ length: 17 }, (_, index) => ({ name: `f${index}`, data: 'x' })),
      'b',
    )
    expect(() => parse([many], 'b')).toThrow(/too many parts/)
  })

  it('hands any generated form back intact, however it is split (property)', () => {
    const part = fc.record({
      name: fc.constantFrom('type', 'file', 'extra'),
      fileName: fc.option(
        fc.string({ maxLength: 20 }).filter((s) => !/["\r\n\\]/.test(s)),
        {
          nil: undefined,
        },
      ),
      data: fc.uint8Array({ maxLength: 300 }),
    })
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (parts, cuts) => {
          const boundary = 'fc-boundary-1234'
          // Data containing the delimiter itself cannot be framed: that is the sender's job.
          fc.pre(parts.every((p) => !Buffer.from(p.data).includes(`\r\n--${boundary}`)))
          const body = multipartBody(parts as RawPart[], boundary)
          const parsed = parse(splitAt(body, cuts), boundary)
          expect(parsed.map((p) => [p.name, p.fileName ?? undefined, Buffer.from(p.data)])).toEqual(
            parts.map((p) => [p.name, p.fileName, Buffer.from(p.data)]),
          )
        },
      ),
      { numRuns: 300 },
    )
  })

  it('never throws anything but MultipartError on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (bytes, cuts) => {
          try {
            parse(splitAt(bytes, cuts), 'b')
          } catch (error) {
            expect(error).toBeInstanceOf(MultipartError)
          }
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('readMultipart', () => {
  it('stops reading as soon as a sink refuses a chunk', async () => {
    let pulled = 0
    const chunk = multipartBody([{ name: 'file', fileName: 'a', data: new Uint8Array(1000) }])
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1
        controller.enqueue(chunk.subarray(0, 100))
        if (pulled > 1000) controller.close()
      },
    })
    const refused = new Error('too big')
    await expect(
      readMultipart(body, '----kyc-sandbox-test-7d1f', () => ({
        write() {
          throw refused
        },
        end() {},
      })),
    ).rejects.toBe(refused)
    expect(pulled).toBeLessThan(5)
  })

  it('refuses a missing body', async () => {
    await expect(readMultipart(null, 'b', () => ({ write() {}, end() {} }))).rejects.toThrow(
      MultipartError,
    )
  })
})
