// Upload overhead and the main thread during an upload, in Chromium against proxy + sandbox:
// a 20 MiB PDF through the widget (input change → `submitted` shown) versus a bare XHR of the
// same form data to the same endpoint in the same page (send → load), alternating which goes
// first (the ratio is the geometric mean of the runs' ratios); plus long tasks and React commits against animation frames while progress moves.
import { openWidgetOnNewCustomer, uploadThroughWidget } from './browser.mjs'
import { availableParallelism, loadavg } from 'node:os'
import { MiB, formatMs, median, result } from './stats.mjs'
import { startTrace } from './trace.mjs'

/** Even, so each upload goes first equally often. */
const RUNS = 12
/**
 * Retired in issue 11: over loopback the per-run ratio swings from 0.56 to 5.48, and a real
 * uplink hides the widget's ~90 ms; it is still printed, and the bench judges the ratio on a
 * throttled mobile uplink instead (mobile-upload.mjs).
 */
const RETIRED_RATIO_TARGET = 1.15
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
      const request = bench.requests.find((entry) => within(entry.sent, start, end))
      return {
        beforeSendMs: request ? request.sent - start : null,
        afterResponseMs: request?.ended ? end - request.ended : null,
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
  const beforeSend = []
  const afterResponse = []
  const longTasks = []
  const bareLongTasks = []
  const widgetTasks = []
  const loads = []
  for (let run = -1; run < RUNS; run += 1) {
    const bareCustomer = server.control.createCustomer('company')
    const { context, page, type } = await openWidgetOnNewCustomer(browser, server, {
      maxFileSize: 64 * MiB,
    })
    // Traced throughout, both uploads alike, so the tracing cost does not tilt the ratio.
    const stopTrace = await startTrace(await context.newCDPSession(page))
    const widgetFirst = run % 2 === 0
    let widgetRun
    if (widgetFirst) widgetRun = await uploadThroughWidget(page, type, file)
    const bare = await bareUpload(page, bareCustomer.id, type, file)
    if (!widgetFirst) widgetRun = await uploadThroughWidget(page, type, file)
    const during = await mainThreadDuring(page, widgetRun.start, widgetRun.end)
    const control = await mainThreadDuring(page, bare.start, bare.end)
    const trace = await stopTrace()
    await context.close()
    if (run < 0) continue // warm-up: the proxy's token, connections, JIT
    widgetMs.push(widgetRun.end - widgetRun.start)
    beforeSend.push(during.beforeSendMs)
    afterResponse.push(during.afterResponseMs)
    bareMs.push(bare.end - bare.start)
    longTasks.push(...during.longTasks)
    bareLongTasks.push(...control.longTasks)
    widgetTasks.push(...trace.tasksDuring('widget'))
    loads.push(loadavg()[0])
  }

  const widget = median(widgetMs)
  const bare = median(bareMs)
  // Each run's two uploads share the machine's moment (its load, the sandbox's heap), so the
  // ratio is taken per run. Whichever upload goes first in a fresh page is slower (Chromium's
  // first read of the file), so the ratios fall in two groups by order; their geometric mean over
  // as many runs of each order cancels that, where a median would pick one group.
  const ratios = widgetMs.map((ms, index) => ms / bareMs[index])
  const ratio = Math.exp(ratios.reduce((sum, value) => sum + Math.log(value), 0) / ratios.length)
  const byOrder = (first) => median(ratios.filter((_, index) => (index % 2 === 0) === first))
  const overhead =
    `widget ${formatMs(widget)} vs bare XHR ${formatMs(bare)}; ratio per run, geometric mean ` +
    `${ratio.toFixed(3)} (${ratios.map((value) => value.toFixed(2)).join(', ')}; median ` +
    `${byOrder(true).toFixed(2)} with the widget first, ${byOrder(false).toFixed(2)} with the ` +
    `bare XHR first) ` +
    `(the widget's own time: ${formatMs(median(beforeSend))} from the change to send(), ` +
    `${formatMs(median(afterResponse))} from the response to "submitted" shown)`
  log(
    `upload overhead, 20 MiB (${RUNS} runs): ${overhead} (printed only; was ≤ ${RETIRED_RATIO_TARGET})`,
  )

  // A long task is the main thread busy for over 50 ms. The Long Tasks API counts wall time,
  // which on a shared machine includes time the OS gave to other processes; the trace gives each
  // task's CPU time. The widget is at fault for a task only if its CPU time is over 50 ms.
  const longest = Math.max(0, ...longTasks.map((task) => task.duration))
  const busy = widgetTasks.filter((task) => task.cpuMs > 50)
  const mostCpu = Math.max(0, ...widgetTasks.map((task) => task.cpuMs))
  const cpuOfLong = widgetTasks.filter((task) => task.wallMs > 50).map((task) => task.cpuMs)
  const tasks =
    `${busy.length} task(s) with over 50 ms of main-thread CPU during ${RUNS} widget uploads ` +
    `(most CPU in one task ${formatMs(mostCpu)}); Long Tasks API: ${longTasks.length} over 50 ms ` +
    `of wall time` +
    (longTasks.length
      ? ` (longest ${formatMs(longest)}; their CPU time ${cpuOfLong.map(formatMs).join(', ') || 'n/a'})`
      : '') +
    `, ${bareLongTasks.length} during the bare XHR uploads; load average ${median(loads).toFixed(1)} ` +
    `on ${availableParallelism()} cores`
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
      target: `printed only (≤ ${RETIRED_RATIO_TARGET} retired: see the mobile uplink)`,
      pass: true,
      values: {
        runs: RUNS,
        widgetMs,
        bareMs,
        widgetMedianMs: widget,
        bareMedianMs: bare,
        ratio,
        ratios,
        beforeSendMs: beforeSend,
        afterResponseMs: afterResponse,
      },
    }),
    result('long tasks during the upload', {
      figure: tasks,
      target: '0 (tasks over 50 ms of main-thread CPU)',
      pass: busy.length === 0,
      values: {
        busyTasks: busy.length,
        mostCpuMs: mostCpu,
        longTasksApi: longTasks.length,
        longestWallMs: longest,
        bareLongTasksApi: bareLongTasks.length,
        loadAverage: median(loads),
      },
    }),
    result('React commits while progress moves', {
      figure: commitsFigure,
      target: '≤ 1 commit per animation frame',
      pass: during.seconds > 0.5 && during.commits <= during.frames,
      values: { ...during, longTasks: undefined, commitsPerSecond, framesPerSecond },
    }),
  ]
}
