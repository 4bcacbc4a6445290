// Soak (issue 6, item 2): at least SOAK_UPLOADS (default 200) uploads through the real widget,
// the proxy and the sandbox on loopback, with random faults injected before some of them (500,
// 429 with Retry-After, a gateway's HTML 502, a dropped connection, a slow provider), some
// retried by hand after the automatic retries ran out and some cancelled on purpose. Then the
// sandbox is audited: exactly one stored document per upload the user completed, none for the
// cancelled ones, the same bytes as sent, and the widget's status equal to the server's, both as
// the page shows it and after a reload. The counts are printed; any duplicate, loss or mismatch fails the run.
//
//   npm test                              200 uploads, inside the e2e suite (the `soak` project)
//   SOAK_UPLOADS=1000 npm run soak        a longer run, alone
//   SOAK_SEED=123456 npm run soak         replays the faults and files of a printed seed
//   SOAK_LANES=1 npm run soak             one visitor at a time (default 3 side by side)
//
// Each fault is scoped to the visitor's customer by the demo API, so the other specs run beside
// the soak.
import { randomInt } from 'node:crypto'
import { test as base } from '@playwright/test'
import { validateDocumentFile } from '../src/core/validate.ts'
import {
  auditStored,
  failingCounts,
  formatSummary,
  type SoakSummary,
  type SoakUpload,
} from './support/soak-audit.ts'
import { createRandom, kindsFor, soakFile } from './support/soak-files.ts'
import { createRecord, createUploadGate, runLane } from './support/soak-run.ts'
import { expect, test, type StoredDocument } from './support/test.ts'

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`)
  return value
}

const UPLOADS = positiveInteger('SOAK_UPLOADS', 200)
const SEED = positiveInteger('SOAK_SEED', randomInt(2 ** 31))
/** Visitors at once; their uploads take turns (faults are shared), the rest overlaps. */
const LANES = Math.max(1, positiveInteger('SOAK_LANES', 3))

test('soak: uploads with random faults; no duplicate, no loss, widget matches server', async ({
  browser,
  baseURL,
}, testInfo) => {
  // A generous cap: 200 uploads took about three minutes on two busy cores.
  test.setTimeout(120_000 + UPLOADS * 3000)
  const started = Date.now()
  console.log(`soak: ${UPLOADS} uploads, ${LANES} lanes, seed ${SEED}`)
  const record = createRecord()
  const gate = createUploadGate()
  const contexts = await Promise.all(
    Array.from({ length: LANES }, () => browser.newContext({ baseURL })),
  )
  await Promise.all(
    contexts.map(async (context, lane) =>
      runLane(await context.newPage(), {
        name: String.fromCharCode(97 + lane),
        quota: Math.ceil(UPLOADS / LANES),
        // Each lane its own stream, so a seed replays the same plans whatever the interleaving.
        random: createRandom(SEED + lane * 0x9e3779b9),
        record,
        gate,
        log: (line) => console.log(line),
      }),
    ),
  )
  await Promise.all(contexts.map((context) => context.close()))

  // A cancelled upload stored late (a provider finishing after the client left) must show too.
  const quiet = record.lastCancelAt + 5000 - Date.now()
  if (quiet > 0) await new Promise((resolve) => setTimeout(resolve, quiet))
  const storedByCustomer = new Map<string, StoredDocument[]>()
  for (const [customerId, cookie] of record.sessions) {
    const response = await fetch(new URL('/demo-api/documents', baseURL), { headers: { cookie } })
    expect(response.ok, `documents of ${customerId}`).toBe(true)
    storedByCustomer.set(
      customerId,
      ((await response.json()) as { documents: StoredDocument[] }).documents,
    )
  }
  const audit = auditStored(record.uploads, storedByCustomer)

  const count = (outcome: SoakUpload['outcome']) =>
    record.uploads.filter((upload) => upload.outcome === outcome).length
  const summary: SoakSummary = {
    seed: SEED,
    rounds: record.rounds,
    attempted: record.uploads.length,
    completed: count('completed'),
    cancelled: count('cancelled'),
    unfinished: count('unfinished'),
    faults: record.faults,
    uploadRequests: record.uploadRequests,
    resends: record.uploadRequests - record.idempotencyKeys.size,
    storedThenLost: record.storedThenLost,
    retryClicks: record.retryClicks,
    throttled: Math.max(0, record.answered429 - (record.faults['429'] ?? 0)),
    audit: audit.counts,
    mismatches: record.mismatches.length,
    pageProblems: record.pageProblems.length,
    durationMs: Date.now() - started,
  }
  const report = formatSummary(summary)
  const details = [...audit.problems, ...record.mismatches, ...record.pageProblems]
  const phases = Object.entries(record.phases)
    .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`)
    .join(', ')
  console.log(`${report}\n  time per phase, summed over lanes: ${phases}`)
  for (const line of details) console.log(`  ${line}`)
  await testInfo.attach('soak-report.txt', {
    body: [report, ...details, '', JSON.stringify(record.uploads, null, 1)].join('\n'),
    contentType: 'text/plain',
  })

  expect(summary.attempted).toBeGreaterThanOrEqual(UPLOADS)
  expect(failingCounts(summary), details.join('\n')).toEqual(
    Object.fromEntries(Object.keys(failingCounts(summary)).map((name) => [name, 0])),
  )
})

