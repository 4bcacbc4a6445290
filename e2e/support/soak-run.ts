// The soak's driver: lanes (each a browser context, one visitor) run rounds of a fresh demo
// customer whose documents a user uploads through the real widget while the sandbox fails some of
// the requests; each round ends comparing the widget with the server, as shown and after a reload.
//
// A fault waits for the next upload of its customer, so a document with a fault is sent alone
// (lanes also take turns for those, which keeps each fault's timing clear); documents without
// one are chosen together, several in flight as when a user picks files quickly, beside other
// lanes' uploads without a fault. Opening a customer, waiting for reviews and the final comparison overlap.
import type { Page } from '@playwright/test'
import type { SoakUpload } from './soak-audit.ts'
import { kindsFor, soakFile, type Random } from './soak-files.ts'
import {
  CANCEL_RETRY_AFTER_MS,
  describePlan,
  planFor,
  REJECT_SHARE,
  scenarioFor,
  SEND_AGAIN_AFTER_CANCEL,
  type Plan,
} from './soak-plan.ts'
import {
  cardSelector,
  compareWithServer,
  pressCancel,
  pressRetry,
  settle,
  startedUpload,
  switchCustomer,
  uploadableTypes,
  waitForReviews,
  waitForCard,
  watchPageProblems,
} from './soak-widget.ts'
import { fileInputOf, type MemoryFile } from './files.ts'
import { isUploadRequest } from './test.ts'

/** How long one upload may take to reach a final state (retries with backoff included). */
const SETTLE_TIMEOUT_MS = 45_000
/** Retry presses after which an upload that still fails counts as unfinished. */
const MAX_RETRY_PRESSES = 3

/** What the lanes record together. */
export interface SoakRecord {
  uploads: SoakUpload[]
  /** Each customer's demo session cookie, to read its stored documents afterwards. */
  sessions: Map<string, string>
  faults: Record<string, number>
  rounds: number
  uploadRequests: number
  idempotencyKeys: Set<string>
  answered429: number
  /** Uploads the provider stored whose answer the browser never got (lost-response faults). */
  storedThenLost: number
  retryClicks: number
  mismatches: string[]
  pageProblems: string[]
  /** When the last upload was cancelled (a late store of it must show in the audit). */
  lastCancelAt: number
  /** Milliseconds per phase, summed over lanes, to see where a slow run spends its time. */
  phases: Record<string, number>
}

export function createRecord(): SoakRecord {
  return {
    uploads: [],
    sessions: new Map(),
    faults: {},
    rounds: 0,
    uploadRequests: 0,
    idempotencyKeys: new Set(),
    answered429: 0,
    storedThenLost: 0,
    retryClicks: 0,
    mismatches: [],
    pageProblems: [],
    lastCancelAt: 0,
    phases: {},
  }
}

/**
 * Who may upload when. Faults wait in one queue for whichever upload comes next, so an upload
 * that a fault was injected for runs exclusively; uploads without a fault may share the time
 * with each other. First come, first served: a waiting exclusive holder blocks later sharers.
 */
export function createUploadGate() {
  const waiting: { exclusive: boolean; enter: () => void }[] = []
  let sharing = 0
  let exclusive = false

  function admit() {
    for (let next = waiting[0]; next; next = waiting[0]) {
      if (exclusive || (next.exclusive && sharing > 0)) return
      waiting.shift()
      if (next.exclusive) exclusive = true
      else sharing += 1
      next.enter()
      if (next.exclusive) return
    }
  }

  async function run<T>(alone: boolean, work: () => Promise<T>): Promise<T> {
    await new Promise<void>((enter) => {
      waiting.push({ exclusive: alone, enter })
      admit()
    })
    try {
      return await work()
    } finally {
      if (alone) exclusive = false
      else sharing -= 1
      admit()
    }
  }

  return {
    /** Runs `work` with no other upload in flight. */
    alone: <T>(work: () => Promise<T>) => run(true, work),
    /** Runs `work` beside other uploads without a fault. */
    shared: <T>(work: () => Promise<T>) => run(false, work),
  }
}

interface LaneOptions {
  name: string
  /** Uploads this lane attempts (it finishes the round it is in). */
  quota: number
  random: Random
  record: SoakRecord
  gate: ReturnType<typeof createUploadGate>
  log: (line: string) => void
}

