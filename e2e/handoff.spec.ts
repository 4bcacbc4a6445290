// Continue on the phone: the desktop shows a QR code of a single-use link and a code; a phone
// (another browser context: its own cookies, a touch screen) opens it, confirms with the code,
// sends real photos and a PDF with the camera actions, and the desktop's cards follow without a
// reload. The link works once; previews spend nothing; a signed-in victim of someone else's link
// stays on their own documents.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
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
  // Two browsers, previews, the code, four uploads and the end: a long journey on a loaded machine.
  test.setTimeout(90_000)
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
    locale: 'pt-BR',
    viewport: { width: 390, height: 844 },
  })
  try {
    expect(await phoneContext.cookies()).toEqual([])
    // A chat app's preview fetches the pasted link first (GET and HEAD): it spends nothing.
    for (const method of ['GET', 'HEAD'] as const) {
      const preview = await page.request.fetch(link, {
        method,
        headers: { 'user-agent': 'WhatsApp/2.23.20.0 A' },
        maxRedirects: 0,
      })
      expect(preview.status()).toBe(200)
      expect(preview.headers()['set-cookie']).toBeUndefined()
    }
    const code = await panel.locator('[data-handoff-code]').textContent()
    expect(code).toMatch(/^\d{4}$/)
    const phone = await phoneContext.newPage()
    const problems = watchProblems(phone)
    // The link's page: whose documents (the company scenario's owner, masked), then the code.
    await phone.goto(link)
    await expect(phone.locator('[data-handoff-identity]')).toHaveText(
      'Documentos de Mariana S. L. · CPF ***.920.465-**',
    )
    expect(await phoneContext.cookies()).toEqual([])
    await phone.locator('input#code').fill(code ?? '')
    await phone.locator('[data-action="continue"]').click()
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

    // The desktop ends the phone's session: the panel goes (nothing is left to send, so no new
    // offer either), and the phone's page says so when it next asks.
    await panel.locator('[data-action="end-handoff"]').click()
    await expect(panel).toHaveCount(0)
    await expect(page.locator('[data-kyc-uploader] [data-action="handoff"]')).toHaveCount(0)
    await phone.goto('/phone.html')
    await expect(phone.locator('[data-phone-missing]')).toBeVisible()
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

// The login CSRF of issue 18: an attacker's link, opened by a visitor signed in to the demo, from
// a page of another site (127.0.0.1 is another site than localhost).
let attackerSite: Server
let attackerOrigin: string

test.beforeAll(async () => {
  attackerSite = createServer((request, response) => {
    const params = new URL(request.url ?? '/', 'http://x').searchParams
    const link = params.get('link') ?? ''
    const body =
      params.get('mode') === 'form'
        ? `<form id="f" method="post" action="${link}"><input name="code" value="${params.get('code') ?? ''}"></form><script>document.getElementById('f').submit()</script>`
        : `<a id="go" href="${link}">Finish your bank's KYC here</a>`
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(`<!doctype html><html><body>${body}</body></html>`)
  })
  await new Promise<void>((resolve) => attackerSite.listen(0, '127.0.0.1', resolve))
  attackerOrigin = `http://127.0.0.1:${(attackerSite.address() as AddressInfo).port}`
})

test.afterAll(async () => {
  await new Promise((resolve) => attackerSite.close(resolve))
})

test('a signed-in visitor who follows someone else’s link from another site still reads only their own documents', async ({
  page,
  browser,
  baseURL,
  openDemo,
}) => {
  // The attacker: a demo visitor of his own, who asks for a link for his customer.
  const attackerContext = await browser.newContext({ baseURL })
  try {
    const mine = await attackerContext.request.post('/demo-api/scenario', {
      data: { scenario: 'person-cnh' },
    })
    const attacker = (await mine.json()) as { customerId: string }
    const issued = await attackerContext.request.post(
      `/api/kyc/customers/${attacker.customerId}/handoff`,
    )
    expect(issued.status()).toBe(201)
    const link = (await issued.json()) as { id: string; url: string; code: string }
    const attackerState = async () =>
      (
        (await (
          await attackerContext.request.get(
            `/api/kyc/customers/${attacker.customerId}/handoff/${link.id}`,
          )
        ).json()) as { state: string }
      ).state

    // The victim, signed in to the demo as themselves.
    const victim = await openDemo()
    const site = (mode: string) =>
      `${attackerOrigin}/?mode=${mode}&link=${encodeURIComponent(link.url)}&code=${link.code}`

    // 1. An auto-submitting form on the attacker's site, with the attacker's code: refused.
    const forged = page.waitForResponse((response) => response.url() === link.url)
    await page.goto(site('form'))
    expect((await forged).status()).toBe(403)
    await expect(page.locator('[data-handoff-refused="cross-site"]')).toBeVisible()

    // 2. A plain link followed: the page names someone else, masked, and sets nothing.
    await page.goto(site('link'))
    await page.locator('#go').click()
    await expect(page.locator('[data-handoff-identity]')).toContainText('CPF ***.')
    // 3. Fooled into typing the code anyway: the host's session wins, nothing changes.
    await page.locator('input#code').fill(link.code)
    await page.locator('[data-action="continue"]').click()
    await expect(page.locator('[data-handoff-refused="other-account"]')).toBeVisible()

    expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(
      'kyc_handoff',
    )
    expect(await attackerState()).toBe('waiting')
    // Afterwards: the victim's widget shows their own customer; the attacker's is not theirs.
    await page.goto('/')
    await expect(page.locator('[data-kyc-uploader]')).toHaveAttribute('data-state', 'ready')
    await expect(documentOf(page, 'ccmei')).toBeVisible() // the company scenario, not a CNH
    const own = await page.request.get(`/api/kyc/customers/${victim.customerId}`)
    expect(own.status()).toBe(200)
    const theirs = await page.request.get(`/api/kyc/customers/${attacker.customerId}`)
    expect(theirs.status()).toBe(404)
  } finally {
    await attackerContext.close()
  }
})
