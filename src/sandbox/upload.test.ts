import { createHash } from 'node:crypto'
import type { Customer, KycDocument } from '../api/types.ts'
import type { SandboxServer } from './node-server.ts'
import { jpegBytes, pdfBytes, pngBytes } from '../core/testing/files.ts'
import {
  get,
  multipartBody,
  requestToken,
  startTestSandbox,
  upload,
  uploadRaw,
} from './testing/http.ts'

let server: SandboxServer
let token: string
let customerId: string

beforeEach(async () => {
  server = await startTestSandbox({ maxFileSize: 64 * 1024 })
  token = await requestToken(server.url)
  customerId = server.sandbox.control.createCustomer('company').id
})
afterEach(() => server.close())

async function customer(): Promise<Customer> {
  return (await (await get(server.url, `/customers/${customerId}`, token)).json()) as Customer
}

async function problemOf(response: Response) {
  return (await response.json()) as { status: number; code: string; param?: string }
}

describe('a valid upload', () => {
  it('answers 201 with the document and marks the kyc item submitted', async () => {
    const pdf = pdfBytes()
    const response = await upload(server.url, customerId, {
      token,
      type: 'ccmei',
      file: pdf,
      fileName: 'ccmei.pdf',
      contentType: 'application/pdf',
    })
    expect(response.status).toBe(201)
    const document = (await response.json()) as KycDocument
    expect(document).toEqual({
      id: expect.stringMatching(/^doc_[0-9a-f]{32}$/),
      type: 'ccmei',
      status: 'submitted',
      uploaded_at: expect.any(String),
      created_at: document.uploaded_at,
      updated_at: document.uploaded_at,
    })
    const after = await customer()
    expect(after.kyc.find((item) => item.type === 'ccmei')).toMatchObject({
      status: 'submitted',
      uploaded_at: document.uploaded_at,
      message: null,
    })
    expect(after.status).toBe('pending_kyc')
    const [stored] = server.sandbox.control.documents(customerId)
    expect(stored).toMatchObject({
      id: document.id,
      file_name: 'ccmei.pdf',
      content_type: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      complete: true,
    })
  })

  it('judges by the bytes: a PNG named .jpg with a wrong declared type is stored as image/png', async () => {
    const response = await upload(server.url, customerId, {
      token,
      type: 'selfie',
      file: pngBytes(),
      fileName: 'selfie.jpg',
      contentType: 'image/jpeg',
    })
    expect(response.status).toBe(201)
    expect(server.sandbox.control.documents(customerId)[0]?.content_type).toBe('image/png')
  })

  it('puts the customer under review once nothing is pending', async () => {
    const files = [pdfBytes(), jpegBytes(), jpegBytes(), pngBytes()]
    const types = ['ccmei', 'identity_card_front', 'identity_card_back', 'selfie']
    for (const [index, type] of types.entries()) {
      const response = await upload(server.url, customerId, { token, type, file: files[index] })
      expect(response.status).toBe(201)
    }
    expect((await customer()).status).toBe('under_review')
  })
})

