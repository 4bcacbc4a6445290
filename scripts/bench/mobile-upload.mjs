// Pick to "submitted" on a phone's uplink: the 12 MP camera JPEG through the widget with its
// photo step (downscaled in the worker, then sent) against the same photo sent as picked
// (`photos: false`), both on Chromium's network emulation of a ~1.5 Mbit/s uplink.
import { waitForStatus } from './browser.mjs'
import { median, result } from './stats.mjs'

const UPLINK_BYTES_PER_SECOND = Math.round(1.5e6 / 8)
const DOWNLINK_BYTES_PER_SECOND = Math.round(6e6 / 8)
const LATENCY_MS = 150
const RUNS_EACH = 2
const RATIO_TARGET = 0.35

async function pickToSubmitted(browser, server, file, photos) {
  const customer = server.control.createCustomer('company')
  const type = 'identity_card_front'
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[bench page] ${error.message}`))
  const query = new URLSearchParams({ c: customer.id, ...(photos ? {} : { photos: 'off' }) })
  await page.goto(`${server.url}/?${query}`)
  await waitForStatus(page, 0, type, 'pending')
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: DOWNLINK_BYTES_PER_SECOND,
    uploadThroughput: UPLINK_BYTES_PER_SECOND,
  })
  try {
    await page.evaluate((type) => window.__bench.armWidget(0, type), type)
    await page
      .locator(`[data-bench-widget="0"] [data-kyc-type="${type}"] input[type=file]:not([capture])`)
      .setInputFiles(file)
    await page.waitForFunction(() => window.__bench.widgetRun.end !== null, null, {
      timeout: 180_000,
    })
    const run = await page.evaluate(() => window.__bench.widgetRun)
    if (run.status !== 'submitted') throw new Error(`the widget ended in ${run.status}`)
    const sent = server.control.documents(customer.id)[0]?.size ?? 0
    return { ms: run.end - run.start, bytes: sent }
  } finally {
    await context.close()
  }
}

export async function benchMobileUpload({ browser, server, file, log = console.log }) {
  const normalised = []
  const original = []
  for (let run = 0; run < RUNS_EACH; run += 1) {
    // Alternate which goes first, so neither always meets a colder page.
    const order = run % 2 === 0 ? [true, false] : [false, true]
    for (const photos of order) {
      const outcome = await pickToSubmitted(browser, server, file, photos)
      ;(photos ? normalised : original).push(outcome)
      log(
        `  mobile uplink, photo step ${photos ? 'on' : 'off'}: ${(outcome.ms / 1000).toFixed(1)} s, ${(outcome.bytes / 1e6).toFixed(2)} MB sent`,
      )
    }
  }
  const on = median(normalised.map((entry) => entry.ms))
  const off = median(original.map((entry) => entry.ms))
  const ratio = on / off
  return [
    result('pick to submitted, 12 MP photo on a 1.5 Mbit/s uplink: photo step vs as picked', {
      figure: `ratio ${ratio.toFixed(2)}: ${(on / 1000).toFixed(1)} s (${(normalised[0].bytes / 1e6).toFixed(2)} MB sent) vs ${(off / 1000).toFixed(1)} s (${(original[0].bytes / 1e6).toFixed(2)} MB), median of ${RUNS_EACH} each, ${LATENCY_MS} ms latency`,
      target: `ratio ≤ ${RATIO_TARGET}`,
      pass: ratio <= RATIO_TARGET,
      values: { normalised, original, ratio, uplinkBytesPerSecond: UPLINK_BYTES_PER_SECOND },
    }),
  ]
}
