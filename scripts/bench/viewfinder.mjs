// The in-page viewfinder (issue 22) on a phone-sized page of the built package, fed by Chromium's
// fake camera from a Motion JPEG of the e2e suite's camera photo (sharp, 1280 × 960): time from
// the first good frame to the still, frames analysed a second under 4× CPU slowdown, the still's
// long edge, main-thread long tasks while the viewfinder runs. Its chunk's size is size-limit's.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { CHROMIUM_FLAGS, chromiumExecutable, waitForStatus } from './browser.mjs'
import { median, result } from './stats.mjs'

const repo = fileURLToPath(new URL('../../', import.meta.url))

/** The camera photo as a 10 fps Motion JPEG, sharp or (`blurred`) never good enough to take. */
function fakeVideo(work, blurred = false) {
  const name = blurred ? 'viewfinder-blurred' : 'viewfinder-sharp'
  const out = join(work, `${name}.mjpeg`)
  if (existsSync(out)) return out
  mkdirSync(work, { recursive: true })
  const still = join(work, `${name}.jpg`)
  const photo = join(repo, 'e2e/fixtures/files/camera-photo.jpg')
  const blur = blurred ? ['-blur', '0x12'] : []
  execFileSync('/usr/bin/convert', [photo, '-resize', '1280x960!', ...blur, still])
  const encode = ['-loop', '1', '-framerate', '10', '-t', '8', '-i', still, '-q:v', '3']
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...encode, '-f', 'mjpeg', out])
  return out
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
