import { stripJpeg } from '../src/capture/strip-metadata.ts'
import { createHash } from 'node:crypto'
import { dropFromDisk, dropzoneOf, fileInputOf, memoryFile } from './support/files.ts'
import type { Page } from '@playwright/test'
import { interpolate } from '../src/locales/format.ts'
import { documentOf, expect, fixture, fixtureBytes, ptString, test } from './support/test.ts'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

const uploadingLine = (name: string) => interpolate(ptString('upload.uploading'), { name })

/** Holds every upload request at the browser's edge until `release()`: the upload stays in flight. */
async function holdUploads(page: Page) {
  let release: () => void = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  const pattern = '**/api/kyc/customers/*/documents'
  const handled: Promise<void>[] = []
  await page.route(pattern, (route) => {
    const done = released.then(() => route.continue())
    handled.push(done)
    return done
  })
  return {
    async release() {
      release()
      await Promise.all(handled)
      await page.unroute(pattern)
    },
    /** Upload requests held so far (counted where they are routed, not by Playwright's events). */
    count: () => handled.length,
  }
}

test.describe('uploading real files', () => {
  test('a multi-page PDF through the file input arrives whole, as application/pdf', async ({
    page,
    openDemo,
    uploads,
    storedDocuments,
  }) => {
    await openDemo()
    await fileInputOf(page, 'ccmei').setInputFiles(fixture('ccmei-multipage.pdf'))

    await expect(documentOf(page, 'ccmei')).toHaveAttribute('data-status', 'submitted')
    expect(uploads).toHaveLength(1)
    const [stored] = await storedDocuments()
    expect(stored).toMatchObject({
      type: 'ccmei',
      file_name: 'ccmei-multipage.pdf',
      content_type: 'application/pdf',
      size: fixtureBytes('ccmei-multipage.pdf').length,
      sha256: sha256(fixtureBytes('ccmei-multipage.pdf')),
      complete: true,
    })
  })

  test('a camera JPEG dropped from disk (trusted drag events) is uploaded without its EXIF, its image bytes untouched', async ({
    page,
    openDemo,
    storedDocuments,
  }) => {
    await openDemo()
    await dropFromDisk(page, dropzoneOf(page, 'selfie'), [fixture('camera-photo.jpg')])

    await expect(documentOf(page, 'selfie')).toHaveAttribute('data-status', 'submitted')
    const [stored] = await storedDocuments()
    expect(stored).toMatchObject({
      type: 'selfie',
      content_type: 'image/jpeg',
      // What the photo step makes of it: the same entropy-coded image, the EXIF segment gone.
      sha256: sha256(Buffer.from(stripJpeg(fixtureBytes('camera-photo.jpg')).bytes)),
      complete: true,
    })
  })

  test('a PNG screenshot dropped as a DataTransfer (locator.drop) is uploaded', async ({
    page,
    openDemo,
    storedDocuments,
  }) => {
    await openDemo()
    await dropzoneOf(page, 'identity_card_front').drop({
      files: memoryFile('bank-screenshot.png'),
    })

    await expect(documentOf(page, 'identity_card_front')).toHaveAttribute(
      'data-status',
      'submitted',
    )
    const [stored] = await storedDocuments()
    expect(stored).toMatchObject({ content_type: 'image/png', complete: true })
  })

  test('a PNG named .jpg is allowed: the signature decides, and it is sent as image/png', async ({
    page,
    openDemo,
    storedDocuments,
  }) => {
    await openDemo()
    const declared: string[] = []
    await page.route('**/api/kyc/customers/*/documents', async (route) => {
      const body = route.request().postDataBuffer()?.toString('latin1') ?? ''
      const part =
        /Content-Disposition: form-data; name="file"[^\r\n]*\r\nContent-Type: ([^\r\n]+)/i
      declared.push(part.exec(body)?.[1] ?? `(no file part in ${body.length} bytes)`)
      await route.continue()
    })

    await fileInputOf(page, 'identity_card_back').setInputFiles(fixture('screenshot-named.jpg'))

    await expect(documentOf(page, 'identity_card_back')).toHaveAttribute('data-status', 'submitted')
    expect(declared).toEqual(['image/png'])
    const [stored] = await storedDocuments()
    expect(stored).toMatchObject({ file_name: 'screenshot-named.jpg', content_type: 'image/png' })
  })

  test('a file of exactly 10 MiB (the limit) is accepted and arrives whole', async ({
    page,
    openDemo,
    storedDocuments,
  }) => {
    await openDemo()
    await fileInputOf(page, 'ccmei').setInputFiles(fixture('exactly-10mib.pdf'))

    await expect(documentOf(page, 'ccmei')).toHaveAttribute('data-status', 'submitted')
    const [stored] = await storedDocuments()
    expect(stored?.size).toBe(10 * 1024 * 1024)
    expect(stored?.sha256).toBe(sha256(fixtureBytes('exactly-10mib.pdf')))
  })
})

