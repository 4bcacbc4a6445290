import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dropFromDisk, dropzoneOf, fileInputOf, memoryFile } from './support/files.ts'
import { documentOf, expect, expectedMessage, fixture, MIB, test } from './support/test.ts'

const LIMIT = 10 * MIB

/** The corpus: file, the document it is offered to, and the refusal the user must read. */
const CORPUS: { file: string; code: string; params?: Record<string, number>; type?: string }[] = [
  // Disguised executables and text.
  { file: 'setup.exe', code: 'file_type_unsupported' },
  { file: 'invoice.pdf', code: 'file_disguised' },
  { file: 'selfie.jpg', code: 'file_disguised' },
  { file: 'install.sh.png', code: 'file_disguised' },
  { file: 'notes-named.pdf', code: 'file_disguised' },
  { file: 'readme.txt', code: 'file_type_unsupported' },
  { file: 'archive-named.pdf', code: 'file_disguised' },
  // Truncated and corrupt.
  // Offered to a document that takes PDFs: the selfie would say it is not a photo first.
  { file: 'truncated.pdf', code: 'file_corrupt', type: 'ccmei' },
  { file: 'truncated.jpg', code: 'file_corrupt' },
  { file: 'truncated.png', code: 'file_corrupt' },
  { file: 'corrupt-header.pdf', code: 'file_disguised' },
  { file: 'corrupt-signature.png', code: 'file_disguised' },
  { file: 'corrupt-signature.jpg', code: 'file_disguised' },
  // Formats we refuse.
  { file: 'encrypted.pdf', code: 'file_encrypted' },
  { file: 'iphone-photo.heic', code: 'file_heic' },
  { file: 'iphone-photo-renamed.jpg', code: 'file_heic' },
  { file: 'photo.webp', code: 'file_type_unsupported' },
  { file: 'drawing-with-script.svg', code: 'file_type_unsupported' },
  { file: 'logo-svg-named.png', code: 'file_disguised' },
  { file: 'animation.gif', code: 'file_type_unsupported' },
  // Sizes.
  { file: 'empty.pdf', code: 'file_empty' },
  { file: 'just-over-10mib.pdf', code: 'file_too_large', params: { max: LIMIT } },
  // Images no browser (and so no reviewer) can open: refused before sending.
  { file: 'jpeg-ls.jpg', code: 'image_undecodable' },
  { file: 'damaged-pixels.png', code: 'image_undecodable' },
]

const TYPES = ['ccmei', 'identity_card_front', 'identity_card_back', 'selfie']

test.describe('bad input never leaves the browser', () => {
  test(`${CORPUS.length} refused files, each with its message next to its dropzone`, async ({
    page,
    openDemo,
    uploads,
  }) => {
    await openDemo()

    for (const [index, item] of CORPUS.entries()) {
      const type = item.type ?? (TYPES[index % TYPES.length] as string)
      await fileInputOf(page, type).setInputFiles(fixture(item.file))
      const slot = documentOf(page, type)
      await expect(slot, item.file).toContainText(
        expectedMessage(item.code, { name: item.file, ...item.params }),
      )
      await expect(slot).toHaveAttribute('data-status', 'pending')
    }

    // The same files dropped rather than chosen take the same path: a few through each kind.
    await dropzoneOf(page, 'selfie').drop({ files: memoryFile('invoice.pdf') })
    await expect(documentOf(page, 'selfie')).toContainText(
      expectedMessage('file_disguised', { name: 'invoice.pdf' }),
    )
    await dropFromDisk(page, dropzoneOf(page, 'ccmei'), [fixture('encrypted.pdf')])
    await expect(documentOf(page, 'ccmei')).toContainText(
      expectedMessage('file_encrypted', { name: 'encrypted.pdf' }),
    )

    expect(uploads, 'no refused file may reach the upload endpoint').toHaveLength(0)
  })

  test('what readers open is accepted: a 12 MiB phone photo (sent shrunk), an owner-password PDF, a PDF after a mail header or with trailing junk, a JPEG named .HEIC (sent as .jpg)', async ({
    page,
    openDemo,
    storedDocuments,
  }) => {
    await openDemo({ scenario: 'person-cnh' })
    await fileInputOf(page, 'cnh').setInputFiles(fixture('phone-photo-12mib.jpg'))
    await expect(documentOf(page, 'cnh')).toHaveAttribute('data-status', 'submitted')
    await fileInputOf(page, 'selfie').setInputFiles(memoryFile('IMG_2041.HEIC'))
    await expect(documentOf(page, 'selfie')).toHaveAttribute('data-status', 'submitted')
    const stored = await storedDocuments()
    expect(stored.find((doc) => doc.type === 'cnh')?.size).toBeLessThan(LIMIT / 10)
    expect(stored.find((doc) => doc.type === 'selfie')?.file_name).toBe('IMG_2041.jpg')

    await openDemo()
    const files = ['owner-password.pdf', 'after-mail-header.pdf', 'trailing-junk.pdf']
    for (const [index, file] of files.entries()) {
      const type = TYPES[index] as string
      await fileInputOf(page, type).setInputFiles(fixture(file))
      await expect(documentOf(page, type), file).toHaveAttribute('data-status', 'submitted')
    }
  })

  test('several files in one drop, and a folder, are refused', async ({
    page,
    openDemo,
    uploads,
  }) => {
    await openDemo()
    await dropzoneOf(page, 'identity_card_front').drop({
      files: [memoryFile('camera-photo.jpg'), memoryFile('bank-screenshot.png')],
    })
    await expect(documentOf(page, 'identity_card_front')).toContainText(
      expectedMessage('too_many_files'),
    )

    const folder = mkdtempSync(join(tmpdir(), 'kyc-folder-'))
    try {
      mkdirSync(join(folder, 'Documentos'))
      writeFileSync(join(folder, 'Documentos', 'rg.pdf'), memoryFile('ccmei-multipage.pdf').buffer)
      await dropFromDisk(page, dropzoneOf(page, 'ccmei'), [join(folder, 'Documentos')])
      await expect(documentOf(page, 'ccmei')).toContainText(expectedMessage('folder'))
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
    expect(uploads).toHaveLength(0)
  })

  test('a 1 GiB file is refused at once without being read', async ({
    page,
    openDemo,
    uploads,
  }) => {
    await openDemo()
    const directory = mkdtempSync(join(tmpdir(), 'kyc-sparse-'))
    const path = join(directory, 'scan-1gib.pdf')
    try {
      // Sparse: 1 GiB long, no blocks on disk.
      writeFileSync(path, '')
      truncateSync(path, 1024 * MIB)
      const started = Date.now()
      await fileInputOf(page, 'ccmei').setInputFiles(path)
      await expect(documentOf(page, 'ccmei')).toContainText(
        expectedMessage('file_too_large', { name: 'scan-1gib.pdf', max: LIMIT }),
      )
      // Reading 1 GiB would take seconds and freeze the page; the refusal needs no reading.
      expect(Date.now() - started).toBeLessThan(3000)
      expect(await page.evaluate(() => 1 + 1)).toBe(2)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
    expect(uploads).toHaveLength(0)
  })
})
