// Issue 11, as a new user meets it on the demo: formats per document, the phone's two actions,
// photos shrunk and stripped before they go, quality checks with a preview, and the states
// between picking a file and its review.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { devices } from '@playwright/test'
import { largePhonePhoto } from '../scripts/lib/large-photo.mjs'
import {
  cameraInputOf,
  dropzoneOf,
  fileInputOf,
  memoryFile,
  watchFileChoosers,
} from './support/files.ts'
import {
  documentOf,
  expect,
  expectedMessage,
  fixture,
  fixtureBytes,
  ptString,
  test,
} from './support/test.ts'

const REVIEW = { timeout: 20_000 }

/** The JPEG inside a multipart upload body: its bytes, from its SOI to its EOI. */
function jpegIn(body: Buffer): Buffer {
  const start = body.indexOf(Buffer.from([0xff, 0xd8, 0xff]))
  const end = body.lastIndexOf(Buffer.from([0xff, 0xd9]))
  return body.subarray(start, end + 2)
}

/** Width and height from a JPEG's start-of-frame segment. */
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  let at = 2
  while (at < jpeg.length) {
    const marker = jpeg[at + 1] ?? 0
    const length = jpeg.readUInt16BE(at + 2)
    if (marker >= 0xc0 && marker <= 0xc3) {
      return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) }
    }
    at += 2 + length
  }
  throw new Error('no start-of-frame segment')
}

test('a PDF offered as the selfie is refused next to it, and nothing is sent', async ({
  page,
  openDemo,
  uploads,
}) => {
  await openDemo()
  const selfie = documentOf(page, 'selfie')
  await expect(selfie).toContainText(ptString('dropzone.hintPhoto').replace(' {max}', ''), {
    useInnerText: true,
  })
  expect(await fileInputOf(page, 'selfie').getAttribute('accept')).not.toMatch(/pdf/)

  await dropzoneOf(page, 'selfie').drop({ files: memoryFile('ccmei-multipage.pdf') })
  await expect(selfie).toContainText(
    expectedMessage('file_photo_required', { name: 'ccmei-multipage.pdf' }),
  )
  await fileInputOf(page, 'selfie').setInputFiles(memoryFile('ccmei-multipage.pdf', 'rg.pdf'))
  await expect(selfie).toContainText(expectedMessage('file_photo_required', { name: 'rg.pdf' }))
  await expect(selfie).toHaveAttribute('data-status', 'pending')
  // The same PDF is fine where a PDF belongs.
  await fileInputOf(page, 'ccmei').setInputFiles(memoryFile('ccmei-multipage.pdf'))
  await expect(documentOf(page, 'ccmei')).toHaveAttribute('data-status', 'submitted')
  expect(uploads).toHaveLength(1)
})

