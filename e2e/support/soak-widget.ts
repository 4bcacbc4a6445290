// How the soak reads and drives one document card of the widget, and compares the widget's
// statuses with the server's. Everything goes through the page as a user sees it: the card's
// data-state / data-status, its text, its cancel and retry buttons.
import type { Page } from '@playwright/test'
import { documentOf, ptString } from './test.ts'

export const cardSelector = (type: string) => `[data-kyc-uploader] [data-kyc-type="${type}"]`
const CARDS = '[data-kyc-uploader] [data-kyc-type][data-status]'

/** Waits until a card's attribute has a value; false if it did not within `timeout`. */
export function waitForCard(
  page: Page,
  type: string,
  attribute: 'data-state' | 'data-status',
  value: string,
  timeout: number,
): Promise<boolean> {
  return page
    .waitForFunction(
      ([selector, name, wanted]) =>
        document.querySelector(selector as string)?.getAttribute(name as string) === wanted,
      [cardSelector(type), attribute, value],
      { timeout, polling: 50 },
    )
    .then(
      () => true,
      () => false,
    )
}

export interface CardView {
  state: string
  status: string
  /** Whether the card names this file (its done or failed line). */
  showsFile: boolean
}

/**
 * Waits until this file's upload is done or failed: its name shows in either line, or, once a
 * review has already come back (the card then shows the verdict, not the file), it is done with
 * a reviewed status. Call it after `startedUpload`, so a `done` left by an earlier file of the
 * same document is not taken for this one.
 */
export async function settle(
  page: Page,
  type: string,
  fileName: string,
  timeout: number,
): Promise<CardView> {
  const selector = cardSelector(type)
  await page
    .waitForFunction(
      ([cardAt, name]) => {
        const card = document.querySelector(cardAt as string)
        const state = card?.getAttribute('data-state')
        const status = card?.getAttribute('data-status')
        const named = (card?.textContent ?? '').includes(name as string)
        const reviewed = status === 'approved' || status === 'rejected'
        return ((state === 'done' || state === 'failed') && named) || (state === 'done' && reviewed)
      },
      [selector, fileName],
      { timeout, polling: 50 },
    )
    .catch(() => {})
  return page.locator(selector).evaluate(
    (card, name) => ({
      state: card.getAttribute('data-state') ?? '',
      status: card.getAttribute('data-status') ?? '',
      showsFile: (card.textContent ?? '').includes(name),
    }),
    fileName,
  )
}

/** Waits until the card has taken this file: an upload under way, or its name on the card. */
export async function startedUpload(page: Page, type: string, fileName: string): Promise<void> {
  await page.waitForFunction(
    ([cardAt, name]) => {
      const card = document.querySelector(cardAt as string)
      const state = card?.getAttribute('data-state') ?? ''
      const underWay = ['validating', 'queued', 'uploading', 'retrying', 'paused'].includes(state)
      return underWay || (card?.textContent ?? '').includes(name as string)
    },
    [cardSelector(type), fileName],
    { timeout: 15_000, polling: 20 },
  )
}

/** Presses the card's retry button if it shows one; whether it did. */
export async function pressRetry(page: Page, type: string): Promise<boolean> {
  const retry = documentOf(page, type).getByRole('button', { name: ptString('upload.retry') })
  if (!(await retry.isVisible())) return false
  await retry.click()
  await page.waitForFunction(
    (selector) => document.querySelector(selector)?.getAttribute('data-state') !== 'failed',
    cardSelector(type),
  )
  return true
}

/** Presses the card's cancel button and waits for the card to be idle again. */
export async function pressCancel(page: Page, type: string): Promise<void> {
  const cancel = documentOf(page, type).getByRole('button', { name: ptString('upload.cancel') })
  await cancel.click({ timeout: 5000 })
  if (!(await waitForCard(page, type, 'data-state', 'idle', 5000))) {
    throw new Error(`${type}: not idle after cancel`)
  }
}

/** Types of the documents the user can send now (pending or rejected). */
export async function uploadableTypes(page: Page): Promise<string[]> {
  const cards = page.locator(CARDS)
  await cards.first().waitFor()
  return cards.evaluateAll((elements) =>
    elements
      .filter((element) => /^(pending|rejected)$/.test(element.getAttribute('data-status') ?? ''))
      .map((element) => element.getAttribute('data-kyc-type') ?? ''),
  )
}

interface ServerItem {
  kind?: string
  type: string
  status?: string
  uploaded_at?: string | null
}