/** One visitor's rounds, on its own page, until its quota of uploads was attempted. */
export async function runLane(page: Page, options: LaneOptions): Promise<void> {
  const { name, random, record, gate, log } = options
  const files = new Map<SoakUpload, MemoryFile>()
  let attempted = 0
  let round = 0
  let phaseStart = Date.now()
  const lap = (phase: string) => {
    const now = Date.now()
    record.phases[phase] = (record.phases[phase] ?? 0) + (now - phaseStart)
    phaseStart = now
  }

  watchPageProblems(page, record.pageProblems)
  page.on('request', (request) => {
    if (!isUploadRequest(request)) return
    record.uploadRequests += 1
    record.idempotencyKeys.add(request.headers()['idempotency-key'] ?? '')
  })
  page.on('response', (response) => {
    if (isUploadRequest(response.request()) && response.status() === 429) record.answered429 += 1
  })

  async function injectFault(kind: string, delayMs?: number) {
    const data = delayMs === undefined ? { kind } : { kind, delayMs }
    const response = await page.request.post('/demo-api/fault', { data })
    if (!response.ok()) throw new Error(`injecting ${kind} answered ${response.status()}`)
    record.faults[kind] = (record.faults[kind] ?? 0) + 1
  }

  function newUpload(customerId: string, type: string, plan: Plan, reject = false): SoakUpload {
    attempted += 1
    const id = `${name}r${round}-u${attempted}`
    const stem = `soak-${id}-${type}${reject ? '-reject' : ''}`
    const made = soakFile(random, random.pick(kindsFor(type)), stem, `${id} ${random.next()}`)
    const upload: SoakUpload = {
      id,
      round,
      customerId,
      type,
      fileName: made.file.name,
      sha256: made.sha256,
      size: made.size,
      plan: describePlan(plan),
      outcome: 'unfinished',
      retryClicks: 0,
    }
    record.uploads.push(upload)
    files.set(upload, made.file)
    return upload
  }

  async function choose(upload: SoakUpload) {
    const file = files.get(upload)
    if (!file) throw new Error(`no file for ${upload.id}`)
    files.delete(upload)
    await fileInputOf(page, upload.type).setInputFiles(file)
    await startedUpload(page, upload.type, upload.fileName)
  }

  /** Follows an upload to its end, pressing retry after a final failure as a user would. */
  async function finish(upload: SoakUpload) {
    for (;;) {
      const seen = await settle(page, upload.type, upload.fileName, SETTLE_TIMEOUT_MS)
      upload.lastSeen = `${seen.state}/${seen.status}`
      const reviewed = seen.status === 'approved' || seen.status === 'rejected'
      if (seen.state === 'done' && (seen.showsFile || reviewed) && seen.status !== 'pending') {
        upload.outcome = 'completed'
        return
      }
      const pressed =
        seen.state === 'failed' &&
        upload.retryClicks < MAX_RETRY_PRESSES &&
        (await pressRetry(page, upload.type))
      if (!pressed) {
        const text = await page.locator(cardSelector(upload.type)).innerText()
        upload.lastSeen += ` "${text.replace(/\s+/g, ' ').slice(0, 200)}"`
        log(`  unfinished: ${upload.id} ${upload.type} (${upload.plan}), last ${upload.lastSeen}`)
        return
      }
      upload.retryClicks += 1
      record.retryClicks += 1
    }
  }

  /** Sends one upload after its fault, alone, and follows it to its end. */
  async function sendWithPlan(upload: SoakUpload, plan: Plan) {
    if (plan.kind === 'lost-response') {
      // Between the browser and the proxy: the request goes through, the answer is thrown away.
      await page.route(
        '**/api/kyc/customers/*/documents',
        async (route) => {
          const response = await route.fetch()
          if (response.status() === 201) record.storedThenLost += 1
          await route.abort('connectionreset')
        },
        { times: 1 },
      )
      record.faults['lost-response'] = (record.faults['lost-response'] ?? 0) + 1
    }
    if (plan.kind === 'fault') await injectFault(plan.fault, plan.delayMs)
    // The first attempt and the widget's three automatic retries all fail. The proxy sends a
    // dropped upload again once by itself, so each of those attempts uses up two drops.
    if (plan.kind === 'exhaust') {
      const faults = plan.fault === 'drop' ? 8 : 4
      for (let i = 0; i < faults; i++) await injectFault(plan.fault)
    }
    if (plan.kind !== 'cancel') {
      await choose(upload)
      return finish(upload)
    }
    await injectFault('429', CANCEL_RETRY_AFTER_MS)
    await choose(upload)
    if (!(await waitForCard(page, upload.type, 'data-state', 'retrying', SETTLE_TIMEOUT_MS))) {
      throw new Error(`${upload.id}: never waited out the 429`)
    }
    await page.waitForTimeout(random.int(0, 1000))
    await pressCancel(page, upload.type)
    upload.outcome = 'cancelled'
    record.lastCancelAt = Date.now()
  }

  async function playRound() {
    round += 1
    record.rounds += 1
    const scenario = scenarioFor(random)
    let customerId: string
    if (round === 1) {
      const started = await page.request.post('/demo-api/scenario', { data: { scenario } })
      if (!started.ok()) throw new Error(`a ${scenario} customer: ${started.status()}`)
      customerId = ((await started.json()) as { customerId: string }).customerId
      await page.goto('/')
    } else {
      customerId = await switchCustomer(page, scenario)
    }
    const cookie = (await page.context().cookies()).find((c) => c.name === 'kyc_demo_session')
    if (!cookie) throw new Error('the demo set no session cookie')
    record.sessions.set(customerId, `${cookie.name}=${cookie.value}`)
    const planned = (await uploadableTypes(page)).map((type) => {
      const plan = planFor(random)
      const reject = plan.kind !== 'cancel' && random.next() < REJECT_SHARE
      return { upload: newUpload(customerId, type, plan, reject), plan }
    })
    lap('open')

    // Faulted uploads one at a time, alone, so each fault hits the upload it was meant for.
    const sendAgain: string[] = []
    for (const { upload, plan } of planned) {
      if (plan.kind === 'none') continue
      await gate.alone(async () => {
        lap('wait for the gate')
        await sendWithPlan(upload, plan)
        lap('uploads with a fault')
      })
      if (upload.outcome === 'cancelled' && random.next() < SEND_AGAIN_AFTER_CANCEL) {
        sendAgain.push(upload.type)
      }
    }
    // The rest chosen together: several in flight, the widget's limiter queueing some.
    const burst = planned.filter(({ plan }) => plan.kind === 'none').map(({ upload }) => upload)
    for (const type of sendAgain) burst.push(newUpload(customerId, type, { kind: 'none' }))
    if (burst.length > 0) {
      await gate.shared(async () => {
        lap('wait for the gate')
        for (const upload of burst) await choose(upload)
        for (const upload of burst) await finish(upload)
        lap('uploads without a fault')
      })
    }

    // The review rejects some: the widget learns it by polling, the user sends another file.
    const toReject = planned
      .map(({ upload }) => upload)
      .filter((upload) => upload.outcome === 'completed' && upload.fileName.includes('-reject.'))
    for (const first of toReject) {
      if (!(await waitForCard(page, first.type, 'data-status', 'rejected', 20_000))) {
        record.mismatches.push(`${first.id}: the widget never showed the rejection`)
        continue
      }
      lap('wait for reviews')
      const again = newUpload(customerId, first.type, { kind: 'none' })
      await gate.shared(async () => {
        lap('wait for the gate')
        await choose(again)
        await finish(again)
        lap('uploads without a fault')
      })
    }

    // Compared once the reviews are over, so a review landing mid-comparison is no excuse.
    await waitForReviews(page, customerId)
    lap('wait for reviews')
    const difference = await compareWithServer(page, customerId)
    if (difference) {
      record.mismatches.push(`${name}r${round} ${customerId}: ${difference}`)
      log(`  mismatch: ${name}r${round}: ${difference}`)
    }
    lap('compare with the server')
  }

  while (attempted < options.quota) {
    await playRound()
    if (round % 10 === 0) log(`  lane ${name}: round ${round}, ${attempted} uploads attempted`)
  }
}