test.describe('on a phone (390 px, touch)', () => {
  const { userAgent, deviceScaleFactor } = devices['Pixel 7']
  test.use({
    userAgent,
    deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
    viewport: { width: 390, height: 844 },
  })

  test('no dragging: each document offers a camera and a file chooser, 44 px tall, and nothing else; a photo taken with a warning is retaken with the camera first', async ({
    page,
    openDemo,
  }) => {
    await openDemo()
    const widget = page.locator('[data-kyc-uploader]')
    await expect(widget).not.toContainText('Arraste')
    // A line at the top says how many are sent and which are missing.
    await expect(widget.locator('.kyc-summary')).toHaveText(
      /0 de 4 documentos enviados\. Falta enviar: .*Selfie\./,
    )
    for (const type of ['ccmei', 'selfie']) {
      const card = documentOf(page, type)
      // One action per intent: no dashed box beside the two buttons.
      await expect(card.locator('.kyc-dropzone')).toHaveCount(0)
      const takePhoto = card.locator('[data-action="take-photo"]')
      const chooseFile = card.locator('[data-action="choose-file"]')
      await expect(takePhoto).toHaveText(
        ptString(type === 'selfie' ? 'action.takeSelfie' : 'action.takePhoto'),
      )
      await expect(chooseFile).toHaveText(ptString('action.chooseFile'))
      await expect(cameraInputOf(page, type)).toHaveAttribute(
        'capture',
        type === 'selfie' ? 'user' : 'environment',
      )
      await expect(fileInputOf(page, type)).not.toHaveAttribute('capture')
      for (const target of [takePhoto, chooseFile]) {
        const box = await target.boundingBox()
        expect(box?.height, `${type}: a finger-sized target`).toBeGreaterThanOrEqual(44)
      }
    }

    // The file chooser opens from its button; a photo from the camera goes like any other file.
    const choosers = watchFileChoosers(page)
    await documentOf(page, 'ccmei').locator('[data-action="choose-file"]').click()
    await choosers.next()
    await cameraInputOf(page, 'identity_card_front').setInputFiles(
      memoryFile('sharp-photo.jpg', 'foto.jpg'),
    )
    await expect(documentOf(page, 'identity_card_front')).toHaveAttribute(
      'data-status',
      'submitted',
    )

    // A dark selfie taken with the camera: "choose another" opens the camera again, not the
    // gallery; nothing was sent.
    const selfie = documentOf(page, 'selfie')
    await cameraInputOf(page, 'selfie').setInputFiles(memoryFile('dark-photo.jpg', 'selfie.jpg'))
    await expect(selfie).toHaveAttribute('data-state', 'confirm')
    // The warning says what to do, in words for a face; taking another is the first action.
    await expect(selfie.locator('[data-warning="dark"]')).toHaveText(ptString('quality.face.dark'))
    const actions = selfie.locator('.kyc-upload button')
    await expect(actions.first()).toHaveText(ptString('quality.takeAnotherSelfie'))
    await expect(actions.first()).toHaveClass(/kyc-button--primary/)
    await expect(actions.nth(1)).toHaveText(ptString('quality.sendAnyway'))
    await selfie.locator('[data-action="choose-another"]').click()
    const retake = await choosers.next()
    expect(await retake.element().getAttribute('capture')).toBe('user')
    await expect(selfie).toHaveAttribute('data-status', 'pending')
    await expect(selfie).toHaveAttribute('data-state', 'idle')

    // A rejected document asks for a new photo or file, in the same words.
    await openDemo({ scenario: 'rejected' })
    const rejected = page.locator('[data-kyc-uploader] li.kyc-card[data-status="rejected"]')
    await expect(rejected.first().locator('[data-action="take-photo"]')).toBeVisible()
    await expect(widget).not.toContainText('Arraste')
  })
})

