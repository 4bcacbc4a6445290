// Polling of `GET /customers/{id}` (counted at the bench server) during 60 s of review:
// one widget on customer A and five on customer B in one page (sharing the host's query
// client, mounted together), one widget in a page that is hidden for the whole window, and one
// widget on a customer whose review is over before the window starts.
import { randomUUID } from 'node:crypto'
import { openBenchPage, waitForStatus } from './browser.mjs'
import { pdfOfSize } from './files.mjs'
import { result } from './stats.mjs'

const WINDOW_MS = 60_000
const LONG_REVIEW_MS = 10 * 60_000
const SHORT_REVIEW_MS = 1_500

async function submit(server, customer) {
  const type = customer.kyc.find((item) => item.kind === 'document').type
  const form = new FormData()
  form.set('type', type)
  form.set('file', new Blob([pdfOfSize(4096)], { type: 'application/pdf' }), 'documento.pdf')
  const response = await fetch(`${server.url}/api/kyc/customers/${customer.id}/documents`, {
    method: 'POST',
    body: form,
    headers: { 'idempotency-key': randomUUID() },
  })
  if (response.status !== 201) throw new Error(`setup upload answered ${response.status}`)
  return type
}

export async function benchPolling({ browser, server, log = console.log }) {
  const { control } = server
  const [one, five, hidden, done] = ['company', 'company', 'company', 'company'].map((scenario) =>
    control.createCustomer(scenario),
  )
  control.setReviewDelay(LONG_REVIEW_MS)
  const type = await submit(server, one)
  await submit(server, five)
  await submit(server, hidden)
  control.setReviewDelay(SHORT_REVIEW_MS)
  await submit(server, done)

  const shared = await openBenchPage(browser, server.url, {
    customers: [one.id, five.id, done.id],
    widgetsPerCustomer: [1, 5, 1],
  })
  const background = await openBenchPage(browser, server.url, { customers: [hidden.id] })
  try {
    for (let index = 0; index < 6; index += 1) {
      await waitForStatus(shared.page, index, type, 'submitted')
    }
    await waitForStatus(shared.page, 6, type, 'approved', SHORT_REVIEW_MS + 40_000)
    await waitForStatus(background.page, 0, type, 'submitted')
    await background.page.evaluate(() => window.__bench.setVisibility('hidden'))

    const since = performance.now()
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS))
    const reads = {
      one: server.readsOf(one.id, since),
      five: server.readsOf(five.id, since),
      hidden: server.readsOf(hidden.id, since),
      done: server.readsOf(done.id, since),
    }
    const stillInReview = await shared.page
      .locator(`[data-kyc-type="${type}"][data-status="submitted"]`)
      .count()

    // Shown again, the hidden page catches up at once.
    const shownAt = performance.now()
    await background.page.evaluate(() => window.__bench.setVisibility('visible'))
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    const afterShown = server.readsOf(hidden.id, shownAt)

    const seconds = WINDOW_MS / 1000
    const figure =
      `in ${seconds} s of review: ${reads.one} reads with one widget, ${reads.five} with five; ` +
      `${reads.hidden} while hidden (${afterShown} in the 3 s after showing it again); ` +
      `${reads.done} once nothing is in review`
    log(`polling GET /customers/{id}: ${figure} (target: five = one, hidden 0, done 0)`)
    return result('polling', {
      figure,
      target: 'five widgets = one widget; 0 while hidden; 0 once nothing is in review',
      pass:
        stillInReview === 6 &&
        reads.one > 0 &&
        reads.five === reads.one &&
        reads.hidden === 0 &&
        reads.done === 0,
      values: { windowMs: WINDOW_MS, ...reads, afterShown, stillInReview },
    })
  } finally {
    await shared.context.close()
    await background.context.close()
  }
}
