// Upload overhead and the main thread during an upload, in Chromium against proxy + sandbox:
// a 20 MiB PDF through the widget (input change → `submitted` shown) versus a bare XHR of the
// same form data to the same endpoint in the same page (send → load), alternating which goes
// first; plus long tasks and React commits against animation frames while progress moves.
import { openWidgetOnNewCustomer, uploadThroughWidget } from './browser.mjs'
import { MiB, formatMs, median, result } from './stats.mjs'

const RUNS = 7
const RATIO_TARGET = 1.15
/** Upload rate for the commit-counting run, so progress moves for a few seconds. */
const THROTTLED_BYTES_PER_SECOND = 8 * MiB

async function bareUpload(page, customerId, type, file) {
  await page.locator('#baseline-file').setInputFiles(file)
  const answer = await page.evaluate(({ id, type }) => window.__bench.bareXhr(id, type), {
    id: customerId,
    type,
  })
  if (answer.status !== 201) throw new Error(`the bare XHR got ${answer.status}`)
  return answer
}

/** Commits and frames between the first and last upload progress event within [start, end]. */
async function mainThreadDuring(page, start, end) {
  return page.evaluate(
    ({ start, end }) => {
      const bench = window.__bench
      const within = (time, from, to) => time >= from && time <= to
      const progress = bench.progress.filter((event) => within(event.time, start, end))
      const from = progress[0]?.time ?? start
      const to = progress.at(-1)?.time ?? end
      return {
        progressEvents: progress.length,
        seconds: (to - from) / 1000,
        commits: bench.commits.filter((time) => within(time, from, to)).length,
        frames: bench.frames.filter((time) => within(time, from, to)).length,
        longTasks: bench.longTasks
          .filter((task) => within(task.start, start, end))
          .map((task) => ({ ...task, offset: task.start - start })),
      }
    },
    { start, end },
  )
}

export async function benchUpload({ browser, server, file, log = console.log }) {
  const widgetMs = []
  const bareMs = []
  const longTasks = []
  const bareLongTasks = []
  for (let run = -1; run < RUNS; run += 1) {
    const bareCustomer = server.control.createCustomer('company')
    const { context, page, type } = await openWidgetOnNewCustomer(browser, server, {
      maxFileSize: 64 * MiB,
    })
    const widgetFirst = run % 2 === 0
    let widgetRun
    if (widgetFirst) widgetRun = await uploadThroughWidget(page, type, file)
    const bare = await bareUpload(page, bareCustomer.id, type, file)
    if (!widgetFirst) widgetRun = await uploadThroughWidget(page, type, file)
    const during = await mainThreadDuring(page, widgetRun.start, widgetRun.end)
    const control = await mainThreadDuring(page, bare.start, bare.end)
    await context.close()
    if (run < 0) continue // warm-up: the proxy's token, connections, JIT
    widgetMs.push(widgetRun.end - widgetRun.start)
    bareMs.push(bare.end - bare.start)
    longTasks.push(...during.longTasks)
    bareLongTasks.push(...control.longTasks)
  }

  const widget = median(widgetMs)
  const bare = median(bareMs)
  const ratio = widget / bare
  const overhead = `widget ${formatMs(widget)} vs bare XHR ${formatMs(bare)}: ratio ${ratio.toFixed(3)}`
  log(`upload overhead, 20 MiB (median of ${RUNS}): ${overhead} (target ≤ ${RATIO_TARGET})`)

  const longest = Math.max(0, ...longTasks.map((task) => task.duration))
  const tasks =
    `${longTasks.length} long task(s) over 50 ms during ${RUNS} widget uploads` +
    (longTasks.length
      ? ` (longest ${formatMs(longest)}; at ${longTasks.map((task) => formatMs(task.offset)).join(', ')} after the change)`
      : '') +
    `; ${bareLongTasks.length} during the ${RUNS} bare XHR uploads`
  log(`main thread during the 20 MiB upload: ${tasks} (target 0)`)

  // Commits while progress moves, on one upload slowed to a few seconds so there is a rate.
  const { context, page, type } = await openWidgetOnNewCustomer(browser, server, {
    maxFileSize: 64 * MiB,
  })
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: THROTTLED_BYTES_PER_SECOND,
  })
  const slow = await uploadThroughWidget(page, type, file)
  const during = await mainThreadDuring(page, slow.start, slow.end)
  await context.close()
  const commitsPerSecond = during.commits / during.seconds
  const framesPerSecond = during.frames / during.seconds
  const commitsFigure =
    `${commitsPerSecond.toFixed(1)} commits/s vs ${framesPerSecond.toFixed(1)} frames/s ` +
    `(${during.commits} commits, ${during.frames} frames, ${during.progressEvents} progress events ` +
    `over ${during.seconds.toFixed(2)} s of progress at ${THROTTLED_BYTES_PER_SECOND / MiB} MiB/s)`
  log(`React commits while progress moves: ${commitsFigure} (target ≤ 1 per frame)`)

  return [
    result('upload overhead (20 MiB)', {
      figure: overhead,
      target: `ratio ≤ ${RATIO_TARGET}`,
      pass: ratio <= RATIO_TARGET,
      values: { runs: RUNS, widgetMs, bareMs, widgetMedianMs: widget, bareMedianMs: bare, ratio },
    }),
    result('long tasks during the upload', {
      figure: tasks,
      target: '0',
      pass: longTasks.length === 0,
      values: { count: longTasks.length, longestMs: longest, longTasks, bareLongTasks },
    }),
    result('React commits while progress moves', {
      figure: commitsFigure,
      target: '≤ 1 commit per animation frame',
      pass: during.seconds > 0.5 && during.commits <= during.frames,
      values: { ...during, longTasks: undefined, commitsPerSecond, framesPerSecond },
    }),
  ]
}
