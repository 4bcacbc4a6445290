import { MAX_FILE_NAME_LENGTH, safeFileName } from './file-name.ts'

it.each([
  ['ccmei.pdf', 'ccmei.pdf'],
  ['../../etc/passwd.pdf', 'passwd.pdf'],
  ['C:\\Users\\ana\\Desktop\\rg frente.jpg', 'rg frente.jpg'],
  ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
  ['selfie\u0000\u0007\r\n.jpg', 'selfie.jpg'],
  ['a\u2066b\u2069\u200Bc.png', 'abc.png'],
  ['"quoted" <b>name?.pdf', '_quoted_ _b_name_.pdf'],
  ['...', 'document'],
  ['   .pdf', 'document.pdf'],
  ['Certidão MEI.pdf', 'Certidão MEI.pdf'],
  ['Certida\u0303o.pdf', 'Certidão.pdf'],
])('%j becomes %j', (given, expected) => {
  expect(safeFileName(given)).toBe(expected)
})

it('bounds the length and keeps the extension', () => {
  const name = safeFileName(`${'a'.repeat(300)}.pdf`)
  expect(name).toHaveLength(MAX_FILE_NAME_LENGTH)
  expect(name.endsWith('aaa.pdf')).toBe(true)
  expect([...safeFileName('😀'.repeat(200) + '.jpg')].length).toBeLessThanOrEqual(
    MAX_FILE_NAME_LENGTH,
  )
})
