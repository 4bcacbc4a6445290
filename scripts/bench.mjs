// `npm run bench`: every performance figure of the package, measured on this machine against the
// built package (dist/), the sandbox and the proxy over loopback, in headless Chromium where a
// browser is involved. Prints each figure and exits non-zero when one misses its target.
//
//   node scripts/bench.mjs                 all benchmarks (four to seven minutes on 2 cores)
//   node scripts/bench.mjs upload polling  only those whose name contains a word given
//                                          (proxy, photo, real, mobile, upload, memory,
//                                          polling; `real` downloads its pinned Debian
//                                          packages once, about 86 MB)
//   node scripts/bench.mjs --no-build      reuse dist/ as it is
//   node scripts/bench.mjs --record        also rewrite docs/performance.md with the figures
//   node scripts/bench.mjs viewfinder      the in-page viewfinder with Chromium's fake camera
//                                          (issue 22): run only when named
//   node scripts/bench.mjs decode          the photo step's memory and time on 48 and 108 MP
//                                          photos, against the full decode: run only when named
//   node scripts/bench.mjs scale           the status service at scale (issue #10): run only when
//                                          named (several minutes; SCALE_CUSTOMERS, SCALE_SECONDS)
import { spawnSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { buildBenchPage } from './bench/build-page.mjs'
import { launchChromium } from './bench/browser.mjs'
import { pdfFile } from './bench/files.mjs'
import { machine, performanceDoc } from './bench/report.mjs'
import { startBenchServer } from './bench/server.mjs'
import { MiB } from './bench/stats.mjs'

const args = process.argv.slice(2)
const only = args.filter((arg) => !arg.startsWith('--'))
const wanted = (name) => only.length === 0 || only.some((word) => name.includes(word))
const work = fileURLToPath(new URL('../.tmp/bench/', import.meta.url))

/** The bench page built and served (reviews held for ten minutes) while `use` runs. */
async function withBenchPage(use) {
  const pageDir = await buildBenchPage(`${work}page`)
  const server = await startBenchServer({ pageDir, maxFileSize: 64 * MiB, reviewDelayMs: 600_000 })
  try {
    return await use(server)
  } finally {
    await server.close()
  }
}

async function main() {
  if (!args.includes('--no-build')) {
    const built = spawnSync('npm run build --silent', { shell: true, stdio: 'inherit' })
    if (built.status !== 0) process.exit(built.status ?? 1)
  }
  await mkdir(work, { recursive: true })
  const results = []

  if (only.includes('scale')) {
    const { benchScale } = await import('./bench/scale.mjs')
    results.push(...(await benchScale()))
  }

  if (wanted('proxy') && !only.includes('scale')) {
    const { benchProxyLoad } = await import('./bench/proxy-load.mjs')
    results.push(await benchProxyLoad())
  }

  if (wanted('photo') || wanted('mobile') || wanted('real')) {
    const { benchCapture, TWELVE_MP } = await import('./bench/capture.mjs')
    const { generateFixtures } = await import('../e2e/fixtures/generate.mjs')
    await generateFixtures()
    const browser = await launchChromium()
    try {
      if (wanted('photo')) results.push(...(await benchCapture({ browser, work })))
      if (wanted('real')) {
        const { benchRealFiles } = await import('./bench/real-files.mjs')
        results.push(...(await benchRealFiles({ browser, work })))
      }
      if (wanted('mobile')) {
        const { benchMobileUpload } = await import('./bench/mobile-upload.mjs')
        results.push(
          ...(await withBenchPage((server) =>
            benchMobileUpload({ browser, server, file: TWELVE_MP }),
          )),
        )
      }
    } finally {
      await browser.close()
    }
  }

  if (only.includes('viewfinder')) {
    const { benchViewfinder } = await import('./bench/viewfinder.mjs')
    results.push(...(await withBenchPage((server) => benchViewfinder({ server, work }))))
  }

  if (only.includes('decode')) {
    const { benchPhotoDecode } = await import('./bench/photo-decode.mjs')
    results.push(...(await benchPhotoDecode({ work })))
  }

  if (wanted('upload') || wanted('memory') || wanted('polling')) {
    const pageDir = await buildBenchPage(`${work}page`)
    const server = await startBenchServer({
      pageDir,
      maxFileSize: 64 * MiB,
      reviewDelayMs: 600_000,
    })
    const browser = await launchChromium()
    try {
      if (wanted('upload')) {
        const { benchUpload } = await import('./bench/upload.mjs')
        const file = await pdfFile(work, 20 * MiB)
        results.push(...(await benchUpload({ browser, server, file })))
      }
      if (wanted('memory')) {
        const { benchMemory } = await import('./bench/memory.mjs')
        const file = await pdfFile(work, 50 * MiB)
        results.push(await benchMemory({ browser, server, file }))
      }
      if (wanted('polling')) {
        const { benchPolling } = await import('./bench/polling.mjs')
        results.push(await benchPolling({ browser, server }))
      }
    } finally {
      await browser.close()
      await server.close()
    }
  }

  if (wanted('lighthouse')) {
    const { benchLighthouse } = await import('./bench/lighthouse.mjs')
    results.push(...(await benchLighthouse()))
  }

  const system = await machine()
  console.log(`\n${system.summary}`)
  for (const { name, figure, target, pass } of results) {
    console.log(`${pass ? 'PASS' : 'MISS'}  ${name}: ${figure}  [target: ${target}]`)
  }
  await writeFile(`${work}results.json`, JSON.stringify({ machine: system, results }, null, 2))
  if (args.includes('--record')) {
    const doc = fileURLToPath(new URL('../docs/performance.md', import.meta.url))
    await mkdir(fileURLToPath(new URL('../docs/', import.meta.url)), { recursive: true })
    await writeFile(doc, performanceDoc(system, results))
    console.log(`figures written to docs/performance.md`)
  }
  const missed = results.filter((entry) => !entry.pass)
  if (missed.length > 0) {
    console.error(`\n${missed.length} figure(s) missed the target`)
    process.exit(1)
  }
}

await main()
