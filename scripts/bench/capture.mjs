// The photo step (src/capture/) in headless Chromium: the quality checks on the labelled corpus
// (detection and false-alarm rates), and the normalisation of a 12 MP camera JPEG (size, time,
// main-thread long tasks while the worker runs).
import { readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { makeCorpus } from './corpus.mjs'
import { makeDocumentCorpus } from './documents.mjs'
import { median, result } from './stats.mjs'

const repo = fileURLToPath(new URL('../../', import.meta.url))
export const TWELVE_MP = join(repo, 'e2e/fixtures/files/camera-12mp.jpg')

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.jpg': 'image/jpeg' }

async function buildCapturePage(outDir) {
  await build({
    configFile: false,
    root: fileURLToPath(new URL('./capture-page/', import.meta.url)),
    logLevel: 'warn',
    mode: 'production',
    resolve: {
      alias: [
        { find: /^kyc-uploader-capture$/, replacement: `${repo}src/capture/prepare-photo.ts` },
        { find: /^kyc-uploader-validate$/, replacement: `${repo}src/core/validate.ts` },
      ],
    },
    build: { outDir, emptyOutDir: true, minify: true, sourcemap: false },
  })
  return outDir
}

/** Serves the page, and `/files/<absolute path>` for the photos (only under `roots`). */
function serve(pageDir, roots) {
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://bench')
    const wanted = pathname.startsWith('/files/')
      ? normalize(decodeURIComponent(pathname.slice('/files'.length)))
      : normalize(join(pageDir, pathname === '/' ? 'index.html' : pathname))
    if (![pageDir, ...roots].some((root) => wanted.startsWith(root + sep))) {
      res.writeHead(404).end()
      return
    }
    try {
      const body = await readFile(wanted)
      res.writeHead(200, { 'content-type': TYPES[extname(wanted)] ?? 'application/octet-stream' })
      res.end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() })
    })
  })
}

const percent = (part, whole) => (whole ? (100 * part) / whole : 0)

/** Detection and false-alarm rates of the checks on a labelled corpus, as bench results. */
async function corpusRates({ name, corpus, prepare, work, log, maxFalseAlarm }) {
  const rows = []
  for (const entry of corpus) {
    const outcome = await prepare(entry.path, { normalize: false })
    rows.push({ ...entry, warnings: outcome.warnings, stats: outcome.stats })
  }
  await writeFile(join(work, `${name}-results.json`), JSON.stringify(rows, null, 1))
  const good = rows.filter((row) => row.label === 'good')
  const defective = rows.filter((row) => row.label !== 'good')
  const falseAlarms = good.filter((row) => row.warnings.length > 0)
  const detected = defective.filter((row) => row.warnings.length > 0)
  const named = defective.filter((row) => row.warnings.includes(row.label))
  for (const row of [
    ...falseAlarms,
    ...defective.filter((row) => !row.warnings.includes(row.label)),
  ]) {
    log(
      `  ${name}: ${row.label === 'good' ? 'false alarm' : 'missed'}: ${row.name} ${JSON.stringify(row.warnings)}`,
    )
  }
  const detection = percent(detected.length, defective.length)
  const right = percent(named.length, defective.length)
  const falseAlarm = percent(falseAlarms.length, good.length)
  const documents = name === 'documents'
  return [
    result(`${documents ? 'document' : 'photo'} checks: defective ${name} flagged`, {
      figure: `${detection.toFixed(1)} % (${detected.length}/${defective.length}; the right warning for ${named.length}, ${right.toFixed(1)} %)`,
      target: documents ? '≥ 95 % with the right warning' : '≥ 95 %',
      pass: (documents ? right : detection) >= 95,
      values: { detected: detected.length, defective: defective.length, named: named.length },
    }),
    result(`${documents ? 'document' : 'photo'} checks: good ${name} flagged (false alarms)`, {
      figure: `${falseAlarm.toFixed(1)} % (${falseAlarms.length}/${good.length})`,
      target: `≤ ${maxFalseAlarm} %`,
      pass: falseAlarm <= maxFalseAlarm,
      values: { flagged: falseAlarms.length, good: good.length },
    }),
  ]
}

export { buildCapturePage, serve }

export async function benchCapture({ browser, work, log = console.log }) {
  const corpusDir = join(work, 'corpus')
  const corpus = makeCorpus(corpusDir)
  const documentsDir = join(work, 'documents')
  const documents = await makeDocumentCorpus(documentsDir, browser)
  const pageDir = await buildCapturePage(join(work, 'capture-page'))
  const server = await serve(pageDir, [corpusDir, documentsDir, join(repo, 'e2e/fixtures/files')])
  const context = await browser.newContext()
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[capture page] ${error.message}`))
  const results = []
  try {
    await page.goto(server.url)
    const prepare = (path, options) =>
      page.evaluate(
        ([url, opts]) => window.__capture.prepare(url, opts),
        [`/files${path}`, options],
      )

    // The quality checks on the scene corpus, and on the document corpus (issue 20).
    results.push(
      ...(await corpusRates({ name: 'photos', corpus, prepare, work, log, maxFalseAlarm: 5 })),
      ...(await corpusRates({
        name: 'documents',
        corpus: documents,
        prepare,
        work,
        log,
        maxFalseAlarm: 2,
      })),
    )

    // Normalising the 12 MP camera JPEG: the first run starts the worker, as on a page's first photo.
    const runs = []
    for (let run = 0; run < 5; run += 1) runs.push(await prepare(TWELVE_MP, {}))
    const longTasks = await page.evaluate(
      (spans) =>
        window.__capture.longTasks.filter((task) =>
          spans.some(([start, end]) => task.start >= start && task.start <= end),
        ),
      runs.map((run) => [run.start, run.end]),
    )
    const last = runs.at(-1)
    const ms = runs.map((run) => run.ms)
    results.push(
      result('photo normalisation: 12 MP camera JPEG, size sent', {
        figure: `${(last.outputBytes / 1e6).toFixed(2)} MB (from ${(last.inputBytes / 1e6).toFixed(2)} MB, ${last.width}×${last.height}, EXIF ${last.hasExif ? 'kept' : 'gone'})`,
        target: '≤ 1 MB',
        pass: last.outputBytes <= 1e6 && !last.hasExif,
        values: { bytes: last.outputBytes, input: last.inputBytes, width: last.width },
      }),
      result(
        'photo normalisation: time in Chromium (median of 5, first includes the worker start)',
        {
          figure: `${median(ms).toFixed(0)} ms (runs: ${ms.map((value) => value.toFixed(0)).join(', ')})`,
          target: '≤ 600 ms',
          pass: median(ms) <= 600,
          values: { ms },
        },
      ),
      result('photo normalisation: main-thread long tasks while it runs', {
        figure: `${longTasks.length}${longTasks.length ? ` (longest ${Math.max(...longTasks.map((task) => task.duration)).toFixed(0)} ms)` : ''}`,
        target: '0',
        pass: longTasks.length === 0,
        values: { longTasks },
      }),
    )
  } finally {
    await context.close()
    server.close()
  }
  return results
}
