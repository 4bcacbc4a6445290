import fc from 'fast-check'
import { DEFAULT_MAX_FILE_SIZE } from './limits.ts'
import { HEAD_LENGTH, TAIL_LENGTH, detectFileKind, isDocumentKind } from './signature.ts'
import { validateDocumentFile } from './validate.ts'
import {
  encryptedLinearizedLargePdfBytes,
  encryptedLinearizedPdfBytes,
  encryptedPdfBytes,
  encryptedXrefStreamPdfBytes,
  fileOf,
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
  trackedFile,
  truncated,
  virtualFile,
  webpBytes,
  windowsExecutableBytes,
} from './testing/files.ts'

const pdfEnding = new TextEncoder().encode('\ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n')

/** The committed linearized fixture (qpdf) has three pages, as its linearization dictionary says. */
const LINEARIZED_PAGES = 3

describe('validateDocumentFile accepts real documents', () => {
  it.each([
    [
      'a three-page PDF',
      () => fileOf(pdfBytes({ pages: 3 }), 'contrato social.pdf', 'application/pdf'),
      'pdf',
      'application/pdf',
      3,
    ],
    [
      'a linearized PDF',
      () => fileOf(linearizedPdfBytes(), 'ccmei.pdf', 'application/pdf'),
      'pdf',
      'application/pdf',
      LINEARIZED_PAGES,
    ],
    ['a PNG', () => fileOf(pngBytes(), 'rg-frente.png', 'image/png'), 'png', 'image/png', null],
    ['a JPEG', () => fileOf(jpegBytes(), 'selfie.jpeg', 'image/jpeg'), 'jpeg', 'image/jpeg', null],
    [
      'a JPEG with an upper-case .JPG name',
      () => fileOf(jpegBytes(), 'IMG_0042.JPG', 'image/jpeg'),
      'jpeg',
      'image/jpeg',
      null,
    ],
  ] as const)('%s', async (_, file, kind, contentType, pages) => {
    const picked = file()
    expect(await validateDocumentFile(picked)).toEqual({
      ok: true,
      kind,
      contentType,
      pages,
      oversized: false,
      fileName: picked.name,
    })
  })

  it('sends a PNG named .jpg as image/png: the bytes decide the content type', async () => {
    const result = await validateDocumentFile(fileOf(pngBytes(), 'scan.jpg', 'image/jpeg'))
    expect(result).toMatchObject({ ok: true, kind: 'png', contentType: 'image/png', pages: null })
  })

  it('decides by the signature when the browser gives no MIME type', async () => {
    expect(await validateDocumentFile(fileOf(pdfBytes(), 'scan.pdf', ''))).toMatchObject({
      ok: true,
      kind: 'pdf',
      contentType: 'application/pdf',
      pages: 2,
    })
    expect(await validateDocumentFile(fileOf(jpegBytes(), 'photo', ''))).toMatchObject({
      ok: true,
      kind: 'jpeg',
      contentType: 'image/jpeg',
      pages: null,
    })
  })

  it('accepts a Google motion photo: a JPEG with its video appended after the image', async () => {
    const { file, reads } = trackedFile(
      motionPhotoBytes(),
      'PXL_20261125_120000000.MP.jpg',
      'image/jpeg',
    )
    expect(await validateDocumentFile(file)).toMatchObject({
      ok: true,
      kind: 'jpeg',
      contentType: 'image/jpeg',
      pages: null,
    })
    expect(reads.wholeReads).toBe(0)
  })

  it('accepts a Samsung motion photo, which ends with its own trailer', async () => {
    const file = fileOf(samsungMotionPhotoBytes(), '20261125_120000.jpg', 'image/jpeg')
    expect(await validateDocumentFile(file)).toMatchObject({ ok: true, kind: 'jpeg' })
  })

  it('treats application/octet-stream, which some pickers report, like no type at all', async () => {
    const pdf = fileOf(pdfBytes(), 'extrato.pdf', 'application/octet-stream')
    expect(await validateDocumentFile(pdf)).toMatchObject({
      ok: true,
      contentType: 'application/pdf',
    })
    const exe = fileOf(windowsExecutableBytes(), 'extrato.pdf', 'application/octet-stream')
    expect(await validateDocumentFile(exe)).toMatchObject({ ok: false, code: 'file_disguised' })
    const unnamed = fileOf(textBytes(), 'notes', 'application/octet-stream')
    expect(await validateDocumentFile(unnamed)).toMatchObject({
      ok: false,
      code: 'file_type_unsupported',
    })
  })

  it('accepts a PDF whose text mentions /Encrypt', async () => {
    const bytes = pdfBytes({ text: 'How the /Encrypt entry works' })
    expect(await validateDocumentFile(fileOf(bytes, 'guide.pdf'))).toMatchObject({ ok: true })
  })

  it('accepts a file of exactly the size limit, reading its ends and a few blocks only', async () => {
    const { file, reads } = virtualFile({
      name: 'big.pdf',
      type: 'application/pdf',
      size: DEFAULT_MAX_FILE_SIZE,
      head: pdfBytes().slice(0, 64),
      tail: pdfEnding,
    })
    expect(await validateDocumentFile(file)).toMatchObject({ ok: true, kind: 'pdf' })
    expect(reads.wholeReads).toBe(0)
    expect(reads.slicedBytes).toBeLessThanOrEqual(HEAD_LENGTH + TAIL_LENGTH + 8 * 64 * 1024)
  })
})

