// The machine a run came from, and docs/performance.md written from a run's results.
import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import { chromiumExecutable } from './browser.mjs'

function firstLine(command) {
  const run = spawnSync(command, { shell: true, encoding: 'utf8' })
  return run.status === 0 ? run.stdout.trim().split('\n')[0] : null
}

export async function machine() {
  const cpuInfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '')
  const cpu = /model name\s*:\s*(.+)/.exec(cpuInfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown CPU'
  const hypervisor = firstLine("lscpu | sed -n 's/^Hypervisor vendor: *//p'")
  const info = {
    cpu: hypervisor ? `${cpu} (${hypervisor} guest)` : cpu,
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: firstLine(`"${chromiumExecutable()}" --version`) ?? 'unknown',
    // Over the last 15 minutes, i.e. the whole run: a busy machine stretches every wall time.
    loadAverage: Number(os.loadavg()[2].toFixed(1)),
  }
  info.summary =
    `machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB RAM, ${info.os}; ` +
    `Node ${info.node}; ${info.chromium}; load average ${info.loadAverage} (15 min)`
  return info
}

/** Size-limit's own figures, for the record. */
function sizes() {
  const run = spawnSync('npx size-limit --json', { shell: true, encoding: 'utf8' })
  try {
    return JSON.parse(run.stdout)
  } catch {
    return []
  }
}

