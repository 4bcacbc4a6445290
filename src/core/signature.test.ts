import fc from 'fast-check'
import {
  HEAD_LENGTH,
  TAIL_LENGTH,
  detectFileKind,
  endsJpegImage,
  hasCompleteEnding,
  hasSamsungTrailer,
  isEncryptedPdf,
  motionPhotoVideoLength,
  pdfTrailerOffsets,
} from './signature.ts'
import {
  encryptedLinearizedLargePdfBytes,
  encryptedPdfBytes,
  encryptedXrefStreamPdfBytes,
  heicBytes,
  jpegBytes,
  linearizedPdfBytes,
  motionPhotoBytes,
  mp4Bytes,
  pdfBytes,
  pngBytes,
  samsungMotionPhotoBytes,
  svgWithScriptBytes,
  textBytes,
  truncated,
  webpBytes,
  windowsExecutableBytes,
} from './testing/files.ts'

const head = (bytes: Uint8Array) => bytes.slice(0, HEAD_LENGTH)
const tail = (bytes: Uint8Array) => bytes.slice(Math.max(0, bytes.length - TAIL_LENGTH))
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const ascii = (text: string) => new TextEncoder().encode(text)

describe('detectFileKind on real files', () => {
  it.each([
    ['a three-page PDF', () => pdfBytes({ pages: 3 }), 'pdf'],
    ['a linearized PDF', linearizedPdfBytes, 'pdf'],
    ['a password-protected PDF', encryptedPdfBytes, 'pdf'],
    ['a PNG', () => pngBytes(), 'png'],
    ['a JPEG from libjpeg', jpegBytes, 'jpeg'],
    ['an iPhone-style HEIC', heicBytes, 'heic'],
    ['a WebP', webpBytes, 'webp'],
    ['an SVG carrying a script', svgWithScriptBytes, 'svg'],
    ['a Windows executable', windowsExecutableBytes, 'executable'],
    ['plain text', () => textBytes(), 'unknown'],
    ['nothing at all', () => new Uint8Array(), 'unknown'],
  ] as const)('recognises %s', (_, bytes, kind) => {
    expect(detectFileKind(head(bytes()))).toBe(kind)
  })

  it('recognises the other formats people drop by mistake', () => {
    expect(detectFileKind(ascii('GIF89a\x01\x00\x01\x00'))).toBe('gif')
    expect(detectFileKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0]))).toBe('zip')
    expect(detectFileKind(ascii('\x7fELF\x02\x01\x01'))).toBe('executable')
    expect(detectFileKind(ascii('#!/bin/sh\nrm -rf ~\n'))).toBe('executable')
    expect(detectFileKind(ascii('  <svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg')
  })

  it('recognises SVG after a UTF-8 byte order mark, a doctype or a comment', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    const bom = new Uint8Array([0xef, 0xbb, 0xbf])
    expect(detectFileKind(new Uint8Array([...bom, ...ascii(svg)]))).toBe('svg')
    expect(detectFileKind(new Uint8Array([...bom, ...svgWithScriptBytes()]))).toBe('svg')
    expect(detectFileKind(ascii(`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN">\n${svg}`))).toBe(
      'svg',
    )
    expect(detectFileKind(ascii(`<!-- Generator: Illustrator -->\n${svg}`))).toBe('svg')
    expect(detectFileKind(ascii('<!DOCTYPE html><html></html>'))).toBe('unknown')
  })

  it('finds a PDF header within the first 1024 bytes, as readers do, and not after', () => {
    expect(detectFileKind(ascii('junk\n%PDF-1.7\n'))).toBe('pdf')
    expect(detectFileKind(ascii(`${' '.repeat(1019)}%PDF-1.7\n`))).toBe('pdf')
    expect(detectFileKind(ascii(`${' '.repeat(1025)}%PDF-1.7\n`))).toBe('unknown')
  })

  it('needs the whole signature: a prefix of one is not enough', () => {
    const png = pngBytes()
    for (let length = 0; length < 8; length += 1) {
      expect(detectFileKind(png.slice(0, length))).toBe('unknown')
    }
    expect(detectFileKind(jpegBytes().slice(0, 2))).toBe('unknown')
    expect(detectFileKind(ascii('%PDF'))).toBe('unknown')
  })
})

