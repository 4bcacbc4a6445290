import { concatBytes, latin1Bytes } from '../bytes.ts'
import { createHash } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import { fileOf, linearizedPdfBytes, pdfBytes, truncated } from '../testing/files.ts'
import { validateDocumentFile } from '../validate.ts'
import { inspectPdf } from './inspect.ts'
import { md5 } from './security.ts'

const latin1 = latin1Bytes
const concat = (...parts: Uint8Array[]) => concatBytes(parts)

async function facts(bytes: Uint8Array) {
  const file = fileOf(bytes, 'a.pdf')
  const head = bytes.subarray(0, 4096)
  return inspectPdf(
    file,
    head,
    Math.max(0, new TextDecoder('latin1').decode(head).indexOf('%PDF-')),
  )
}

/**
 * A PDF 1.5 as current producers write it: the catalog and the page tree packed in a compressed
 * object stream, found through a compressed cross-reference stream with a PNG predictor.
 */
function objectStreamPdf(pages: number, countOverride?: number) {
  const kids = Array.from({ length: pages }, (_, index) => `${10 + index} 0 R`).join(' ')
  const packed = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${countOverride ?? pages} >>`,
    ...Array.from(
      { length: pages },
      () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    ),
  ]
  const numbers = [1, 2, ...Array.from({ length: pages }, (_, index) => 10 + index)]
  let body = ''
  const offsets: number[] = []
  for (const object of packed) {
    offsets.push(body.length)
    body += `${object}\n`
  }
  const header = numbers.map((number, index) => `${number} ${offsets[index]}`).join(' ') + '\n'
  const stream = deflateSync(Buffer.from(header + body, 'latin1'))
  const start = latin1('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n')
  const objStmOffset = start.length
  const objStm = concat(
    latin1(
      `3 0 obj\n<< /Type /ObjStm /N ${packed.length} /First ${header.length} /Filter /FlateDecode /Length ${stream.length} >>\nstream\n`,
    ),
    stream,
    latin1('\nendstream\nendobj\n'),
  )
  const xrefOffset = start.length + objStm.length
  // Rows of /W [1 4 2]: type, offset or stream number, generation or index; PNG "Up" predictor.
  const size = 10 + pages + 1
  const rows: number[][] = []
  for (let number = 0; number < size; number += 1) {
    const packedIndex = numbers.indexOf(number)
    if (number === 3) rows.push([1, objStmOffset, 0])
    else if (number === 4) rows.push([1, xrefOffset, 0])
    else if (packedIndex >= 0) rows.push([2, 3, packedIndex])
    else rows.push([0, 0, 0])
  }
  const raw: number[] = []
  let previous = new Array(7).fill(0)
  for (const [type, a, b] of rows) {
    const row = [
      type!,
      (a! >>> 24) & 255,
      (a! >>> 16) & 255,
      (a! >>> 8) & 255,
      a! & 255,
      (b! >>> 8) & 255,
      b! & 255,
    ]
    raw.push(2, ...row.map((value, index) => (value - previous[index] + 256) & 255))
    previous = row
  }
  const xrefData = deflateSync(Buffer.from(raw))
  const xref = concat(
    latin1(
      `4 0 obj\n<< /Type /XRef /Size ${size} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Columns 7 /Predictor 12 >> /Length ${xrefData.length} >>\nstream\n`,
    ),
    xrefData,
    latin1(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`),
  )
  return concat(start, objStm, xref)
}

/** RC4, written out here so the test does not lean on the code it checks. */
function rc4(key: Uint8Array, data: Uint8Array) {
  const s = Array.from({ length: 256 }, (_, index) => index)
  let j = 0
  for (let i = 0; i < 256; i += 1) {
    j = (j + s[i]! + key[i % key.length]!) & 255
    ;[s[i], s[j]] = [s[j]!, s[i]!]
  }
  let i = 0
  j = 0
  return data.map((byte) => {
    i = (i + 1) & 255
    j = (j + s[i]!) & 255
    ;[s[i], s[j]] = [s[j]!, s[i]!]
    return byte ^ s[(s[i]! + s[j]!) & 255]!
  })
}

const nodeMd5 = (...parts: Uint8Array[]) =>
  new Uint8Array(
    createHash('md5')
      .update(concat(...parts))
      .digest(),
  )
const PAD = Uint8Array.from(
  Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex'),
)
const padded = (password: string) => concat(latin1(password), PAD).subarray(0, 32)