test('a 12 MP camera photo goes shrunk to 2560 px and under 1 MB, without its EXIF and GPS', async ({
  page,
  openDemo,
  storedDocuments,
}) => {
  await openDemo()
  const original = fixtureBytes('camera-12mp.jpg')
  expect(original.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(true)
  const bodies: Buffer[] = []
  await page.route('**/api/kyc/customers/*/documents', async (route) => {
    const body = route.request().postDataBuffer()
    if (body) bodies.push(body)
    await route.continue()
  })

  await fileInputOf(page, 'identity_card_front').setInputFiles(
    memoryFile('camera-12mp.jpg', 'rg-frente.jpg'),
  )
  const card = documentOf(page, 'identity_card_front')
  await expect(card).toHaveAttribute('data-status', 'submitted')

  const [stored] = await storedDocuments()
  expect(stored?.size).toBeLessThanOrEqual(1_000_000)
  expect(stored?.size).toBeLessThan(original.length / 3)
  const sent = jpegIn(bodies[0] ?? Buffer.alloc(0))
  expect(createHash('sha256').update(sent).digest('hex')).toBe(stored?.sha256)
  expect(jpegSize(sent)).toEqual({ width: 2560, height: 1920 })
  expect(sent.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false)
  // The preview shows the photo from a blob: URL, at the size it was sent.
  const preview = card.locator('img.kyc-preview__image')
  await expect(preview).toHaveAttribute('src', /^blob:/)
  await expect
    .poll(() => preview.evaluate((image: HTMLImageElement) => image.naturalWidth))
    .toBe(2560)
  // The card names the file once.
  expect((await card.innerText()).split('rg-frente.jpg')).toHaveLength(2)
})

/** Mean luminance (0-1) of the top or bottom twentieth of a JPEG, as ImageMagick reads it. */
function stripMean(jpeg: Buffer, gravity: 'North' | 'South'): number {
  const mean = execFileSync(
    '/usr/bin/convert',
    [
      ...['jpeg:-', '-colorspace', 'Gray', '-gravity', gravity, '-crop', '100%x5%+0+0'],
      ...['-format', '%[fx:mean]', 'info:'],
    ],
    { input: jpeg },
  )
  return Number(mean.toString())
}

test('a 108 MP photo taken sideways (14.5 MB, EXIF orientation 6) goes upright at 2560 px, without its EXIF, with no error', async ({
  page,
  openDemo,
  storedDocuments,
}) => {
  // 12,000 × 9,000 stored landscape, shown portrait by its EXIF tag; the bar on its stored left
  // is the top of the upright photo. The photo step decodes it at 3,000 × 2,250 (decode-photo.ts).
  const path = largePhonePhoto(join(process.cwd(), '.tmp', 'large-photos'), {
    width: 12000,
    height: 9000,
    orientation: 6,
  })
  const original = readFileSync(path)
  expect(original.length).toBeGreaterThan(10 * 1024 * 1024) // over the demo's limit as picked
  await openDemo()
  const bodies: Buffer[] = []
  await page.route('**/api/kyc/customers/*/documents', async (route) => {
    const body = route.request().postDataBuffer()
    if (body) bodies.push(body)
    await route.continue()
  })

  await fileInputOf(page, 'identity_card_front').setInputFiles({
    name: 'IMG_20250101_010203.jpg',
    mimeType: 'image/jpeg',
    buffer: original,
  })
  const card = documentOf(page, 'identity_card_front')
  await expect(card).toHaveAttribute('data-status', 'submitted')
  await expect(card.locator('.kyc-card__error, .kyc-upload__error')).toHaveCount(0)

  const [stored] = await storedDocuments()
  const sent = jpegIn(bodies[0] ?? Buffer.alloc(0))
  expect(createHash('sha256').update(sent).digest('hex')).toBe(stored?.sha256)
  expect(sent.length).toBeLessThanOrEqual(1_000_000)
  expect(jpegSize(sent)).toEqual({ width: 1920, height: 2560 })
  expect(sent.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false)
  // Upright: the bar is at the top, where a viewer that ignores EXIF shows it too.
  expect(stripMean(sent, 'North')).toBeLessThan(0.1)
  expect(stripMean(sent, 'South')).toBeGreaterThan(0.25)
})

test('a blurry photo waits with its preview: send anyway sends it, choose another does not', async ({
  page,
  openDemo,
  uploads,
}) => {
  await openDemo()
  const front = documentOf(page, 'identity_card_front')
  await fileInputOf(page, 'identity_card_front').setInputFiles(fixture('blurry-photo.jpg'))
  await expect(front).toHaveAttribute('data-state', 'confirm')
  await expect(front).toContainText(ptString('quality.blurry'))
  await expect(front.locator('img.kyc-preview__image')).toBeVisible()
  await expect(page.locator('.kyc-live')).toContainText(ptString('quality.blurry'))
  expect(uploads).toHaveLength(0)

  // Choose another: the photo is dropped, the chooser opens, nothing went out.
  const choosers = watchFileChoosers(page)
  await front.locator('[data-action="choose-another"]').click()
  const chooser = await choosers.next()
  await expect(front).toHaveAttribute('data-state', 'idle')
  await chooser.setFiles(fixture('dark-photo.jpg'))
  await expect(front).toHaveAttribute('data-state', 'confirm')
  await expect(front).toContainText(ptString('quality.dark'))
  expect(uploads).toHaveLength(0)

  await front.locator('[data-action="send-anyway"]').click()
  await expect(front).toHaveAttribute('data-status', 'submitted')
  expect(uploads).toHaveLength(1)

  // A sharp, well-lit photo is not questioned.
  await fileInputOf(page, 'identity_card_back').setInputFiles(fixture('sharp-photo.jpg'))
  await expect(documentOf(page, 'identity_card_back')).toHaveAttribute('data-status', 'submitted')
})

test('the file sent stays named on its card after the review, with its size and pages', async ({
  page,
  openDemo,
}) => {
  await openDemo()
  const ccmei = documentOf(page, 'ccmei')
  await fileInputOf(page, 'ccmei').setInputFiles(memoryFile('ccmei-multipage.pdf', 'rg.pdf'))
  await expect(ccmei.locator('.kyc-preview__pdf')).toContainText('Arquivo PDF')
  await expect(ccmei).toHaveAttribute('data-status', 'approved', REVIEW)
  await expect(ccmei).toContainText(ptString('upload.done').replace('{name}', 'rg.pdf'))
  expect((await ccmei.innerText()).split('rg.pdf')).toHaveLength(2)

  // After a reload the page has forgotten the upload; the tab still knows which file it sent.
  await page.reload()
  await expect(ccmei).toHaveAttribute('data-status', 'approved')
  await expect(ccmei.locator('.kyc-upload__line')).toHaveText(
    ptString('upload.done').replace('{name}', 'rg.pdf'),
  )
  // Another tab (another session's storage) sent nothing and names nothing.
  const other = await page.context().newPage()
  await other.goto('/')
  await expect(documentOf(other, 'ccmei')).toHaveAttribute('data-status', 'approved')
  await expect(documentOf(other, 'ccmei')).not.toContainText('rg.pdf')
  await other.close()
})