describe('hasCompleteEnding', () => {
  it('accepts the endings of complete real files', () => {
    expect(hasCompleteEnding('pdf', tail(pdfBytes({ pages: 3, padding: 6000 })))).toBe(true)
    expect(hasCompleteEnding('pdf', tail(linearizedPdfBytes()))).toBe(true)
    expect(hasCompleteEnding('png', tail(pngBytes({ pattern: 'noise' })))).toBe(true)
    expect(hasCompleteEnding('jpeg', tail(jpegBytes()))).toBe(true)
  })

  it('refuses files cut short anywhere', () => {
    // The last cut removes just the end marker: "%%EOF\n", the IEND chunk, the FF D9 marker.
    const files = [
      ['pdf', pdfBytes({ pages: 3, padding: 6000 }), 6],
      ['png', pngBytes({ width: 120, height: 80, pattern: 'noise' }), 12],
      ['jpeg', jpegBytes(), 2],
    ] as const
    for (const [kind, bytes, marker] of files) {
      for (const keep of [0.1, 0.5, 0.9, bytes.length - marker]) {
        expect(hasCompleteEnding(kind, tail(truncated(bytes, keep))), `${kind} ${keep}`).toBe(false)
      }
    }
  })

  it('refuses a linearized PDF cut off after its first-page section, which has its own %%EOF', () => {
    const bytes = linearizedPdfBytes()
    const firstEof = new TextDecoder('latin1').decode(bytes).indexOf('%%EOF')
    expect(firstEof).toBeGreaterThan(0)
    expect(firstEof).toBeLessThan(2048)
    const cut = truncated(bytes, 3000)
    expect(hasCompleteEnding('pdf', tail(cut))).toBe(false)
  })

  it('accepts a JPEG with padding after its end-of-image marker, as some cameras write', () => {
    const padded = new Uint8Array([...jpegBytes(), ...new Uint8Array(200)])
    expect(hasCompleteEnding('jpeg', tail(padded))).toBe(true)
  })
})

describe('motion photos', () => {
  it("read the video's length from Google's metadata", () => {
    expect(motionPhotoVideoLength(motionPhotoBytes())).toBe(mp4Bytes().length)
    expect(motionPhotoVideoLength(jpegBytes())).toBeUndefined()
  })

  it('read the older MicroVideoOffset too', () => {
    const xmp = ascii('<rdf:Description GCamera:MicroVideo="1" GCamera:MicroVideoOffset="123456"/>')
    expect(motionPhotoVideoLength(xmp)).toBe(123_456)
  })

  it("recognise Samsung's trailer", () => {
    expect(hasSamsungTrailer(tail(samsungMotionPhotoBytes()))).toBe(true)
    expect(hasSamsungTrailer(tail(jpegBytes()))).toBe(false)
  })

  it('find where the image ends, before the video', () => {
    const bytes = motionPhotoBytes()
    const imageEnd = bytes.length - mp4Bytes().length
    expect(hasCompleteEnding('jpeg', tail(bytes))).toBe(false)
    expect(endsJpegImage(bytes.slice(0, imageEnd))).toBe(true)
    expect(endsJpegImage(bytes.slice(0, imageEnd - 100))).toBe(false)
  })
})

