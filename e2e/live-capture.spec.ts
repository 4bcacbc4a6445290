// Issue 22: the in-page viewfinder on a phone, fed by Chromium's fake camera from YUV4MPEG2
// videos made here (ImageMagick and scripts/lib/fake-camera.mjs, no ffmpeg) from the e2e suite's
// own camera photo (a card on a table): blurred then sharp, and sharp under a glare spot.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, devices, type BrowserContext, type Page } from '@playwright/test'
import { fakeCameraVideo } from '../scripts/lib/fake-camera.mjs'
import { cameraInputOf, watchFileChoosers } from './support/files.ts'
import { documentOf, expect, fixture, test } from './support/test.ts'

const DIR = join(process.cwd(), '.tmp', 'fake-camera')
const FLAGS = JSON.parse(
  readFileSync(join(process.cwd(), 'e2e/support/chromium-flags.json'), 'utf8'),
) as string[]

/** A 1280 × 960 video of the camera photo at 10 fps: [ImageMagick operations, frames] each part. */
function video(name: string, parts: [string[], number][]): string {
  return fakeCameraVideo(DIR, name, {
    source: fixture('camera-photo.jpg'),
    width: 1280,
    height: 960,
    fps: 10,
    parts: parts.map(([operations, frames]) => ({ operations, frames })),
  })
}

const GLARE = [
  '(',
  '+clone',
  '-fill',
  'black',
  '-colorize',
  '100',
  '-fill',
  'white',
  '-draw',
  'ellipse 700,420 130,95 0,360',
  '-blur',
  '0x60',
  '-level',
  '0%,55%',
  ')',
  '-compose',
  'screen',
  '-composite',
]

const { userAgent } = devices['Pixel 7']
const phone = { userAgent, isMobile: true, hasTouch: true, viewport: { width: 390, height: 844 } }

/** Records the camera streams the page opens, to see them stopped. */
async function watchStreams(page: Page) {
  await page.addInitScript(() => {
    const streams: MediaStream[] = []
    ;(window as unknown as { __streams: MediaStream[] }).__streams = streams
    const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices)
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await open(constraints)
      streams.push(stream)
      return stream
    }
  })
  return () =>
    page.evaluate(() =>
      (window as unknown as { __streams: MediaStream[] }).__streams.flatMap((stream) =>
        stream.getTracks().map((track) => track.readyState),
      ),
    )
}

/** The demo on a page of a browser of our own (the fixtures' `openDemo` drives the default one). */
async function openOn(page: Page) {
  const response = await page.request.post('/demo-api/scenario', { data: { scenario: 'company' } })
  expect(response.ok()).toBe(true)
  await page.goto('/')
  await expect(page.locator('[data-kyc-uploader] [data-kyc-type]').first()).toBeVisible()
}

