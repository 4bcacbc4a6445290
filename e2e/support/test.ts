// The test object every spec uses: Playwright's, with a page that fails the test on any
// Content-Security-Policy violation, console error or uncaught exception, and helpers to start
// a fresh visitor on a scenario and to watch what reaches the upload endpoint.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test as base, expect, type Locator, type Page, type Request } from '@playwright/test'
import { messageFor } from '../../src/locales/messages.ts'
import { ptBR } from '../../src/locales/pt-BR.ts'
import type { KycStrings } from '../../src/locales/types.ts'
import type { StoredDocument } from '../../src/sandbox/store.ts'

export { expect }

export const FIXTURES = fileURLToPath(new URL('../fixtures/files/', import.meta.url))
export const fixture = (name: string) => join(FIXTURES, name)
export const fixtureBytes = (name: string) => readFileSync(fixture(name))

export const MIB = 1024 * 1024

/** The message the widget shows for a validation or API code, in Brazilian Portuguese. */
export function expectedMessage(code: string, params: Record<string, string | number> = {}) {
  return messageFor({ code, params }, ptBR.strings, ptBR.tag)
}

export function ptString(key: keyof KycStrings): string {
  return ptBR.strings[key]
}

/** One document of the widget, by its `kyc[].type`. */
export function documentOf(page: Page, type: string): Locator {
  return page.locator(`[data-kyc-uploader] [data-kyc-type="${type}"]`)
}

/** The upload endpoint, as the browser calls it through the proxy. */
export const isUploadRequest = (request: Request) =>
  request.method() === 'POST' && /\/api\/kyc\/customers\/[^/]+\/documents$/.test(request.url())

export interface DemoSession {
  customerId: string
  scenario: string
}

interface Fixtures {
  /** Problems the page reported: CSP violations, console errors, uncaught exceptions. */
  pageProblems: string[]
  /** Every upload request the page sent, in order. */
  uploads: Request[]
  /** Opens the demo as a new visitor with a fresh customer of `scenario` (default `company`). */
  openDemo: (options?: { scenario?: string; query?: string }) => Promise<DemoSession>
  /** The documents the sandbox stored for this visitor. */
  storedDocuments: () => Promise<StoredDocument[]>
}

export type { StoredDocument }

/**
 * Chromium logs every failed request to the console. For the widget's API calls that is expected
 * in the fault tests, which assert on what the user sees instead; anything else is a problem.
 */
function isExpectedApiFailure(text: string, url: string): boolean {
  return /\/api\/kyc\//.test(url) && /Failed to load resource|net::ERR_/.test(text)
}

export const test = base.extend<Fixtures>({
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = []
      await page.exposeBinding('__reportCspViolation', (_source, text: string) => {
        problems.push(`CSP violation: ${text}`)
      })
      // Runs before any page script; Playwright injects it outside the page's CSP.
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const report = (window as unknown as { __reportCspViolation?: (text: string) => void })
            .__reportCspViolation
          report?.(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`)
        })
      })
      page.on('console', (message) => {
        if (message.type() !== 'error') return
        const text = message.text()
        if (isExpectedApiFailure(text, message.location().url)) return
        problems.push(`console error: ${text}`)
      })
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
      await use(problems)
      expect(problems, 'the page reported CSP violations or errors').toEqual([])
    },
    { auto: true },
  ],

  uploads: async ({ page }, use) => {
    const requests: Request[] = []
    page.on('request', (request) => {
      if (isUploadRequest(request)) requests.push(request)
    })
    await use(requests)
  },

  openDemo: async ({ page }, use) => {
    await use(async ({ scenario = 'company', query = '' } = {}) => {
      const response = await page.request.post('/demo-api/scenario', { data: { scenario } })
      expect(response.ok()).toBe(true)
      const session = (await response.json()) as DemoSession
      await page.goto(`/${query}`)
      await expect(page.locator('[data-kyc-uploader] [data-kyc-type]').first()).toBeVisible()
      return session
    })
  },

  storedDocuments: async ({ page }, use) => {
    await use(async () => {
      const response = await page.request.get('/demo-api/documents')
      expect(response.ok()).toBe(true)
      return ((await response.json()) as { documents: StoredDocument[] }).documents
    })
  },
})
