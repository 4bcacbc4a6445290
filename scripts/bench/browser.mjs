// Headless Chromium for the benchmarks, found as the machine brief says.
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-precise-memory-info',
]

export function chromiumExecutable() {
  if (process.env.KYC_CHROMIUM) return process.env.KYC_CHROMIUM
  const bundled = chromium.executablePath()
  return existsSync(bundled) ? bundled : '/usr/bin/chromium'
}

export function launchChromium() {
  return chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_FLAGS })
}

/** A page of its own (own context, own window) on the bench page for the given widgets. */
export async function openBenchPage(
  browser,
  baseUrl,
  { customers, widgetsPerCustomer, maxFileSize },
) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } })
  const page = await context.newPage()
  const query = new URLSearchParams()
  for (const id of customers) query.append('c', id)
  if (widgetsPerCustomer) query.set('n', widgetsPerCustomer.join(','))
  if (maxFileSize) query.set('max', String(maxFileSize))
  page.on('pageerror', (error) => console.error(`[bench page] ${error.message}`))
  await page.goto(`${baseUrl}/?${query}`)
  return { context, page }
}

/** Waits until document `type` of widget `index` shows `status`. */
export function waitForStatus(page, index, type, status, timeout = 30_000) {
  return page
    .locator(`[data-bench-widget="${index}"] [data-kyc-type="${type}"][data-status="${status}"]`)
    .waitFor({ state: 'attached', timeout })
}

export function fileInput(page, index, type) {
  return page.locator(`[data-bench-widget="${index}"] [data-kyc-type="${type}"] input[type=file]`)
}

/**
 * A fresh `company` customer and a page with one widget on it, loaded (its first document
 * `pending`). Returns the page, its context, the customer and that document's type.
 */
export async function openWidgetOnNewCustomer(browser, server, { maxFileSize }) {
  const customer = server.control.createCustomer('company')
  const type = customer.kyc.find((item) => item.kind === 'document').type
  const { context, page } = await openBenchPage(browser, server.url, {
    customers: [customer.id],
    maxFileSize,
  })
  await waitForStatus(page, 0, type, 'pending')
  return { context, page, customer, type }
}

/**
 * Chooses `file` for document `type` of widget 0 and waits until it shows `submitted`; returns
 * the page's timing of it (input change to status shown). See page/main.js `armWidget`.
 */
export async function uploadThroughWidget(page, type, file) {
  await page.evaluate((type) => window.__bench.armWidget(0, type), type)
  await fileInput(page, 0, type).setInputFiles(file)
  await page.waitForFunction(() => window.__bench.widgetRun.end !== null, null, {
    timeout: 120_000,
  })
  const run = await page.evaluate(() => window.__bench.widgetRun)
  if (run.status !== 'submitted') throw new Error(`the widget ended in ${run.status}`)
  return run
}
