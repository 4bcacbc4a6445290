// Continue on the phone: the desktop shows a QR code of a single-use link; a phone (another
// browser context: its own cookies, a touch screen) opens it, sends real photos and a PDF with the
// camera actions, and the desktop's cards follow without a reload. The link works once.
import { devices, type Page } from '@playwright/test'
import { cameraInputOf, fileInputOf } from './support/files.ts'
import { documentOf, expect, fixture, ptString, test } from './support/test.ts'

/** What a page reported that the shared fixture would have failed on (it watches `page` only). */
function watchProblems(phone: Page): string[] {
  const problems: string[] = []
  phone.on('console', (message) => {
    if (message.type() !== 'error') return
    if (/\/api\/kyc\//.test(message.location().url)) return
    problems.push(`console error: ${message.text()}`)
  })
  phone.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
  return problems
}

test('a phone continues from the QR code; the desktop follows live; the link works once', async ({
  page,
  browser,
  openDemo,
}) => {
  await openDemo()
  // Reviews wait a minute, so the desktop is seen at `submitted`, not already past it.
  expect((await page.request.post('/demo-api/review-delay', { data: { ms: 60_000 } })).ok()).toBe(
    true,
  )
  const qrChunks: string[] = []
  page.on('request', (request) => {
    if (/\/HandoffSheet[^/]*\.js$/.test(request.url())) qrChunks.push(request.url())
  })

  const start = page.locator('[data-kyc-uploader] [data-action="handoff"]')
  await expect(start).toHaveText(ptString('handoff.start'))
  expect(qrChunks, 'the QR encoder is not loaded before the button is pressed').toEqual([])
  const pressed = Date.now()
  await start.click()
  const panel = page.locator('[data-kyc-uploader] .kyc-handoff')
  await expect(panel).toHaveAttribute('data-state', 'waiting')
  const qr = panel.locator('svg.kyc-handoff__qr')
  await expect(qr).toHaveAttribute('aria-label', ptString('handoff.qr'))
  console.log(`hand-off: QR code shown ${Date.now() - pressed} ms after the press`)
  expect(qrChunks).toHaveLength(1)
  await expect(panel.locator('.kyc-handoff__time')).toContainText(/(10:00|9:\d\d)/)
  const link = await panel.locator('input.kyc-handoff__link').inputValue()
  expect(link).toMatch(/\/api\/kyc\/handoff\/[A-Za-z0-9_-]{43}$/)
  await expect(panel).toBeFocused()

  // The phone: a fresh context, none of the desktop's cookies.
  const { userAgent, deviceScaleFactor } = devices['Pixel 7']
  const phoneContext = await browser.newContext({
    userAgent,
    deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
    viewport: { width: 390, height: 844 },
  })
  try {
    expect(await phoneContext.cookies()).toEqual([])
    const phone = await phoneContext.newPage()
    const problems = watchProblems(phone)
    await phone.goto(link)
    await expect(phone).toHaveURL(/\/phone\.html$/)
    const cookies = await phoneContext.cookies()
    expect(cookies.map((cookie) => cookie.name)).toEqual(['kyc_handoff'])
    expect(cookies[0]).toMatchObject({ path: '/api/kyc', httpOnly: true, sameSite: 'Lax' })
    await expect(documentOf(phone, 'identity_card_front')).toHaveAttribute('data-status', 'pending')
    await expect(panel).toHaveAttribute('data-state', 'used')
    await expect(panel).toContainText(ptString('handoff.used'))

    // A real photo from the phone's camera: the desktop's card follows within 3 s, no reload.
    const desktopFront = documentOf(page, 'identity_card_front')
    await expect(desktopFront).toHaveAttribute('data-status', 'pending')
    await cameraInputOf(phone, 'identity_card_front').setInputFiles(fixture('sharp-photo.jpg'))
    await expect(documentOf(phone, 'identity_card_front')).toHaveAttribute(
      'data-status',
      'submitted',
    )
    const sentAt = Date.now()
    await expect(desktopFront).toHaveAttribute('data-status', 'submitted', { timeout: 3000 })
    console.log(`hand-off: desktop card submitted ${Date.now() - sentAt} ms after the phone's`)

    // The rest, then the phone says the user may go back to the computer.
    await cameraInputOf(phone, 'identity_card_back').setInputFiles(fixture('sharp-photo.jpg'))
    await cameraInputOf(phone, 'selfie').setInputFiles(fixture('sharp-photo.jpg'))
    await fileInputOf(phone, 'ccmei').setInputFiles(fixture('ccmei-multipage.pdf'))
    await expect(phone.locator('[data-handoff-done]')).toHaveText(ptString('handoff.done'))
    for (const type of ['identity_card_back', 'selfie', 'ccmei']) {
      await expect(documentOf(page, type)).toHaveAttribute('data-status', 'submitted', {
        timeout: 3000,
      })
    }
    expect(problems).toEqual([])

    // The same link again, even on the phone that used it: refused with a page that says so.
    const again = await phone.goto(link)
    expect(again?.status()).toBe(410)
    await expect(phone.locator('[data-handoff-refused="used"]')).toBeVisible()
    expect(await phoneContext.cookies()).toHaveLength(1)
  } finally {
    await phoneContext.close()
  }
})

test('an expired or unknown link gets a clear page, and the phone page without one says where to start', async ({
  page,
}) => {
  const unknown = await page.goto(`/api/kyc/handoff/${'x'.repeat(43)}`)
  expect(unknown?.status()).toBe(410)
  await expect(page.locator('[data-handoff-refused="expired"]')).toBeVisible()
  await page.goto('/phone.html')
  await expect(page.locator('[data-phone-missing]')).toBeVisible()
})
