// @vitest-environment jsdom
/**
 * The same checks on a browser-like `File` without `Blob#arrayBuffer` (jsdom, Safari before 14):
 * the bytes are read with `FileReader` instead.
 */
import { validateDocumentFile } from './validate.ts'
import {
  encryptedLinearizedLargePdfBytes,
  jpegBytes,
  pdfBytes,
  pngBytes,
  textBytes,
} from './testing/files.ts'

describe('validateDocumentFile on a File without arrayBuffer()', () => {
  it('is a File of that kind', () => {
    expect(typeof new File([], 'x').slice().arrayBuffer).not.toBe('function')
    expect(typeof FileReader).toBe('function')
  })

  it.each([
    ['a PDF', pdfBytes(), 'a.pdf', { ok: true, kind: 'pdf' }],
    ['a PNG named .jpg', pngBytes(), 'a.jpg', { ok: true, kind: 'png', contentType: 'image/png' }],
    ['a JPEG', jpegBytes(), 'a.jpeg', { ok: true, kind: 'jpeg' }],
    ['text named .pdf', textBytes(), 'a.pdf', { ok: false, code: 'file_disguised' }],
    [
      'a password-protected linearized PDF',
      encryptedLinearizedLargePdfBytes(),
      'a.pdf',
      { ok: false, code: 'file_encrypted' },
    ],
  ] as const)('%s', async (_, bytes, name, expected) => {
    expect(await validateDocumentFile(new File([bytes], name))).toMatchObject(expected)
  })
})
