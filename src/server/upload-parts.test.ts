// One parse (issue 18, item 3): what the provider receives is what the proxy checked, whatever a
// browser-side attacker writes in part headers.
import { MultipartParser, type PartInfo } from '../core/multipart.ts'
import { postStream } from './testing/http.ts'
import { type Stack, startStack } from './testing/stack.ts'
import { freshBoundary, quoted, rewriteUploadParts } from './upload-parts.ts'

const encoder = new TextEncoder()
const PDF = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'

// The reviewer's part: a plain field to a parser that honours `\\` as an escaped backslash, but a
// file part named `file` with a climbing, bidi-reversed name to one that does not.
const SMUGGLED_NAME = `x; name=file; filename*=utf-8''..%2F..%2Fboot%2F%E2%80%AE${'A'.repeat(280)}gpj.exe; q=\\\\`

function body(boundary: string, parts: string[]): string {
  return `${parts.map((part) => `--${boundary}\r\n${part}`).join('\r\n')}\r\n--${boundary}--\r\n`
}

const typePart = 'Content-Disposition: form-data; name="type"\r\n\r\nccmei'
const filePart = (fileName: string) =>
  `Content-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n${PDF}`

/** Re-frames `text` and parses what would reach the provider, with the same parser. */
async function forwarded(boundary: string, text: string) {
  const out = freshBoundary()
  const errors: string[] = []
  const stream = rewriteUploadParts(
    new Response(encoder.encode(text)).body as ReadableStream<Uint8Array>,
    boundary,
    out,
    (error) => errors.push(error.message),
  )
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await new Response(stream).arrayBuffer())
  } catch {
    return { parts: null, errors }
  }
  const parts: (PartInfo & { text: string })[] = []
  const parser = new MultipartParser(out, (part) => {
    const entry = { ...part, text: '' }
    parts.push(entry)
    return { write: (chunk) => (entry.text += new TextDecoder().decode(chunk)), end: () => {} }
  })
  parser.push(bytes)
  parser.finish()
  return { parts, errors, raw: new TextDecoder().decode(bytes) }
}

describe('rewriteUploadParts', () => {
  it('forwards type and file only, headers rebuilt: a fixed name, the safe file name, a plain type', async () => {
    const { parts, raw } = await forwarded(
      'b',
      body('b', [
        `${typePart.replace('\r\n\r\n', '\r\nX-Extra: dropped\r\n\r\n')}`,
        filePart('..\\\\..\\\\win.ini\\" ; name=\\"type.pdf'),
      ]),
    )
    expect(
      parts?.map(({ name, fileName, contentType, text }) => [
        name,
        fileName,
        contentType,
        text.length,
      ]),
    ).toEqual([
      ['type', null, null, 5],
      ['file', 'win.ini_ ; name=_type.pdf', 'application/pdf', PDF.length],
    ])
    expect(raw).not.toContain('X-Extra')
    expect(raw).not.toContain('\\')
  })

  it.each([
    [
      'the reviewer’s smuggled part beside the two',
      [
        typePart,
        `Content-Disposition: form-data; name="${SMUGGLED_NAME}"\r\n\r\nq`,
        filePart('id.pdf'),
      ],
    ],
    [
      'an unknown part',
      [typePart, 'Content-Disposition: form-data; name="note"\r\n\r\nhi', filePart('id.pdf')],
    ],
    ['a second file', [typePart, filePart('id.pdf'), filePart('other.pdf')]],
    ['a second type', [typePart, typePart, filePart('id.pdf')]],
  ])('refuses %s: nothing past it is forwarded', async (_, parts) => {
    const { parts: out, errors } = await forwarded('b', body('b', parts))
    expect(out).toBeNull()
    expect(errors).toEqual(['Send exactly two fields, type and file, once each.'])
  })

  it('escapes every character that could end or bend a quoted parameter, backslash included', () => {
    expect(quoted('a"b\\c\r\nd')).toBe('"a%22b%5Cc%0D%0Ad"')
  })
})

describe('through the proxy to the sandbox', () => {
  let stack: Stack | undefined
  afterEach(async () => {
    await stack?.close()
    stack = undefined
  })

  const send = (current: Stack, contentType: string, text: string, cookie: string, id: string) =>
    postStream(
      `${current.api}/customers/${id}/documents`,
      {
        body: new Response(encoder.encode(text)).body as ReadableStream<Uint8Array>,
        contentType,
        length: text.length,
      },
      { cookie },
    )

  it('the smuggled file name never reaches the provider: 400 malformed_body, nothing stored', async () => {
    stack = await startStack()
    const { customer, cookie } = stack.signIn()
    const response = await send(
      stack,
      'multipart/form-data; boundary=b',
      body('b', [
        typePart,
        `Content-Disposition: form-data; name="${SMUGGLED_NAME}"\r\n\r\nq`,
        filePart('id.pdf'),
      ]),
      cookie,
      customer.id,
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 'malformed_body' })
    expect(stack.sandbox.sandbox.control.documents(customer.id)).toEqual([])
  })

  it('a quoted boundary with a space (RFC 2046 allows it) is forwarded under the proxy’s own: 201', async () => {
    stack = await startStack()
    const { customer, cookie } = stack.signIn()
    const response = await send(
      stack,
      'multipart/form-data; boundary="with space"',
      body('with space', [typePart, filePart('ccmei.pdf')]),
      cookie,
      customer.id,
    )
    expect(response.status).toBe(201)
    const [stored] = stack.sandbox.sandbox.control.documents(customer.id)
    expect(stored).toMatchObject({ type: 'ccmei', file_name: 'ccmei.pdf', size: PDF.length })
    const upload = stack.calls.find((call) => call.url.endsWith('/documents'))
    expect(upload?.headers['content-type']).toMatch(
      /^multipart\/form-data; boundary=kyc-[0-9a-f]{32}$/,
    )
  })
})