/** A PDF encrypted with RC4 128-bit (revision 3): `user` may be empty (owner password only). */
function encryptedPdf(user: string, owner: string) {
  const plain = new TextDecoder('latin1').decode(pdfBytes({ pages: 2 }))
  const id = nodeMd5(latin1('kyc'))
  let ownerKey = nodeMd5(padded(owner))
  for (let round = 0; round < 50; round += 1) ownerKey = nodeMd5(ownerKey)
  let o = rc4(ownerKey, padded(user))
  for (let round = 1; round <= 19; round += 1)
    o = rc4(
      ownerKey.map((byte) => byte ^ round),
      o,
    )
  const p = new Uint8Array([0xc4, 0xf0, 0xff, 0xff]) // -3900, little-endian
  let key = nodeMd5(padded(user), o, p, id)
  for (let round = 0; round < 50; round += 1) key = nodeMd5(key)
  let u = rc4(key, nodeMd5(PAD, id))
  for (let round = 1; round <= 19; round += 1)
    u = rc4(
      key.map((byte) => byte ^ round),
      u,
    )
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
  const encrypt = `<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3900 /O <${hex(o)}> /U <${hex(u)}00000000000000000000000000000000> >>`
  // The dictionary goes inline in the trailer, with the file's ID (strings stay unencrypted
  // for this test: only the security handler's check is read).
  return latin1(
    plain.replace(
      '/Root 1 0 R >>',
      `/Root 1 0 R /Encrypt ${encrypt} /ID [<${hex(id)}> <${hex(id)}>] >>`,
    ),
  )
}

describe('inspectPdf: what readers make of a PDF', () => {
  it('reads a page count from a compressed object stream through a cross-reference stream', async () => {
    expect(await facts(objectStreamPdf(5))).toMatchObject({ resolves: true, pages: 5 })
  })

  it('says "unknown" rather than a count its page tree contradicts or no document has', async () => {
    expect((await facts(objectStreamPdf(3, 4))).pages).toBeNull()
    expect((await facts(objectStreamPdf(2, 9_999_999_999))).pages).toBeNull()
    const bytes = new TextDecoder('latin1').decode(pdfBytes({ pages: 2 }))
    expect((await facts(latin1(bytes.replace('/Count 2', '/Count 0')))).pages).toBeNull()
  })

  it('takes a whole file for whole after garbage or without its final %%EOF', async () => {
    const pdf = pdfBytes({ pages: 3 })
    const garbage = concat(pdf, latin1('\r\n<html>proxy footer</html>\n'.repeat(300)))
    const noEof = pdf.subarray(0, pdf.length - 6)
    for (const bytes of [garbage, noEof]) {
      expect(await facts(bytes)).toMatchObject({ resolves: true, pages: 3 })
      expect(await validateDocumentFile(fileOf(bytes, 'a.pdf'))).toMatchObject({
        ok: true,
        pages: 3,
      })
    }
  })

  it('reads a file whose header follows a mail or web header, offsets counted from it', async () => {
    const bytes = concat(latin1('Content-Type: application/pdf\r\n\r\n'), pdfBytes({ pages: 2 }))
    expect(await validateDocumentFile(fileOf(bytes, 'a.pdf'))).toMatchObject({ ok: true, pages: 2 })
  })

  it('counts the pages of a file whose cross-reference is broken from its objects, as readers rebuild it', async () => {
    const text = new TextDecoder('latin1').decode(pdfBytes({ pages: 4 }))
    const broken = latin1(text.replace(/startxref\n\d+/, 'startxref\n999999'))
    expect(await facts(broken)).toMatchObject({ resolves: false, pages: 4 })
    expect(await validateDocumentFile(fileOf(broken, 'a.pdf'))).toMatchObject({
      ok: true,
      pages: 4,
    })
  })

  it('still refuses a linearized file cut after its first page, and one cut anywhere', async () => {
    const linearized = linearizedPdfBytes()
    expect((await facts(linearized)).pages).toBe(3)
    for (const keep of [3000, 0.5, 0.9]) {
      const cut = truncated(linearized, keep)
      expect(await validateDocumentFile(fileOf(cut, 'a.pdf'))).toMatchObject({
        ok: false,
        code: 'file_corrupt',
      })
    }
  })

  it('accepts a file with an owner password only, and refuses one that needs a user password', async () => {
    expect((await facts(encryptedPdf('', 'owner'))).encryption).toBe('owner')
    expect(await validateDocumentFile(fileOf(encryptedPdf('', 'owner'), 'a.pdf'))).toMatchObject({
      ok: true,
    })
    expect((await facts(encryptedPdf('secret', 'owner'))).encryption).toBe('password')
    expect(await validateDocumentFile(fileOf(encryptedPdf('secret', 'o'), 'a.pdf'))).toMatchObject({
      ok: false,
      code: 'file_encrypted',
    })
  })

  it('does not take a damaged /Encrypt, which readers ignore, for a password', async () => {
    const plain = new TextDecoder('latin1').decode(pdfBytes({ pages: 2 }))
    const damaged = latin1(plain.replace('/Root 1 0 R >>', '/Root 1 0 R /Encrypt 99 0 R >>'))
    expect((await facts(damaged)).encryption).toBe('none')
    expect(await validateDocumentFile(fileOf(damaged, 'a.pdf'))).toMatchObject({ ok: true })
  })

  it('computes MD5 as RFC 1321 does', () => {
    for (const text of ['', 'abc', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(200)]) {
      expect(Buffer.from(md5(latin1(text))).toString('hex')).toBe(
        createHash('md5').update(text, 'latin1').digest('hex'),
      )
    }
  })
})