export function performanceDoc(system, results) {
  const rows = results.map(
    ({ name, figure, target, pass }) =>
      `| ${name} | ${figure} | ${target} | ${pass ? 'met' : '**missed**'} |`,
  )
  const sizeRows = sizes().map(
    ({ name, size, sizeLimit, passed }) =>
      `| ${name} | ${(size / 1000).toFixed(2)} kB | ${sizeLimit / 1000} kB | ${passed ? 'met' : '**missed**'} |`,
  )
  const date = new Date().toISOString().slice(0, 10)
  const busy =
    system.loadAverage > system.cores
      ? `\n**The machine was shared with other jobs during this run** (load average ` +
        `${system.loadAverage} on ${system.cores} cores), so wall-clock figures (latencies, the ` +
        `upload ratio, long tasks by wall time) are stretched and noisy; counts, CPU times and ` +
        `memory are not. Run \`npm run bench\` on a quiet machine for the reference figures.\n`
      : ''
  return `# Performance

Measured with \`npm run bench -- --record\` on ${date}, on this machine:
${system.cpu}, ${system.cores} cores, ${system.memoryGiB} GiB RAM, ${system.os}, Node ${system.node},
${system.chromium} (headless); load average over the run ${system.loadAverage}. The widget, proxy and sandbox are the built package (\`dist/\`);
everything talks over loopback, so the figures show the package's own cost, not a network's.
${busy}
## Size (min + gzip, checked by \`npm test\` with size-limit)

| what | size | budget | |
| --- | --- | --- | --- |
${sizeRows.join('\n')}

The widget figure is everything \`import … from 'kyc-uploader'\` brings, react-dropzone included,
with react, react-dom and @tanstack/react-query left out (the host has them). Each locale is an
entry of its own: \`npm test\` checks that no sentence of either is reachable from the main entry
(bar the few Portuguese words shown while pt-BR loads, or if it fails to), so a page downloads
only the locale it uses. Without a \`locale\` the widget fetches pt-BR, the default, as a chunk
after it mounts; a page that passes one never does.

## Runtime

| benchmark | figure | target | |
| --- | --- | --- | --- |
${rows.join('\n')}

How each is measured (scripts/bench/):

- **Photo checks** (\`capture.mjs\`, \`corpus.mjs\`): ten real photos (\`scripts/bench/photos/\`,
  public domain or CC0) brought to a phone's 2000 px, as they are and in five harmless variations
  (brighter, dimmer, JPEG quality 65, tilted 4°, cropped to 75 %) labelled good, and blurred
  (Gaussian σ 6, motion σ 20), darkened (×0.25, gamma), overexposed (×2.6, levels to 45 %) and
  shrunk (25 %, 15 %) with ImageMagick, labelled defective; each goes through the widget's own
  photo worker in Chromium. A defective photo counts as flagged when it gets any warning.
- **Photo normalisation**: the 12 MP (4000 × 3000, 4.7 MB) camera JPEG of the e2e fixtures, made
  by ImageMagick from a real photo with sensor-like noise and GPS EXIF, through the photo step as
  the widget runs it (worker, \`createImageBitmap\` with EXIF orientation, \`OffscreenCanvas\`,
  long edge 2560 px, quality 0.85); time from the call on the main thread to the answer, five
  runs, the first of which starts the worker; long tasks on the main thread meanwhile.
- **Mobile uplink**: the same photo picked in the widget (input \`change\` to \`submitted\`
  shown) with DevTools network emulation at 1.5 Mbit/s up, 6 Mbit/s down and 150 ms latency,
  with the photo step and with \`photos: false\` (sent as picked); two runs each, alternating.
- **Upload overhead** (printed only since issue 11, which retired its 1.15 target: over loopback
  the per-run ratio swings from 0.56 to 5.48, and a real uplink hides the widget's ~90 ms): a 20 MiB PDF chosen in the widget's file input, timed from the input's
  \`change\` event to the document showing \`submitted\`, against a bare \`XMLHttpRequest\` of the
  same two-field form data (same file, chosen the same way) to the same proxy endpoint in the same
  page, timed from \`send()\` to \`load\`. One warm-up, then twelve runs of both, alternating which
  goes first; the ratio is the geometric mean of the twelve per-run ratios (whichever upload goes
  first in a fresh page is slower, so a median would pick one order's group).
- **Long tasks**: the Long Tasks API (\`PerformanceObserver\`, type \`longtask\`) during those
  widget uploads, counting wall time; beside it, each main-thread task's CPU time from a DevTools
  trace of the same uploads. The target is judged on CPU time: a task only counts against the
  widget if it kept the main thread busy for over 50 ms.
- **React commits**: counted by \`<Profiler onRender>\` (React's profiling build) around the
  widgets, against \`requestAnimationFrame\` callbacks, between the first and last upload progress
  event of one 20 MiB upload throttled to 8 MiB/s with DevTools network emulation.
- **Memory**: CDP \`Runtime.getHeapUsage\` (used JS heap plus ArrayBuffer backing stores)
  sampled every 25 ms during a 50 MiB upload, minus the value after a forced GC just before it;
  median of three.
- **Polling**: \`GET /customers/{id}\` requests counted at the server during one 60 s window of
  review: one widget on one customer and five widgets on another, mounted together in one page
  under the host's \`QueryClientProvider\`; one widget in a page reported hidden for the whole
  window (\`document.visibilityState\` and a \`visibilitychange\` event, because headless Chromium
  never hides a tab); one widget whose only submitted document was reviewed before the window.
- **Lighthouse**: Lighthouse 12.2.3 (13 needs Node 22) in its default mobile emulation (simulated
  slow 4G, 4× CPU slowdown) against the production demo (\`node scripts/dev.mjs --prod\`: built,
  compressed, strict CSP), \`/\` and \`/onboarding.html\`, three runs each in one headless
  Chromium; the run with the median performance score gives LCP, TBT and the JS figures (sent,
  and uncompressed); accessibility and best practices are the lowest of the three runs, CLS the
  highest. Performance, LCP and TBT are simulated from a trace taken on this machine, so they
  follow its load.
- **Proxy under load**: the built proxy alone in a child process (its server's keep-alive set
  to 65 s, as a host's would be), in front of the sandbox; one warm-up round, then five rounds of
  50 concurrent 1 MiB uploads from Node's \`fetch\`, then the same five rounds straight to the
  sandbox with a token of their own, for comparison. Latency is per upload (request to the end of
  the 201 body). Memory: the proxy's JS heap (used + external) and RSS after a forced GC after
  each round, and its peak RSS sampled every 10 ms.
`
}