describe('isEncryptedPdf and pdfTrailerOffsets', () => {
  /** What `validateDocumentFile` does: head, tail, then the slices at the trailer offsets. */
  function encrypted(bytes: Uint8Array): boolean {
    const regions = [head(bytes), tail(bytes)]
    for (const offset of pdfTrailerOffsets(head(bytes), tail(bytes), bytes.length)) {
      regions.push(bytes.slice(offset, offset + 2048))
    }
    return regions.some(isEncryptedPdf)
  }

  it('finds /Encrypt in a classic trailer', () => {
    expect(isEncryptedPdf(tail(encryptedPdfBytes()))).toBe(true)
  })

  it('finds /Encrypt in a cross-reference stream dictionary', () => {
    expect(encrypted(encryptedXrefStreamPdfBytes())).toBe(true)
  })

  it('finds /Encrypt in the first-page trailer of a linearized file, far from its end', () => {
    const bytes = encryptedLinearizedLargePdfBytes()
    expect(isEncryptedPdf(tail(bytes))).toBe(false)
    expect(isEncryptedPdf(head(bytes))).toBe(false)
    expect(encrypted(bytes)).toBe(true)
  })

  it('does not call a PDF encrypted because its text talks about /Encrypt', () => {
    const bytes = pdfBytes({ text: 'See the /Encrypt entry of the trailer' })
    expect(new TextDecoder('latin1').decode(bytes)).toContain('/Encrypt')
    expect(encrypted(bytes)).toBe(false)
    expect(encrypted(linearizedPdfBytes())).toBe(false)
  })

  it('ignores trailer offsets that point outside the file', () => {
    const lying = ascii('%PDF-1.4\n1 0 obj\n<<>>\nendobj\nstartxref\n99999999999\n%%EOF\n')
    expect(pdfTrailerOffsets(lying, lying, lying.length)).toEqual([])
  })
})

describe('detectFileKind, for any bytes', () => {
  it('never throws and always answers a known kind', () => {
    const kinds = [
      'pdf',
      'jpeg',
      'png',
      'heic',
      'webp',
      'gif',
      'svg',
      'zip',
      'executable',
      'unknown',
    ]
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: HEAD_LENGTH + 16 }), (bytes) => {
        expect(kinds).toContain(detectFileKind(bytes))
      }),
      { numRuns: 500 },
    )
  })

  it('is stable when a PDF, PNG or JPEG head is followed by anything', () => {
    const heads = [
      ['pdf', head(pdfBytes())],
      ['png', head(pngBytes())],
      ['jpeg', head(jpegBytes())],
    ] as const
    fc.assert(
      fc.property(
        fc.constantFrom(...heads),
        fc.integer({ min: 8, max: 64 }),
        fc.uint8Array({ maxLength: 256 }),
        ([kind, bytes], keep, rest) => {
          const prefix = bytes.slice(0, keep)
          expect(detectFileKind(prefix)).toBe(kind)
          expect(detectFileKind(new Uint8Array([...prefix, ...rest]))).toBe(kind)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('never calls bytes a document unless they hold its signature (a PDF within 1024 bytes)', () => {
    const signatures = [[0x25, 0x50, 0x44, 0x46, 0x2d], [0xff, 0xd8, 0xff], [...PNG_SIGNATURE]]
    // Signatures with one byte changed or cut short, followed by anything, and plain noise.
    const nearMisses = fc
      .tuple(
        fc.constantFrom(...signatures),
        fc.nat(),
        fc.nat(255),
        fc.uint8Array({ maxLength: 32 }),
      )
      .map(([signature, at, value, rest]) => {
        const bytes = [...signature, ...rest]
        bytes[at % bytes.length] = value
        return new Uint8Array(bytes.slice(0, Math.max(1, (at % 40) + 1)))
      })
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), nearMisses), (bytes) => {
        const kind = detectFileKind(bytes)
        const startsWith = (signature: number[]) =>
          signature.every((value, index) => bytes[index] === value)
        if (kind === 'pdf') {
          expect(new TextDecoder('latin1').decode(bytes.subarray(0, 1029))).toContain('%PDF-')
        }
        if (kind === 'jpeg') expect(startsWith([0xff, 0xd8, 0xff])).toBe(true)
        if (kind === 'png') expect(startsWith([...PNG_SIGNATURE])).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('never throws on the trailer helpers either', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.nat(), (bytes, size) => {
        expect(typeof isEncryptedPdf(bytes)).toBe('boolean')
        for (const kind of ['pdf', 'png', 'jpeg'] as const) {
          expect(typeof hasCompleteEnding(kind, bytes)).toBe('boolean')
        }
        for (const offset of pdfTrailerOffsets(bytes, bytes, size)) {
          expect(offset).toBeGreaterThanOrEqual(0)
          expect(offset).toBeLessThan(size)
        }
      }),
      { numRuns: 300 },
    )
  })
})