// The soak's own instruments, checked without a browser.
base.describe('soak instruments', () => {
  base('every soak file is a distinct, valid document', async () => {
    const random = createRandom(7)
    const seen = new Set<string>()
    for (const type of ['ccmei', 'selfie', 'identity_card_front', 'cnh']) {
      for (const kind of kindsFor(type)) {
        for (let i = 0; i < 3; i++) {
          const { file, sha256 } = soakFile(random, kind, `check-${type}-${i}`, `${type} ${i}`)
          const result = await validateDocumentFile(
            new File([new Uint8Array(file.buffer)], file.name, { type: file.mimeType }),
          )
          expect(result, file.name).toMatchObject({ ok: true, contentType: file.mimeType })
          expect(seen.has(sha256), `${file.name} has its own bytes`).toBe(false)
          seen.add(sha256)
        }
      }
    }
  })

  base('the upload gate: an upload with a fault never overlaps another upload', async () => {
    const gate = createUploadGate()
    let inside = 0
    let alone = 0
    const overlaps: string[] = []
    const visit = (name: string, exclusive: boolean) => async () => {
      inside += 1
      if (exclusive) alone += 1
      if (alone > 0 && inside > 1) overlaps.push(name)
      await new Promise((resolve) => setTimeout(resolve, 5))
      inside -= 1
      if (exclusive) alone -= 1
      return inside
    }
    let concurrentSharers = 0
    const sharer = (name: string) =>
      gate.shared(async () => {
        const during = await visit(name, false)()
        concurrentSharers = Math.max(concurrentSharers, during + 1)
      })
    await Promise.all([
      sharer('s1'),
      sharer('s2'),
      gate.alone(visit('x1', true)),
      sharer('s3'),
      gate.alone(visit('x2', true)),
      sharer('s4'),
      sharer('s5'),
    ])
    expect(overlaps).toEqual([])
    expect(concurrentSharers, 'uploads without a fault share the time').toBeGreaterThan(1)
  })

  base('the audit counts duplicates, losses, strays and stores after a cancel', () => {
    const upload = (id: string, outcome: SoakUpload['outcome'], sha256: string): SoakUpload => ({
      id,
      round: 1,
      customerId: 'cust_a',
      type: 'selfie',
      fileName: `${id}.jpg`,
      sha256,
      size: 10,
      plan: 'none',
      outcome,
      retryClicks: 0,
    })
    const stored = (sha256: string, size = 10): StoredDocument => ({
      id: `doc_${sha256}`,
      customer_id: 'cust_a',
      type: 'selfie',
      status: 'submitted',
      message: null,
      file_name: 'x.jpg',
      content_type: 'image/jpeg',
      size,
      sha256,
      complete: true,
      idempotency_key: null,
      uploaded_at: '',
      created_at: '',
      updated_at: '',
    })
    const uploads = [
      upload('once', 'completed', 'a'),
      upload('twice', 'completed', 'b'),
      upload('lost', 'completed', 'c'),
      upload('cancelled', 'cancelled', 'd'),
      upload('short', 'completed', 'e'),
    ]
    const documents = [stored('a'), stored('b'), stored('b'), stored('d'), stored('e', 5)]
    documents.push(stored('unknown'))
    const { counts } = auditStored(uploads, new Map([['cust_a', documents]]))
    expect(counts).toEqual({ duplicates: 1, lost: 1, corrupt: 1, storedAfterCancel: 1, strays: 1 })
    expect(auditStored(uploads.slice(0, 1), new Map([['cust_a', [stored('a')]]])).counts).toEqual({
      duplicates: 0,
      lost: 0,
      corrupt: 0,
      storedAfterCancel: 0,
      strays: 0,
    })
  })
})