describe('validateDocumentFile refuses, with a code and the file name', () => {
  it.each([
    [
      'a text file named .pdf',
      () => fileOf(textBytes(), 'rg.pdf', 'application/pdf'),
      'file_disguised',
    ],
    [
      'a text file named .pdf without a MIME type',
      () => fileOf(textBytes(), 'rg.pdf'),
      'file_disguised',
    ],
    [
      'an executable named .png',
      () => fileOf(windowsExecutableBytes(), 'selfie.png', 'image/png'),
      'file_disguised',
    ],
    [
      'an executable named .exe',
      () => fileOf(windowsExecutableBytes(), 'setup.exe', 'application/x-msdownload'),
      'file_type_unsupported',
    ],
    [
      'an executable with no name hint',
      () => fileOf(windowsExecutableBytes(), 'payload'),
      'file_type_unsupported',
    ],
    ['an iPhone HEIC photo', () => fileOf(heicBytes(), 'IMG_0001.HEIC', 'image/heic'), 'file_heic'],
    [
      'a HEIC photo renamed to .jpg',
      () => fileOf(heicBytes(), 'IMG_0001.jpg', 'image/jpeg'),
      'file_heic',
    ],
    [
      'a HEIC photo the browser gave no type',
      () => fileOf(heicBytes(), 'IMG_0001.heic'),
      'file_heic',
    ],
    ['a WebP', () => fileOf(webpBytes(), 'print.webp', 'image/webp'), 'file_type_unsupported'],
    [
      'a WebP renamed to .png',
      () => fileOf(webpBytes(), 'print.png', 'image/png'),
      'file_disguised',
    ],
    [
      'an SVG with a script',
      () => fileOf(svgWithScriptBytes(), 'logo.svg', 'image/svg+xml'),
      'file_type_unsupported',
    ],
    [
      'an SVG with a script renamed to .png',
      () => fileOf(svgWithScriptBytes(), 'logo.png', 'image/png'),
      'file_disguised',
    ],
    ['a real PDF named .docx', () => fileOf(pdfBytes(), 'contract.docx'), 'file_type_unsupported'],
    [
      'a real PDF sent as text/html',
      () => fileOf(pdfBytes(), 'contract.pdf', 'text/html'),
      'file_type_unsupported',
    ],
    ['an empty file', () => fileOf(new Uint8Array(), 'empty.pdf', 'application/pdf'), 'file_empty'],
    [
      'a password-protected PDF',
      () => fileOf(encryptedPdfBytes(), 'locked.pdf', 'application/pdf'),
      'file_encrypted',
    ],
    [
      'a password-protected PDF with a cross-reference stream',
      () => fileOf(encryptedXrefStreamPdfBytes(), 'locked.pdf'),
      'file_encrypted',
    ],
    [
      'a password-protected linearized PDF',
      () => fileOf(encryptedLinearizedPdfBytes(), 'locked.pdf'),
      'file_encrypted',
    ],
    [
      'a password-protected linearized PDF with a long first page',
      () => fileOf(encryptedLinearizedLargePdfBytes(), 'locked.pdf'),
      'file_encrypted',
    ],
  ] as const)('%s', async (_, file, code) => {
    const picked = file()
    expect(await validateDocumentFile(picked)).toEqual({
      ok: false,
      code,
      params: { name: picked.name },
    })
  })

  it.each([
    ['PDF', pdfBytes({ pages: 3, padding: 6000 }), 'statement.pdf', 6],
    ['PNG', pngBytes({ width: 120, height: 80, pattern: 'noise' }), 'scan.png', 12],
    ['JPEG', jpegBytes(), 'photo.jpg', 2],
  ] as const)('a truncated %s, wherever it was cut', async (_, bytes, name, marker) => {
    // A PDF that lost only its final %%EOF still resolves, and readers open it (below).
    const cuts = name.endsWith('.pdf')
      ? [0.05, 0.5, 0.95]
      : [0.05, 0.5, 0.95, bytes.length - marker]
    for (const keep of cuts) {
      const result = await validateDocumentFile(fileOf(truncated(bytes, keep), name))
      expect(result, `kept ${keep}`).toMatchObject({ ok: false, code: 'file_corrupt' })
    }
  })

  it('a motion photo whose image part is damaged', async () => {
    const file = fileOf(motionPhotoBytes({ cutImage: 300 }), 'PXL.MP.jpg', 'image/jpeg')
    expect(await validateDocumentFile(file)).toMatchObject({ ok: false, code: 'file_corrupt' })
  })

  it('a JPEG followed by a video it does not declare', async () => {
    const bytes = new Uint8Array([...truncated(jpegBytes(), 0.8), ...mp4Bytes()])
    expect(await validateDocumentFile(fileOf(bytes, 'photo.jpg'))).toMatchObject({
      ok: false,
      code: 'file_corrupt',
    })
  })

  it('a file over the limit, with the limit in its params, without reading it', async () => {
    const { file, reads } = virtualFile({
      name: 'scan.pdf',
      type: 'application/pdf',
      size: DEFAULT_MAX_FILE_SIZE + 1,
      head: pdfBytes().slice(0, 64),
      tail: pdfEnding,
    })
    expect(await validateDocumentFile(file)).toEqual({
      ok: false,
      code: 'file_too_large',
      params: { name: 'scan.pdf', max: DEFAULT_MAX_FILE_SIZE },
    })
    expect(reads).toEqual({ slices: 0, slicedBytes: 0, wholeReads: 0 })
  })

  it('a 1 GiB file, without reading a byte of it', async () => {
    const { file, reads } = virtualFile({ name: 'disk.png', type: 'image/png', size: 2 ** 30 })
    expect(await validateDocumentFile(file)).toMatchObject({ ok: false, code: 'file_too_large' })
    expect(reads).toEqual({ slices: 0, slicedBytes: 0, wholeReads: 0 })
  })

  it('honours a smaller maxFileSize', async () => {
    const bytes = jpegBytes()
    const result = await validateDocumentFile(fileOf(bytes, 'selfie.jpg'), {
      maxFileSize: bytes.length - 1,
    })
    expect(result).toMatchObject({
      ok: false,
      code: 'file_too_large',
      params: { max: bytes.length - 1 },
    })
    expect(
      await validateDocumentFile(fileOf(bytes, 'selfie.jpg'), { maxFileSize: bytes.length }),
    ).toMatchObject({
      ok: true,
    })
  })

  it('a file that can no longer be read (deleted after it was picked)', async () => {
    class VanishedFile extends File {
      override slice(): Blob {
        const blob = new Blob([])
        blob.arrayBuffer = () => Promise.reject(new DOMException('gone', 'NotReadableError'))
        return blob
      }
    }
    const file = new VanishedFile([jpegBytes()], 'selfie.jpg', { type: 'image/jpeg' })
    expect(await validateDocumentFile(file)).toEqual({
      ok: false,
      code: 'file_unreadable',
      params: { name: 'selfie.jpg' },
    })
  })
})

