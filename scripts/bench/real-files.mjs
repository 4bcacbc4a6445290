// The real-world file run of issue 20: a pinned sample of public files (./real-files.json:
// Debian packages by version and SHA-256, fetched at bench time, never committed), held against
// what readers do. A PDF "opens" when poppler's pdfinfo reads
// it without a password; an image when Chromium decodes it. Prints accepted and refused against
// that, page counts exact / unknown / wrong against pdfinfo, and how many photos the photo step
// would send with any metadata left (target 0).
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { buildCapturePage, serve } from './capture.mjs'
import { result } from './stats.mjs'

const MANIFEST = JSON.parse(readFileSync(new URL('./real-files.json', import.meta.url), 'utf8'))

/** Downloads one pinned Debian package (apt-get download), checks its sum, unpacks it once. */
function unpack(source, work) {
  const dir = join(work, 'debs', `${source.debian}_${source.version}`)
  if (existsSync(join(dir, '.ok'))) return dir
  mkdirSync(dir, { recursive: true })
  execFileSync('apt-get', ['download', `${source.debian}=${source.version}`], {
    cwd: join(work, 'debs'),
    stdio: 'ignore',
  })
  const deb = readdirSync(join(work, 'debs')).find(
    (name) => name.startsWith(`${source.debian}_`) && name.endsWith('.deb'),
  )
  const path = join(work, 'debs', deb)
  const sum = createHash('sha256').update(readFileSync(path)).digest('hex')
  if (sum !== source.sha256) throw new Error(`${deb}: SHA-256 ${sum}, expected ${source.sha256}`)
  execFileSync('dpkg-deb', ['-x', path, dir])
  execFileSync('touch', [join(dir, '.ok')])
  return dir
}

function walk(dir, test, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    const info = statSync(path)
    if (info.isDirectory()) walk(path, test, out)
    else if (info.isFile() && test(name)) out.push(path)
  }
  return out
}

/** What poppler makes of a PDF: opens (no password asked) and its page count. */
function pdfinfo(path) {
  const run = spawnSync('pdfinfo', [path], { encoding: 'latin1', timeout: 20_000 })
  const pages = /^Pages:\s+(\d+)/m.exec(run.stdout ?? '')?.[1]
  return { opens: run.status === 0, pages: pages === undefined ? null : Number(pages) }
}

export async function benchRealFiles({ browser, work, log = console.log }) {
  if (spawnSync('pdfinfo', ['-v']).error) {
    log('  real files: pdfinfo (poppler-utils) is not installed; skipped')
    return []
  }
  const roots = MANIFEST.sources.map((source) => unpack(source, work))
  // Only the pinned public files: the e2e suite's made ones (cut, disguised) have their own
  // expectations, and poppler rebuilds even a cut file that should be refused.
  const files = roots.flatMap((root) => walk(root, (name) => /\.(pdf|jpe?g|png)$/i.test(name)))
  const pageDir = await buildCapturePage(join(work, 'capture-page'))
  const server = await serve(pageDir, roots)
  const context = await browser.newContext()
  const page = await context.newPage()
  const tally = {
    pdf: {
      opens: 0,
      accepted: 0,
      refusedOpen: [],
      acceptedBroken: [],
      exact: 0,
      unknown: 0,
      wrong: [],
    },
    image: { decodes: 0, accepted: 0, refusedOpen: [], acceptedBroken: [] },
    photos: { sent: 0, withMetadata: [] },
  }
  try {
    await page.goto(server.url)
    for (const path of files) {
      const url = `/files${path}`
      const verdict = await page.evaluate(
        ([u, n]) => window.__capture.validate(u, n),
        [url, basename(path)],
      )
      if (/\.pdf$/i.test(path)) {
        const reader = pdfinfo(path)
        const t = tally.pdf
        if (reader.opens) t.opens += 1
        if (verdict.ok) t.accepted += 1
        if (reader.opens && !verdict.ok) t.refusedOpen.push(`${basename(path)} (${verdict.code})`)
        if (!reader.opens && verdict.ok) t.acceptedBroken.push(basename(path))
        if (reader.opens && verdict.ok) {
          if (verdict.pages === null) t.unknown += 1
          else if (verdict.pages === reader.pages) t.exact += 1
          else t.wrong.push(`${basename(path)}: ${verdict.pages} for ${reader.pages}`)
        }
        continue
      }
      const decodes = await page.evaluate((u) => window.__capture.decodes(u), url)
      const t = tally.image
      if (decodes) t.decodes += 1
      if (verdict.ok) t.accepted += 1
      if (decodes && !verdict.ok) t.refusedOpen.push(`${basename(path)} (${verdict.code})`)
      if (!decodes && verdict.ok) {
        // The photo step refuses what the browser cannot decode, before sending.
        const sent = await page.evaluate(
          ([u, k]) => window.__capture.sent(u, k),
          [url, verdict.kind],
        )
        if (!sent.refused) t.acceptedBroken.push(basename(path))
        continue
      }
      if (verdict.ok) {
        const sent = await page.evaluate(
          ([u, k]) => window.__capture.sent(u, k),
          [url, verdict.kind],
        )
        if (sent.refused) continue
        tally.photos.sent += 1
        if (sent.metadata.length)
          tally.photos.withMetadata.push(`${basename(path)}: ${sent.metadata}`)
      }
    }
  } finally {
    await context.close()
    server.close()
  }
  const { pdf, image, photos } = tally
  for (const line of [...pdf.refusedOpen, ...image.refusedOpen])
    log(`  real files: refused, readers open it: ${line}`)
  for (const line of [...pdf.acceptedBroken, ...image.acceptedBroken])
    log(`  real files: accepted, no reader opens it: ${line}`)
  for (const line of pdf.wrong) log(`  real files: wrong page count: ${line}`)
  for (const line of photos.withMetadata) log(`  real files: sent with metadata: ${line}`)
  const pdfCount = files.filter((path) => /\.pdf$/i.test(path)).length
  const counted = pdf.exact + pdf.unknown + pdf.wrong.length
  return [
    result('real files: PDFs accepted vs what poppler opens', {
      figure: `${pdf.accepted}/${pdfCount} accepted, poppler opens ${pdf.opens}; refused though it opens: ${pdf.refusedOpen.length}; accepted though it does not: ${pdf.acceptedBroken.length}`,
      target: '0 and 0',
      pass: pdf.refusedOpen.length === 0 && pdf.acceptedBroken.length === 0,
      values: { ...pdf, total: pdfCount },
    }),
    result('real files: PDF page counts shown', {
      figure: `${pdf.exact} exact, ${pdf.unknown} unknown, ${pdf.wrong.length} wrong (${((100 * pdf.exact) / Math.max(1, counted)).toFixed(1)} % shown)`,
      target: '0 wrong, ≥ 98 % shown',
      pass: pdf.wrong.length === 0 && pdf.exact >= 0.98 * counted,
      values: { exact: pdf.exact, unknown: pdf.unknown, wrong: pdf.wrong.length },
    }),
    result('real files: images accepted vs what Chromium decodes', {
      figure: `${image.accepted} accepted of ${files.length - pdfCount}, Chromium decodes ${image.decodes}; refused though it decodes: ${image.refusedOpen.length}; sent though it does not: ${image.acceptedBroken.length}`,
      target: '0 and 0',
      pass: image.refusedOpen.length === 0 && image.acceptedBroken.length === 0,
      values: image,
    }),
    result('real files: photos the photo step would send with any metadata', {
      figure: `${photos.withMetadata.length} of ${photos.sent}`,
      target: '0',
      pass: photos.withMetadata.length === 0,
      values: photos,
    }),
  ]
}