describe('refused uploads store nothing', () => {
  afterEach(() => {
    expect(server.sandbox.control.documents(customerId)).toEqual([])
  })

  it('404 customer_not_found for an unknown customer', async () => {
    const response = await upload(server.url, 'cust_ffffffffffffffffffffffffffffffff', {
      token,
      type: 'ccmei',
      file: pdfBytes(),
    })
    expect(response.status).toBe(404)
    expect(await problemOf(response)).toMatchObject({ code: 'customer_not_found' })
  })

  it.each([
    ['JSON', 'application/json', '{"type":"ccmei"}'],
    ['a url-encoded form', 'application/x-www-form-urlencoded', 'type=ccmei'],
    ['multipart without a boundary', 'multipart/form-data', 'x'],
  ])('400 invalid_content_type for %s', async (_, contentType, body) => {
    const response = await uploadRaw(server.url, customerId, token, body, contentType)
    expect(response.status).toBe(400)
    expect(await problemOf(response)).toMatchObject({ code: 'invalid_content_type' })
  })

  it.each([
    ['a body cut before the closing boundary', '--' + 'x'.repeat(10)],
    ['garbage', 'hello'],
    ['an empty body', ''],
  ])('400 malformed_body for %s', async (_, text) => {
    const body = text.startsWith('--')
      ? multipartBody([{ name: 'type', data: 'ccmei' }]).slice(0, 60)
      : text
    const response = await uploadRaw(server.url, customerId, token, body)
    expect(response.status).toBe(400)
    expect(await problemOf(response)).toMatchObject({ code: 'malformed_body' })
  })

  it('400 malformed_body naming a third field', async () => {
    const body = multipartBody([
      { name: 'type', data: 'ccmei' },
      { name: 'file', fileName: 'a.pdf', data: pdfBytes() },
      { name: 'note', data: 'hi' },
    ])
    const response = await uploadRaw(server.url, customerId, token, body)
    expect(response.status).toBe(400)
    expect(await problemOf(response)).toMatchObject({ code: 'malformed_body', param: 'note' })
  })

  it('400 malformed_body for a 20 KB part header, even when it arrives in one chunk', async () => {
    const body = multipartBody([
      { name: 'type', data: 'ccmei' },
      {
        name: 'file',
        fileName: 'a.pdf',
        headers: { 'X-Pad': 'a'.repeat(20_000) },
        data: pdfBytes(),
      },
    ])
    // One write: the whole body, header block included, is a single chunk for the parser.
    const response = await uploadRaw(server.url, customerId, token, body)
    expect(response.status).toBe(400)
    expect(await problemOf(response)).toMatchObject({ code: 'malformed_body' })
  })

  it('400 malformed_body for a field sent twice', async () => {
    const body = multipartBody([
      { name: 'type', data: 'ccmei' },
      { name: 'type', data: 'selfie' },
      { name: 'file', fileName: 'a.pdf', data: pdfBytes() },
    ])
    const response = await uploadRaw(server.url, customerId, token, body)
    expect(await problemOf(response)).toMatchObject({ code: 'malformed_body', param: 'type' })
  })

  it('400 missing_file without a file part, or with the empty part of a form with no file chosen', async () => {
    const noPart = await upload(server.url, customerId, { token, type: 'ccmei' })
    expect(noPart.status).toBe(400)
    expect(await problemOf(noPart)).toMatchObject({ code: 'missing_file', param: 'file' })
    const emptyPart = multipartBody([
      { name: 'type', data: 'ccmei' },
      { name: 'file', fileName: '', contentType: 'application/octet-stream', data: '' },
    ])
    const response = await uploadRaw(server.url, customerId, token, emptyPart)
    expect(await problemOf(response)).toMatchObject({ code: 'missing_file' })
  })

  it('400 malformed_body naming type when the type field is missing or blank', async () => {
    const missing = await upload(server.url, customerId, { token, file: pdfBytes() })
    expect(missing.status).toBe(400)
    expect(await problemOf(missing)).toMatchObject({ code: 'malformed_body', param: 'type' })
    const blank = await upload(server.url, customerId, { token, type: '  ', file: pdfBytes() })
    expect(await problemOf(blank)).toMatchObject({ code: 'malformed_body', param: 'type' })
  })

  it.each([
    ['a type the customer does not owe', 'cnh'],
    ['an invented type', 'passport'],
  ])('422 invalid_document_type for %s', async (_, type) => {
    const response = await upload(server.url, customerId, { token, type, file: pdfBytes() })
    expect(response.status).toBe(422)
    expect(await problemOf(response)).toMatchObject({
      code: 'invalid_document_type',
      param: 'type',
    })
  })

  it('422 invalid_document_type for biometrics and data items, which are not uploads', async () => {
    customerId = server.sandbox.control.createCustomer('mixed').id
    for (const type of ['biometrics', 'mother_name']) {
      const response = await upload(server.url, customerId, { token, type, file: pngBytes() })
      expect(await problemOf(response)).toMatchObject({ code: 'invalid_document_type' })
    }
  })

  it.each([
    ['text named .pdf', new TextEncoder().encode('just some text, honest'), 'contract.pdf'],
    [
      'a Windows executable named .jpg',
      new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]),
      'photo.jpg',
    ],
    ['a GIF', new TextEncoder().encode('GIF89a\x01\x00\x01\x00'), 'selfie.png'],
    [
      'an SVG with a script',
      new TextEncoder().encode('<svg><script>alert(1)</script></svg>'),
      'x.png',
    ],
  ])('422 unsupported_file_type for %s', async (_, file, fileName) => {
    const response = await upload(server.url, customerId, {
      token,
      type: 'selfie',
      file,
      fileName,
      contentType: 'image/png',
    })
    expect(response.status).toBe(422)
    expect(await problemOf(response)).toMatchObject({
      code: 'unsupported_file_type',
      param: 'file',
    })
  })

  it('422 file_empty for a named file with no bytes', async () => {
    const response = await upload(server.url, customerId, {
      token,
      type: 'ccmei',
      file: new Uint8Array(0),
      fileName: 'ccmei.pdf',
    })
    expect(response.status).toBe(422)
    expect(await problemOf(response)).toMatchObject({ code: 'file_empty', param: 'file' })
  })

  it('422 file_too_large one byte past the configured limit', async () => {
    const over = pdfBytes({ pages: 1, padding: 64 * 1024 + 1 }).slice(0, 64 * 1024 + 1)
    const response = await upload(server.url, customerId, { token, type: 'ccmei', file: over })
    expect(response.status).toBe(422)
    expect(await problemOf(response)).toMatchObject({ code: 'file_too_large', param: 'file' })
  })
})