describe('how much validateDocumentFile reads', () => {
  it('reads a real 2 MB PDF by its ends and the blocks its cross-reference names', async () => {
    const bytes = pdfBytes({ pages: 8, padding: 250_000 })
    expect(bytes.length).toBeGreaterThan(2_000_000)
    const { file, reads } = trackedFile(bytes, 'extrato.pdf', 'application/pdf')
    expect(await validateDocumentFile(file)).toMatchObject({ ok: true, kind: 'pdf', pages: 8 })
    expect(reads.wholeReads).toBe(0)
    // The ends, then 64 KiB blocks: the xref and trailer, the catalog, the page tree and its kids.
    expect(reads.slicedBytes).toBeLessThanOrEqual(HEAD_LENGTH + TAIL_LENGTH + 12 * 64 * 1024)
    expect(reads.slicedBytes).toBeLessThan(bytes.length / 2)
  })

  it('reads an image by its two ends only', async () => {
    const { file, reads } = trackedFile(jpegBytes(), 'selfie.jpg', 'image/jpeg')
    expect(await validateDocumentFile(file)).toMatchObject({ ok: true })
    expect(reads.wholeReads).toBe(0)
    expect(reads.slices).toBe(2)
  })
})

describe('validateDocumentFile, for any bytes', () => {
  it('never accepts bytes that detectFileKind does not call a PDF, JPEG or PNG', async () => {
    const names = fc.constantFrom('a.pdf', 'a.jpg', 'a.png', 'a', 'a.txt', 'a.heic')
    const types = fc.constantFrom('', 'application/pdf', 'image/jpeg', 'image/png', 'text/plain')
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        names,
        types,
        async (bytes, name, type) => {
          const result = await validateDocumentFile(fileOf(bytes, name, type))
          const kind = detectFileKind(bytes)
          if (result.ok) {
            expect(isDocumentKind(kind)).toBe(true)
            expect(result.kind).toBe(kind)
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('answers with a known code for any damage to a real file, and never throws', async () => {
    const codes = [
      'file_type_unsupported',
      'file_disguised',
      'file_corrupt',
      'file_encrypted',
      'file_heic',
      'image_undecodable',
      'image_too_large',
    ]
    const originals = [
      pdfBytes({ pages: 2, padding: 5000 }),
      pngBytes({ pattern: 'noise' }),
      jpegBytes(),
    ]
    const damage = fc.record({
      original: fc.nat(originals.length - 1),
      keep: fc.double({ min: 0.001, max: 0.9999, noNaN: true }),
      flips: fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 8 }),
    })
    await fc.assert(
      fc.asyncProperty(damage, async ({ original, keep, flips }) => {
        const bytes = truncated(originals[original]!, keep)
        for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value
        const result = await validateDocumentFile(fileOf(bytes, 'document.pdf'))
        if (!result.ok) expect(codes).toContain(result.code)
        else expect(isDocumentKind(detectFileKind(bytes))).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it('accepts or refuses the same file the same way whatever document name and type it is given', async () => {
    const documents = [pdfBytes(), pngBytes(), jpegBytes()]
    const names = fc.constantFrom('a.pdf', 'a.jpg', 'a.jpeg', 'a.png', 'A.PDF', 'a')
    const types = fc.constantFrom('', 'application/pdf', 'image/jpeg', 'image/png')
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...documents), names, types, async (bytes, name, type) => {
        const result = await validateDocumentFile(fileOf(bytes, name, type))
        expect(result).toMatchObject({ ok: true, kind: detectFileKind(bytes) })
      }),
      { numRuns: 100 },
    )
  })
})

describe('validateDocumentFile, photos from real phones', () => {
  const jpegHead = () => jpegBytes().slice(0, 4096)
  const jpegTail = () => jpegBytes().slice(-64)

  it('takes a photo over the limit for the photo step to shrink, but not a PDF', async () => {
    const photo = virtualFile({
      name: 'IMG_0001.jpg',
      type: 'image/jpeg',
      size: 13_600_000,
      head: jpegHead(),
      tail: jpegTail(),
    })
    expect(await validateDocumentFile(photo.file, { shrinksPhotos: true })).toMatchObject({
      ok: true,
      kind: 'jpeg',
      oversized: true,
    })
    expect(await validateDocumentFile(photo.file)).toMatchObject({
      ok: false,
      code: 'file_too_large',
    })
    const pdf = virtualFile({
      name: 'scan.pdf',
      type: 'application/pdf',
      size: 13_600_000,
      head: pdfBytes().slice(0, 64),
      tail: pdfEnding,
    })
    expect(await validateDocumentFile(pdf.file, { shrinksPhotos: true })).toMatchObject({
      ok: false,
      code: 'file_too_large',
    })
  })

  it('refuses a photo past the decode bound (40 MB) at once, without reading it', async () => {
    const { file, reads } = virtualFile({
      name: 'huge.jpg',
      type: 'image/jpeg',
      size: 40_000_001,
      head: jpegHead(),
      tail: jpegTail(),
    })
    expect(await validateDocumentFile(file, { shrinksPhotos: true })).toMatchObject({
      ok: false,
      code: 'file_too_large',
    })
    expect(reads.slicedBytes + reads.wholeReads).toBe(0)
  })

  it('refuses a photo of more than 120 megapixels, by its frame header', async () => {
    const bytes = jpegBytes()
    const frame = bytes.findIndex((byte, index) => byte === 0xff && bytes[index + 1] === 0xc0)
    const huge = bytes.slice()
    huge.set([0x30, 0x00, 0x40, 0x00], frame + 5) // 12 288 × 16 384
    expect(
      await validateDocumentFile(fileOf(huge, 'a.jpg'), { shrinksPhotos: true }),
    ).toMatchObject({
      ok: false,
      code: 'image_too_large',
      params: { megapixels: 201, maxMegapixels: 120 },
    })
  })

  it('refuses JPEGs no browser decodes: JPEG-LS, lossless, 12-bit', async () => {
    const bytes = jpegBytes()
    const frame = bytes.findIndex((byte, index) => byte === 0xff && bytes[index + 1] === 0xc0)
    for (const [marker, precision] of [
      [0xf7, 8],
      [0xc3, 8],
      [0xc1, 12],
    ] as const) {
      const odd = bytes.slice()
      odd[frame + 1] = marker
      odd[frame + 4] = precision
      expect(await validateDocumentFile(fileOf(odd, 'scan.jpg'))).toMatchObject({
        ok: false,
        code: 'image_undecodable',
      })
    }
  })

  it('names a file by its content: a JPEG called .HEIC is a JPEG, sent as .jpg', async () => {
    const result = await validateDocumentFile(fileOf(jpegBytes(), 'IMG_0042.HEIC', 'image/heic'))
    expect(result).toMatchObject({
      ok: true,
      kind: 'jpeg',
      contentType: 'image/jpeg',
      fileName: 'IMG_0042.jpg',
    })
    expect(await validateDocumentFile(fileOf(heicBytes(), 'IMG_0043.HEIC'))).toMatchObject({
      ok: false,
      code: 'file_heic',
    })
  })
})