/** The server's status of each uploadable document, read through the proxy as the widget reads. */
async function serverStatuses(page: Page, customerId: string): Promise<Record<string, string>> {
  let response = await page.request.get(`/api/kyc/customers/${customerId}`)
  // Every lane's reads share the proxy's budget at the provider with the widgets' polls.
  for (let tries = 1; response.status() === 429 && tries < 10; tries++) {
    const seconds = Number(response.headers()['retry-after'] ?? '1')
    await page.waitForTimeout(Math.max(1, Number.isFinite(seconds) ? seconds : 1) * 1000)
    response = await page.request.get(`/api/kyc/customers/${customerId}`)
  }
  if (!response.ok()) throw new Error(`reading ${customerId} answered ${response.status()}`)
  const customer = (await response.json()) as { kyc: ServerItem[] }
  return Object.fromEntries(
    customer.kyc
      .filter((item) => item.kind === 'document' && item.type !== 'biometrics')
      // The contract's rule for a missing status: uploaded → submitted, else pending.
      .map((item) => [item.type, item.status ?? (item.uploaded_at ? 'submitted' : 'pending')]),
  )
}

/**
 * Waits until the visitor's customer has no document in review (each review takes the sandbox's
 * delay). Asked of the demo's sandbox controls, which cost the provider's rate limit nothing: the
 * lanes' widgets and uploads share that budget.
 */
export async function waitForReviews(page: Page, customerId: string, timeout = 15_000) {
  const deadline = Date.now() + timeout
  for (;;) {
    const response = await page.request.get('/demo-api/documents')
    if (!response.ok()) throw new Error(`documents of ${customerId}: ${response.status()}`)
    const { documents } = (await response.json()) as { documents: { status: string }[] }
    if (!documents.some((document) => document.status === 'submitted')) return
    if (Date.now() > deadline) return
    await page.waitForTimeout(300)
  }
}

/**
 * Gives the visitor a fresh customer with the demo's own sandbox controls (the scenario picker,
 * or "Reset" for the same scenario), as a user of the demo would, without reloading the page.
 * Returns the new customer's id and the demo session cookie, once the widget shows it.
 */
export async function switchCustomer(page: Page, scenario: string) {
  const widget = page.locator('[data-kyc-uploader]')
  await widget.evaluate((root) => {
    ;(window as unknown as { soakPreviousWidget?: Element }).soakPreviousWidget = root
  })
  const answered = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      /\/demo-api\/(scenario|reset)$/.test(new URL(response.url()).pathname),
  )
  const picker = page.getByLabel('Scenario', { exact: true })
  if ((await picker.inputValue()) === scenario) {
    await page.getByRole('button', { name: 'Reset: start over' }).click()
  } else {
    await picker.selectOption(scenario)
  }
  const response = await answered
  if (!response.ok()) throw new Error(`a fresh ${scenario} customer: ${response.status()}`)
  const { customerId } = (await response.json()) as { customerId: string }
  // The widget is keyed by customer: a new root element, ready with the new customer's documents.
  await page.waitForFunction(() => {
    const root = document.querySelector('[data-kyc-uploader]')
    const previous = (window as unknown as { soakPreviousWidget?: Element }).soakPreviousWidget
    return root !== null && root !== previous && root.getAttribute('data-state') === 'ready'
  })
  return customerId
}

/**
 * Compares every document's status in the widget with the server's: first as the page shows it
 * (the widget's own polling must have caught up: a widget that only a reload would correct is a
 * defect), then after a reload. A review may land between the reads, so a difference counts only
 * if it lasts `patienceMs`. Returns the difference, or null.
 */
export async function compareWithServer(
  page: Page,
  customerId: string,
  patienceMs = 12_000,
): Promise<string | null> {
  const live = await differenceFromServer(page, customerId, patienceMs)
  await page.reload()
  await page.locator(CARDS).first().waitFor()
  const reloaded = await differenceFromServer(page, customerId, patienceMs)
  if (live) return `as the page showed it: ${live}`
  if (reloaded) return `after a reload: ${reloaded}`
  return null
}

async function differenceFromServer(
  page: Page,
  customerId: string,
  patienceMs: number,
): Promise<string | null> {
  const cards = page.locator(CARDS)
  const deadline = Date.now() + patienceMs
  for (;;) {
    const before = await serverStatuses(page, customerId)
    const widget = await cards.evaluateAll((elements) =>
      Object.fromEntries(
        elements.map((element) => [
          element.getAttribute('data-kyc-type') ?? '',
          element.getAttribute('data-status') ?? '',
        ]),
      ),
    )
    const after = await serverStatuses(page, customerId)
    const differing = Object.entries(after).filter(([type, status]) => widget[type] !== status)
    if (JSON.stringify(before) === JSON.stringify(after) && differing.length === 0) return null
    if (Date.now() > deadline) {
      return differing
        .map(([type, status]) => `${type}: widget ${widget[type] ?? 'missing'}, server ${status}`)
        .join('; ')
    }
    await page.waitForTimeout(500)
  }
}

/**
 * Records what would fail any other e2e test: uncaught exceptions and console errors, except
 * Chromium's own line for an API call that failed (the faults make those on purpose).
 */
export function watchPageProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const text = message.text()
    const apiFailure =
      /\/api\/kyc\//.test(message.location().url) && /Failed to load resource|net::ERR_/.test(text)
    if (!apiFailure) problems.push(`console error: ${text}`)
  })
}