it('accepts a file of exactly the configured limit', async () => {
  const atLimit = pdfBytes({ pages: 1, padding: 60 * 1024 })
  const padded = new Uint8Array(64 * 1024)
  padded.set(atLimit)
  const response = await upload(server.url, customerId, { token, type: 'ccmei', file: padded })
  expect(response.status).toBe(201)
  expect(server.sandbox.control.documents(customerId)[0]?.size).toBe(64 * 1024)
})

describe('document_locked', () => {
  it('refuses a second upload while the first is in review or once approved', async () => {
    const first = await upload(server.url, customerId, { token, type: 'selfie', file: jpegBytes() })
    expect(first.status).toBe(201)
    const again = await upload(server.url, customerId, { token, type: 'selfie', file: pngBytes() })
    expect(again.status).toBe(422)
    expect(await problemOf(again)).toMatchObject({ code: 'document_locked', param: 'type' })

    customerId = server.sandbox.control.createCustomer('approved').id
    const approved = await upload(server.url, customerId, { token, type: 'cnh', file: pdfBytes() })
    expect(await problemOf(approved)).toMatchObject({ code: 'document_locked' })
  })

  it('accepts a new file for a rejected document', async () => {
    customerId = server.sandbox.control.createCustomer('rejected').id
    const response = await upload(server.url, customerId, {
      token,
      type: 'identity_card_front',
      file: jpegBytes(),
    })
    expect(response.status).toBe(201)
    const after = await customer()
    expect(after.kyc.find((item) => item.type === 'identity_card_front')).toMatchObject({
      status: 'submitted',
      message: null,
    })
    expect(after.status).toBe('under_review')
  })
})

describe('file names', () => {
  it.each([
    'RG frente (1).jpg',
    'çâmërá – ação.jpeg',
    '"quoted" <b>bold</b>.jpg',
    '\u202Egpj.exe',
    '🙂.jpg',
    `${'a'.repeat(296)}.jpg`,
  ])('stores %j as sent', async (fileName) => {
    const response = await upload(server.url, customerId, {
      token,
      type: 'selfie',
      file: jpegBytes(),
      fileName,
    })
    expect(response.status).toBe(201)
    // FormData escapes quotes and line breaks in the header, as browsers do.
    expect(server.sandbox.control.documents(customerId)[0]?.file_name).toBe(
      fileName.replace(/"/g, '%22'),
    )
  })
})
