// Memory while uploading a 50 MiB PDF through the widget: the page's JS heap (V8's used heap
// plus ArrayBuffer backing stores, from CDP Runtime.getHeapUsage) sampled every 25 ms during
// the upload, against a baseline taken after a forced GC. The file must never be read whole.
import { openWidgetOnNewCustomer, uploadThroughWidget } from './browser.mjs'
import { MiB, formatMiB, median, result } from './stats.mjs'

const RUNS = 3
const TARGET = 5 * MiB

export async function benchMemory({ browser, server, file, log = console.log }) {
  const growths = []
  const retained = []
  for (let run = 0; run < RUNS; run += 1) {
    const { context, page, type } = await openWidgetOnNewCustomer(browser, server, {
      maxFileSize: 64 * MiB,
    })
    const cdp = await context.newCDPSession(page)
    const heap = async () => {
      const usage = await cdp.send('Runtime.getHeapUsage')
      return usage.usedSize + (usage.backingStorageSize ?? 0)
    }
    await cdp.send('HeapProfiler.enable')
    await cdp.send('HeapProfiler.collectGarbage')
    const baseline = await heap()

    let peak = baseline
    let sampling = true
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await heap())
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    })()
    try {
      await uploadThroughWidget(page, type, file)
    } finally {
      sampling = false
      await sampler
    }
    await cdp.send('HeapProfiler.collectGarbage')
    retained.push((await heap()) - baseline)
    growths.push(peak - baseline)
    await context.close()
  }
  const growth = median(growths)
  const figure =
    `peak JS heap growth ${formatMiB(growth)} (median of ${RUNS}; ` +
    `runs ${growths.map(formatMiB).join(', ')}), ${formatMiB(median(retained))} retained after GC`
  log(`memory while uploading 50 MiB: ${figure} (target < ${formatMiB(TARGET)})`)
  return result('JS heap growth (50 MiB upload)', {
    figure,
    target: `< ${formatMiB(TARGET)}`,
    pass: growth < TARGET,
    values: { runs: RUNS, growths, retained, medianGrowth: growth },
  })
}
