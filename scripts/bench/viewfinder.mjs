// The in-page viewfinder (issue 22) on a phone-sized page of the built package, fed by Chromium's
// fake camera from a YUV4MPEG2 video of the e2e suite's camera photo (1280 × 960, 30 fps, made by
// scripts/lib/fake-camera.mjs): time from the first good frame to the still, frames analysed a
// second under 4× CPU slowdown, the still's long edge, main-thread long tasks while the viewfinder
// runs. Its chunk's size is size-limit's.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { fakeCameraVideo } from '../lib/fake-camera.mjs'
import { CHROMIUM_FLAGS, chromiumExecutable, waitForStatus } from './browser.mjs'
import { median, result } from './stats.mjs'

const repo = fileURLToPath(new URL('../../', import.meta.url))

/** The camera photo at 30 fps, sharp or (`blurred`) never good enough to take. */
function fakeVideo(work, blurred = false) {
  return fakeCameraVideo(work, blurred ? 'viewfinder-blurred' : 'viewfinder-sharp', {
    source: join(repo, 'e2e/fixtures/files/camera-photo.jpg'),
    width: 1280,
    height: 960,
    fps: 30,
    parts: [{ operations: blurred ? ['-blur', '0x12'] : [], frames: 1 }],
  })
}

const launch = (file) =>
  chromium.launch({
    executablePath: chromiumExecutable(),
    args: [
      ...CHROMIUM_FLAGS,
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${file}`,
    ],
  })

async function run(browser, server, { autoCapture, throttle }) {
  const customer = server.control.createCustomer('company')
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    permissions: ['camera'],
  })
  const page = await context.newPage()
  try {
    await page.goto(`${server.url}/?c=${customer.id}`)
    await waitForStatus(page, 0, 'identity_card_front', 'pending')
    if (throttle) {
      const cdp = await context.newCDPSession(page)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle })
    }
    const opened = await page.evaluate(() => performance.now())
    await page
      .locator('[data-kyc-type="identity_card_front"] [data-action="take-photo"]')
      .first()
      .click()
    if (autoCapture) {
      await page.waitForFunction(
        () => performance.getEntriesByName('kyc-viewfinder:still').length > 0,
        null,
        { timeout: 60_000 },
      )
    } else {
      await page.waitForTimeout(10_000)
    }
    let longEdge = null
    if (autoCapture) {
      const preview = page
        .locator('[data-kyc-type="identity_card_front"] img.kyc-preview__image')
        .first()
      await preview.waitFor({ timeout: 30_000 })
      longEdge = await preview.evaluate((image) =>
        Math.max(image.naturalWidth, image.naturalHeight),
      )
    }
    const figures = await page.evaluate((since) => {
      const marks = (name) => performance.getEntriesByName(name).map((mark) => mark.startTime)
      const frames = marks('kyc-viewfinder:frame')
      const still = performance.getEntriesByName('kyc-viewfinder:still')[0]
      return {
        frames: frames.length,
        span: frames.length > 1 ? (frames.at(-1) - frames[0]) / 1000 : 0,
        good: marks('kyc-viewfinder:good')[0] ?? null,
        still: still?.startTime ?? null,
        longTasks: window.__bench.longTasks.filter((task) => task.start >= since),
      }
    }, opened)
    return { ...figures, longEdge }
  } finally {
    await context.close()
  }
}

export async function benchViewfinder({ server, work }) {
  const browser = await launch(fakeVideo(work))
  // Frames a second are counted on a blurred picture, which the viewfinder never takes.
  const blurredBrowser = await launch(fakeVideo(work, true))
  try {
    const runs = []
    for (let index = 0; index < 3; index += 1)
      runs.push(await run(browser, server, { autoCapture: true }))
    const toStill = runs
      .filter((r) => r.good !== null && r.still !== null)
      .map((r) => r.still - r.good)
    const throttled = await run(blurredBrowser, server, { autoCapture: false, throttle: 4 })
    const rate = throttled.span ? (throttled.frames - 1) / throttled.span : 0
    const longTasks = runs.flatMap((r) => r.longTasks)
    return [
      result('viewfinder: first good frame to the still (median of 3)', {
        figure: `${median(toStill).toFixed(0)} ms (runs: ${toStill.map((ms) => ms.toFixed(0)).join(', ')})`,
        target: '≤ 1500 ms',
        pass: toStill.length === 3 && median(toStill) <= 1500,
        values: { toStill },
      }),
      result("viewfinder: the still's long edge (Chromium's fake camera gives 1280 × 960)", {
        figure: `${runs.map((r) => r.longEdge).join(', ')} px`,
        target: "the camera's full resolution (1920 asked)",
        pass: runs.every((r) => r.longEdge >= 1280),
        values: { longEdges: runs.map((r) => r.longEdge) },
      }),
      result('viewfinder: frames analysed a second under 4× CPU slowdown', {
        figure: `${rate.toFixed(1)} (${throttled.frames} in ${throttled.span.toFixed(1)} s)`,
        target: '≥ 8',
        pass: rate >= 8,
        values: throttled,
      }),
      result('viewfinder: main-thread long tasks while it runs (3 runs)', {
        figure: `${longTasks.length}${longTasks.length ? ` (longest ${Math.max(...longTasks.map((t) => t.duration)).toFixed(0)} ms)` : ''}`,
        target: '0',
        pass: longTasks.length === 0,
        values: { longTasks },
      }),
    ]
  } finally {
    await browser.close()
    await blurredBrowser.close()
  }
}