function launch(file: string) {
  return chromium.launch({
    executablePath: test.info().project.use.launchOptions?.executablePath,
    args: [
      ...FLAGS,
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${file}`,
    ],
  })
}

test.describe('the viewfinder on a phone', () => {
  // A browser of its own, with a fake camera, and a photo sent: longer than the suite's default.
  test.setTimeout(90_000)

  test('a video going from blurred to sharp is captured after the sharp frames; the shutter and close work; the camera stops', async ({
    baseURL,
  }) => {
    // Three seconds blurred, three sharp, in a loop: the blurred stretch outlasts the viewfinder's
    // start (its chunk, the worker, the first frames) on a loaded machine, so the first frames
    // analysed are blurred ones (with one blurred second, a CI run at load 13 saw only sharp ones).
    const file = video('blur-to-sharp', [
      [['-blur', '0x12'], 30],
      [[], 30],
    ])
    const browser = await launch(file)
    try {
      const context = await browser.newContext({ ...phone, baseURL, permissions: ['camera'] })
      const page = await context.newPage()
      const tracks = await watchStreams(page)
      await openOn(page)
      const card = documentOf(page, 'identity_card_front')
      await card.locator('[data-action="take-photo"]').click()
      const dialog = page.locator('[data-kyc-viewfinder]')
      await expect(dialog).toBeVisible()
      await expect(dialog.locator('video.kyc-viewfinder__video')).toBeVisible()
      for (const action of ['shutter', 'camera-app', 'choose-file', 'close']) {
        await expect(dialog.locator(`[data-action="${action}"]`)).toBeVisible()
      }
      // The blurred frames get their hint and no photo; the sharp ones are taken by themselves.
      await expect(dialog.locator('[data-hint="blurry"]')).toBeVisible({ timeout: 15_000 })
      await expect(dialog).toHaveCount(0, { timeout: 20_000 })
      await expect(card).toHaveAttribute('data-status', 'submitted')
      expect(await tracks()).not.toContain('live')

      // The shutter takes the photo at once, whatever the frame; close leaves no camera running.
      const back = documentOf(page, 'identity_card_back')
      await back.locator('[data-action="take-photo"]').click()
      await expect(dialog).toHaveAttribute('data-state', /aiming|good/)
      await dialog.locator('[data-action="shutter"]').click()
      await expect(dialog).toHaveCount(0)
      await expect(back).toHaveAttribute('data-state', /confirm|queued|uploading|processing|done/)
      const selfie = documentOf(page, 'selfie')
      await selfie.locator('[data-action="take-photo"]').click()
      await expect(dialog.locator('video.kyc-viewfinder__video--mirrored')).toBeVisible()
      await expect(dialog).toHaveAttribute('data-state', /aiming|good/)
      await dialog.locator('[data-action="close"]').click()
      await expect(dialog).toHaveCount(0)
      expect(await tracks()).not.toContain('live')
      await context.close()
    } finally {
      await browser.close()
    }
  })

  test('a glaring video shows the glare hint and is not captured', async ({ baseURL }) => {
    const browser = await launch(video('glare', [[GLARE, 1]]))
    try {
      const context = await browser.newContext({ ...phone, baseURL, permissions: ['camera'] })
      const page = await context.newPage()
      await openOn(page)
      await documentOf(page, 'identity_card_front').locator('[data-action="take-photo"]').click()
      const dialog = page.locator('[data-kyc-viewfinder]')
      await expect(dialog.locator('[data-hint="glare"]')).toBeVisible({ timeout: 15_000 })
      await page.waitForTimeout(2000)
      await expect(dialog).toHaveAttribute('data-state', 'aiming')
      await context.close()
    } finally {
      await browser.close()
    }
  })
})

/**
 * A host page on another origin (another port: the same site, so the demo's session cookie still
 * goes) that embeds the demo in an iframe without `allow="camera"`; the route answers for it, no
 * server listens there. The demo's own pages refuse to be framed (`frame-ancestors 'none'`); a
 * host that embeds the widget lets its own origin frame it, as the other route does.
 */
async function hostInIframe(context: BrowserContext, baseURL: string) {
  const demo = new URL(baseURL)
  const host = `http://localhost:${Number(demo.port) + 1}`
  await context.route(`${demo.origin}/`, async (route) => {
    const response = await route.fetch()
    const policy = response.headers()['content-security-policy'] ?? ''
    expect(policy).toContain("frame-ancestors 'none'")
    const headers = {
      ...response.headers(),
      'content-security-policy': policy.replace(
        "frame-ancestors 'none'",
        `frame-ancestors ${host}`,
      ),
    }
    await route.fulfill({ response, headers })
  })
  await context.route(`${host}/host.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><title>Host</title><iframe src="${demo.origin}/" title="KYC" width="390" height="800"></iframe></html>`,
    }),
  )
  return `${host}/host.html`
}

test.describe('in an iframe without camera permission', () => {
  test.setTimeout(90_000)

  test('the card says so in one line and opens the camera app, with its capture attribute', async ({
    baseURL,
  }) => {
    // A working camera, granted: only the iframe's missing allow="camera" stands in the way.
    const browser = await launch(video('glare', [[GLARE, 1]]))
    try {
      const context = await browser.newContext({ ...phone, permissions: ['camera'] })
      const page = await context.newPage()
      const choosers = watchFileChoosers(page)
      await page.goto(await hostInIframe(context, baseURL ?? ''))
      const frame = page.frameLocator('iframe[title="KYC"]')
      const card = frame.locator('[data-kyc-uploader] [data-kyc-type="identity_card_front"]')
      await card.locator('[data-action="take-photo"]').click()
      const chooser = await choosers.next()
      expect(await chooser.element().getAttribute('capture')).toBe('environment')
      await expect(card.locator('[data-camera="failed"]')).toBeVisible()
      await expect(card.locator('[data-camera="failed"]')).toHaveText(/^[^\n]+$/)
      await expect(frame.locator('[data-kyc-viewfinder]')).toHaveCount(0)
      // The same camera opens the viewfinder on the demo's own page: the iframe was the cause.
      const top = await context.newPage()
      await top.goto(baseURL ?? '')
      await documentOf(top, 'identity_card_front').locator('[data-action="take-photo"]').click()
      await expect(top.locator('[data-kyc-viewfinder]')).toHaveAttribute(
        'data-state',
        /aiming|good/,
      )
      await context.close()
    } finally {
      await browser.close()
    }
  })
})

test.describe('without the camera permission', () => {
  test.use({ ...phone })

  test('the card says so in one line and opens the camera app, with its capture attribute', async ({
    page,
    openDemo,
  }) => {
    await openDemo()
    const choosers = watchFileChoosers(page)
    const card = documentOf(page, 'identity_card_front')
    await card.locator('[data-action="take-photo"]').click()
    const chooser = await choosers.next()
    expect(await chooser.element().getAttribute('capture')).toBe('environment')
    await expect(card.locator('[data-camera="failed"]')).toBeVisible()
    await expect(page.locator('[data-kyc-viewfinder]')).toHaveCount(0)
    await expect(cameraInputOf(page, 'identity_card_front')).toHaveAttribute(
      'capture',
      'environment',
    )
  })
})
