import { rejectionMessageFor } from '../src/sandbox/scenarios.ts'
import { fileInputOf, memoryFile } from './support/files.ts'
import { documentOf, expect, ptString, test } from './support/test.ts'

// Reviews take 1.5 s in the suite (SANDBOX_REVIEW_DELAY_MS) and the widget polls from 2 s up.
const REVIEW = { timeout: 20_000 }

test(
  'the whole journey: upload every document, see reviews, re-upload the rejected one, finish',
  {
    tag: '@phone',
  },
  async ({ page, openDemo, uploads, storedDocuments }) => {
    await openDemo()
    const files = {
      ccmei: memoryFile('ccmei-multipage.pdf', 'ccmei-padaria.pdf'),
      identity_card_front: memoryFile('camera-photo.jpg', 'rg-frente.jpg'),
      // The sandbox's reviewer rejects files whose name says "reject".
      identity_card_back: memoryFile('camera-photo.jpg', 'rg-verso-reject.jpg'),
      selfie: memoryFile('bank-screenshot.png', 'selfie.png'),
    }

    for (const [type, file] of Object.entries(files)) {
      await fileInputOf(page, type).setInputFiles(file)
      await expect(documentOf(page, type)).toHaveAttribute('data-status', 'submitted')
      await expect(documentOf(page, type)).toContainText(ptString('status.submitted'))
    }

    for (const type of ['ccmei', 'identity_card_front', 'selfie']) {
      await expect(documentOf(page, type)).toHaveAttribute('data-status', 'approved', REVIEW)
      await expect(documentOf(page, type)).toContainText(ptString('status.approved'))
    }
    const back = documentOf(page, 'identity_card_back')
    await expect(back).toHaveAttribute('data-status', 'rejected', REVIEW)
    await expect(back).toContainText(rejectionMessageFor('identity_card_back'))
    await expect(page.locator('[data-demo-complete]')).toHaveCount(0)

    await fileInputOf(page, 'identity_card_back').setInputFiles(
      memoryFile('camera-photo.jpg', 'rg-verso-nitido.jpg'),
    )
    await expect(back).toHaveAttribute('data-status', 'submitted')
    await expect(back).toHaveAttribute('data-status', 'approved', REVIEW)

    await expect(page.locator('[data-demo-complete]')).toBeVisible()
    await expect(page.locator('[data-kyc-uploader]')).toContainText(ptString('state.complete'))
    expect(uploads).toHaveLength(5)
    const stored = await storedDocuments()
    expect(stored.map((document) => [document.type, document.status]).sort()).toEqual([
      ['ccmei', 'approved'],
      ['identity_card_back', 'approved'],
      ['identity_card_back', 'rejected'],
      ['identity_card_front', 'approved'],
      ['selfie', 'approved'],
    ])
  },
)

test('a reviewer rejection forced from the sandbox controls shows the reviewer’s words', async ({
  page,
  openDemo,
}) => {
  await openDemo({ scenario: 'person-cnh' })
  const message = 'Foto cortada: a CNH precisa aparecer inteira, com as quatro bordas.'
  await page.getByLabel('Reviewer’s message (optional)').fill(message)
  await page.getByRole('button', { name: 'Force the next review to reject' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'next review' })).toBeVisible()

  await fileInputOf(page, 'cnh').setInputFiles(memoryFile('ccmei-multipage.pdf', 'cnh.pdf'))

  const cnh = documentOf(page, 'cnh')
  await expect(cnh).toHaveAttribute('data-status', 'rejected', REVIEW)
  await expect(cnh).toContainText(message)
  await expect(cnh).toContainText(ptString('dropzone.sendAgain'))
})

test('the rejected scenario: send the rejected document again and reach onComplete', async ({
  page,
  openDemo,
}) => {
  await openDemo({ scenario: 'rejected' })
  const rejected = page.locator('[data-kyc-uploader] [data-kyc-type][data-status="rejected"]')
  await expect(rejected).toHaveCount(1)
  const type = (await rejected.getAttribute('data-kyc-type')) as string
  await expect(rejected).toContainText(rejectionMessageFor(type))

  await fileInputOf(page, type).setInputFiles(memoryFile('camera-photo.jpg', 'nova-foto.jpg'))

  await expect(documentOf(page, type)).toHaveAttribute('data-status', 'approved', REVIEW)
  await expect(page.locator('[data-demo-complete]')).toBeVisible()
})

test('the language and theme switch without losing the visitor’s customer', async ({
  page,
  openDemo,
}) => {
  const session = await openDemo()
  await page.getByLabel('Language').selectOption('en')
  await page.getByRole('radio', { name: 'Dark' }).check()

  await expect(page).toHaveURL(/locale=en/)
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.locator('[data-kyc-uploader]')).toContainText('Pending')
  await page.reload()
  await expect(page.getByLabel('Language')).toHaveValue('en')
  const again = await page.request.get('/demo-api/session')
  expect(((await again.json()) as { customerId: string }).customerId).toBe(session.customerId)
})

test('reset gives the visitor a fresh customer: nothing uploaded, nothing shared', async ({
  page,
  openDemo,
}) => {
  const first = await openDemo()
  await fileInputOf(page, 'selfie').setInputFiles(memoryFile('camera-photo.jpg'))
  await expect(documentOf(page, 'selfie')).toHaveAttribute('data-status', 'submitted')

  await page.getByRole('button', { name: 'Reset: start over' }).click()

  await expect(documentOf(page, 'selfie')).toHaveAttribute('data-status', 'pending')
  const session = await page.request.get('/demo-api/session')
  expect(((await session.json()) as { customerId: string }).customerId).not.toBe(first.customerId)
})

test(
  'onboarding: the host’s Continue button is enabled by onComplete',
  { tag: '@phone' },
  async ({ page }) => {
    await page.request.post('/demo-api/scenario', { data: { scenario: 'rejected' } })
    await page.goto('/onboarding.html')
    const next = page.getByRole('button', { name: 'Continuar' })
    await expect(next).toBeDisabled()

    const rejected = page.locator('[data-kyc-uploader] [data-kyc-type][data-status="rejected"]')
    const type = (await rejected.getAttribute('data-kyc-type')) as string
    await fileInputOf(page, type).setInputFiles(memoryFile('camera-photo.jpg', 'documento.jpg'))

    await expect(next).toBeEnabled(REVIEW)
    await next.click()
    await expect(page.getByRole('heading', { name: 'Conta aberta!' })).toBeVisible()
  },
)