test.describe('odd file names', () => {
  const ODD_NAMES = [
    {
      type: 'ccmei',
      fixture: 'contract-handwritten.pdf',
      name: '<img src=x onerror=alert(1)>.pdf',
    },
    {
      type: 'identity_card_front',
      fixture: 'camera-photo.jpg',
      name: `"aspas" e 'apóstrofos' & <b>negrito</b>.jpg`,
    },
    { type: 'identity_card_back', fixture: 'bank-screenshot.png', name: '📄 RG verso 🇧🇷 ✅.png' },
    // U+202E turns the rest around on screen: "fotognp.exe" shows as "fotoexe.png".
    { type: 'selfie', fixture: 'camera-photo.jpg', name: 'selfie\u202Egpj.exe.jpg' },
  ]

  test('upload normally and show as inert text', async ({ page, openDemo, storedDocuments }) => {
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await openDemo()

    let requests = 0
    for (const item of ODD_NAMES) {
      const held = await holdUploads(page)
      await fileInputOf(page, item.type).setInputFiles(memoryFile(item.fixture, item.name))
      // While it is sent, the document shows the file's name as text. Bidirectional controls
      // (U+202E) must not reorder what the user reads: the widget shows them as visible marks.
      const shown = documentOf(page, item.type).locator('.kyc-upload__line')
      const visible = item.name.replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
      await expect(shown).toContainText(uploadingLine(visible).split(visible)[0] as string)
      for (const part of item.name.split(/[\u202A-\u202E\u2066-\u2069]/)) {
        await expect(shown).toContainText(part)
      }
      expect(await shown.textContent()).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
      await held.release()
      requests += held.count()
      await expect(documentOf(page, item.type)).toHaveAttribute('data-status', 'submitted')
    }

    // Counted by the route that held them: Playwright's request events once missed one of four
    // under load (3 counted, 4 stored).
    expect(requests).toBe(ODD_NAMES.length)
    expect(dialogs).toEqual([])
    // The only images are the previews of the chosen photos, from blob: URLs.
    const images = page.locator('[data-kyc-uploader] img:not(.kyc-preview__image)')
    await expect(images).toHaveCount(0)
    await expect(page.locator('[data-kyc-uploader] b')).toHaveCount(0)
    for (const src of await page
      .locator('.kyc-preview__image')
      .evaluateAll((all) => all.map((image) => image.getAttribute('src') ?? ''))) {
      expect(src).toMatch(/^blob:/)
    }
    const stored = await storedDocuments()
    expect(stored.map((document) => document.type).sort()).toEqual(
      ODD_NAMES.map((item) => item.type).sort(),
    )
  })

  test('a 300-character name uploads and stays readable', async ({
    page,
    openDemo,
    storedDocuments,
  }) => {
    await openDemo({ scenario: 'person-cnh' })
    const name = `${'Carteira Nacional de Habilitação digital exportada '.repeat(6)}`.slice(0, 296)
    expect(`${name}.pdf`).toHaveLength(300)

    const held = await holdUploads(page)
    await fileInputOf(page, 'cnh').setInputFiles(
      memoryFile('contract-handwritten.pdf', `${name}.pdf`),
    )

    const slot = documentOf(page, 'cnh')
    await expect(slot).toContainText(uploadingLine(`${name}.pdf`))
    // Long names wrap inside the document; they never widen the page.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await held.release()
    await expect(slot).toHaveAttribute('data-status', 'submitted')
    expect(await storedDocuments()).toHaveLength(1)
  })
})
