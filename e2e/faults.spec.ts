// Faults (issue 6): what the user sees when the network or the provider misbehaves, and what the
// sandbox holds afterwards: exactly one stored document per upload the user completed, none for
// the ones cancelled, never a partial file. The demo API scopes each injected fault to the
// visitor's own customer, so these run in parallel with everything else.
import { createHash } from 'node:crypto'
import type { Page, Request } from '@playwright/test'
import { dropzoneOf, fileInputOf } from './support/files.ts'
import {
  documentOf,
  expect,
  fixture,
  fixtureBytes,
  isUploadRequest,
  ptString,
  test,
  type StoredDocument,
} from './support/test.ts'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const BIG = 'exactly-10mib.pdf'
// No metadata: the photo step sends it byte for byte, so the stored copy is the fixture.
const PHOTO = 'sharp-photo.jpg'

async function injectFault(page: Page, kind: string, extra: Record<string, number> = {}) {
  const response = await page.request.post('/demo-api/fault', { data: { kind, ...extra } })
  expect(response.ok()).toBe(true)
}

/** Slows the page's uploads down (DevTools network emulation), so they can be caught mid-way. */
async function throttleUploads(page: Page, bytesPerSecond: number) {
  const session = await page.context().newCDPSession(page)
  await session.send('Network.enable')
  await session.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  })
}

/** The progress bar of a document's upload, as a number from 0 to 100. */
async function progressOf(page: Page, type: string): Promise<number> {
  const bar = documentOf(page, type).getByRole('progressbar')
  const now = await bar.getAttribute('aria-valuenow')
  const max = (await bar.getAttribute('aria-valuemax')) ?? '100'
  if (now !== null) return (Number(now) / Number(max)) * 100
  return bar.evaluate((element) =>
    element instanceof HTMLProgressElement ? (element.value / element.max) * 100 : NaN,
  )
}

/** Sends the 10 MiB PDF as the CCMEI at 3 MiB/s and returns once some of it is on its way. */
async function startSlowBigUpload(page: Page) {
  await throttleUploads(page, 3 * 1024 * 1024)
  await fileInputOf(page, 'ccmei').setInputFiles(fixture(BIG))
  await expect.poll(() => progressOf(page, 'ccmei')).toBeGreaterThan(5)
}

function expectOneWholeDocument(stored: StoredDocument[], type: string, fixtureName: string) {
  const ofType = stored.filter((document) => document.type === type)
  expect(ofType, `exactly one stored ${type}`).toHaveLength(1)
  expect(ofType[0]).toMatchObject({
    sha256: sha256(fixtureBytes(fixtureName)),
    size: fixtureBytes(fixtureName).length,
    complete: true,
  })
}

const keysOf = (requests: Request[]) =>
  requests.map((request) => request.headers()['idempotency-key'])

// The provider fails once, then answers. A 500 reaches the browser, which retries with the same
// Idempotency-Key. A dropped connection may instead be absorbed by the proxy, which resends the
// body it still holds: either way, one stored document.
const RETRIED_ONCE = [
  {
    kind: 'drop',
    what: 'the provider drops the connection mid-upload',
    type: 'selfie',
    browserAttempts: [1, 2],
  },
  {
    kind: '500',
    what: 'a 500 from the provider, then success',
    type: 'identity_card_front',
    browserAttempts: [2],
  },
]

for (const { kind, what, type, browserAttempts } of RETRIED_ONCE) {
  test(`${what}: retried with the same key, stored once`, async ({
    page,
    openDemo,
    uploads,
    storedDocuments,
  }) => {
    await openDemo()
    await injectFault(page, kind)
    await fileInputOf(page, type).setInputFiles(fixture(PHOTO))

    await expect(documentOf(page, type)).toHaveAttribute('data-status', 'submitted')
    expect(browserAttempts).toContain(uploads.length)
    expect(new Set(keysOf(uploads)).size).toBe(1)
    expectOneWholeDocument(await storedDocuments(), type, PHOTO)
  })
}

test('the browser’s connection resets before the request arrives: retried, stored once', async ({
  page,
  openDemo,
  uploads,
  storedDocuments,
}) => {
  await openDemo()
  let resets = 0
  await page.route('**/api/kyc/customers/*/documents', async (route) => {
    if (resets++ === 0) return route.abort('connectionreset')
    return route.continue()
  })
  await fileInputOf(page, 'ccmei').setInputFiles(fixture('ccmei-multipage.pdf'))

  await expect(documentOf(page, 'ccmei')).toHaveAttribute('data-status', 'submitted')
  expect(uploads).toHaveLength(2)
  expect(new Set(keysOf(uploads)).size).toBe(1)
  expectOneWholeDocument(await storedDocuments(), 'ccmei', 'ccmei-multipage.pdf')
})

test('429 with Retry-After: the widget waits it out before the next request', async ({
  page,
  openDemo,
  storedDocuments,
}) => {
  await openDemo()
  await injectFault(page, '429', { delayMs: 3000 })
  const uploads: Request[] = []
  page.on('request', (request) => {
    if (isUploadRequest(request)) uploads.push(request)
  })

  await fileInputOf(page, 'identity_card_back').setInputFiles(fixture(PHOTO))
  await expect(documentOf(page, 'identity_card_back')).toContainText(ptString('upload.retrying'))
  await expect(documentOf(page, 'identity_card_back')).toHaveAttribute('data-status', 'submitted')

  const answers = await Promise.all(uploads.map((request) => request.response()))
  // The demo's token_expired fault is each visitor's own now: no other test's reaches this one.
  const statuses = answers.map((answer) => answer?.status())
  expect(statuses).toEqual([429, 201])
  expect(answers[0]?.headers()['retry-after']).toBe('3')
  // Timed by the page's own clock (Resource Timing: when the 429 had wholly arrived, when the
  // next upload started), as the test runner hears of both events later and unevenly on a busy
  // machine, and the DevTools protocol's request times mix a wall clock with a monotonic one (a
  // CI run at load 9 measured 2,730 ms with them for a retry the widget starts 3 s after the
  // answer). A widget that ignored Retry-After would retry after its own backoff, at most 1 s.
  const [refused, retried] = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => /\/customers\/[^/]+\/documents$/.test(entry.name))
      .map((entry) => ({ start: entry.startTime, end: entry.responseEnd })),
  )
  const waited = (retried?.start ?? 0) - (refused?.end ?? 0)
  expect(waited, 'no request before Retry-After is over').toBeGreaterThanOrEqual(2900)
  expectOneWholeDocument(await storedDocuments(), 'identity_card_back', PHOTO)
})

test('the proxy’s token expired (401 token_expired upstream): the user never notices', async ({
  page,
  openDemo,
  uploads,
  storedDocuments,
}) => {
  await openDemo()
  await injectFault(page, 'token_expired')
  await fileInputOf(page, 'selfie').setInputFiles(fixture(PHOTO))

  await expect(documentOf(page, 'selfie')).toHaveAttribute('data-status', 'submitted')
  await expect(page.locator('[data-kyc-uploader]')).not.toContainText(
    ptString('error.token_expired'),
  )
  expect(uploads.length).toBeLessThanOrEqual(2)
  expectOneWholeDocument(await storedDocuments(), 'selfie', PHOTO)
})

test('a gateway’s HTML 502 page: retried, then a translated failure, never the HTML; retry works', async ({
  page,
  openDemo,
  uploads,
  storedDocuments,
}) => {
  await openDemo()
  const html =
    '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>' +
    '<script>document.title="pwned"</script><hr>nginx</body></html>'
  await page.route('**/api/kyc/customers/*/documents', (route) =>
    route.fulfill({ status: 502, contentType: 'text/html', body: html }),
  )
  await fileInputOf(page, 'ccmei').setInputFiles(fixture('ccmei-multipage.pdf'))

  const ccmei = documentOf(page, 'ccmei')
  await expect(ccmei).toContainText(
    ptString('upload.failed').replace('{name}', 'ccmei-multipage.pdf'),
    { timeout: 20_000 },
  )
  expect(uploads.length, 'the first attempt and its automatic retries').toBeGreaterThan(1)
  await expect(page.locator('body')).not.toContainText('Bad Gateway')
  await expect(page.locator('body')).not.toContainText('nginx')
  expect(await storedDocuments()).toHaveLength(0)

  await page.unroute('**/api/kyc/customers/*/documents')
  await ccmei.getByRole('button', { name: ptString('upload.retry') }).click()
  await expect(ccmei).toHaveAttribute('data-status', 'submitted')
  expect(new Set(keysOf(uploads)).size, 'the retry reuses the Idempotency-Key').toBe(1)
  expectOneWholeDocument(await storedDocuments(), 'ccmei', 'ccmei-multipage.pdf')
})

test('the provider stalls: progress moves, then the card says the file is sent and waits, with no cancel', async ({
  page,
  openDemo,
}) => {
  await openDemo()
  await injectFault(page, 'stall')
  await throttleUploads(page, 4 * 1024 * 1024)
  await fileInputOf(page, 'ccmei').setInputFiles(fixture(BIG))

  const ccmei = documentOf(page, 'ccmei')
  await expect.poll(() => progressOf(page, 'ccmei')).toBeGreaterThan(0)
  const early = await progressOf(page, 'ccmei')
  expect(early).toBeLessThan(100)
  // Every byte sent, and still no answer: the provider is stalling. The card says the file is
  // sent and waits for the server, not "sending" under a full bar.
  await expect(ccmei).toHaveAttribute('data-state', 'processing', { timeout: 15_000 })
  await expect(ccmei.locator('.kyc-upload__line')).toHaveText(ptString('upload.processing'))
  await expect(ccmei.getByRole('progressbar')).toHaveCount(0)
  await expect(ccmei).toHaveAttribute('data-status', 'pending')

  // Every byte is out: a cancel could not take the file back, so none is offered.
  await expect(ccmei.getByRole('button', { name: ptString('upload.cancel') })).toHaveCount(0)
})

test('the upload is slow and the user cancels it: nothing is stored, even after the wait', async ({
  page,
  openDemo,
  storedDocuments,
}) => {
  await openDemo()
  await injectFault(page, 'slow', { delayMs: 5000 })
  await throttleUploads(page, 256 * 1024)
  await fileInputOf(page, 'ccmei').setInputFiles(fixture(BIG))
  const ccmei = documentOf(page, 'ccmei')
  // Still sending: the cancel is there, and stops it; keyboard focus stays on this document.
  await expect.poll(() => progressOf(page, 'ccmei')).toBeGreaterThan(0)
  await ccmei.getByRole('button', { name: ptString('upload.cancel') }).click()
  await expect(ccmei.locator('.kyc-upload__line')).toHaveText(ptString('upload.cancelled'))
  await expect(dropzoneOf(page, 'ccmei')).toBeFocused()

  await page.waitForTimeout(6000)
  expect(await storedDocuments()).toHaveLength(0)
  await expect(ccmei).toHaveAttribute('data-status', 'pending')
})

test('a cancel too late to stop the upload: the provider stored it, and the card says so without a reload', async ({
  page,
  openDemo,
  storedDocuments,
}) => {
  await openDemo()
  // A gateway that got the provider's 201 and holds it: the file is stored, the browser waits.
  let stored: () => void = () => {}
  const providerStored = new Promise<void>((resolve) => (stored = resolve))
  await page.route(
    '**/api/kyc/customers/*/documents',
    async (route) => {
      const response = await route.fetch()
      stored()
      await new Promise((resolve) => setTimeout(resolve, 5000))
      await route.fulfill({ response }).catch(() => {})
    },
    { times: 1 },
  )
  // From memory, not from disk: Chromium does not give an interception the body of a file sent
  // straight from disk, and `route.fetch` has to send the body on.
  await fileInputOf(page, 'selfie').setInputFiles({
    name: PHOTO,
    mimeType: 'image/jpeg',
    buffer: fixtureBytes(PHOTO),
  })
  await providerStored
  const selfie = documentOf(page, 'selfie')
  await selfie.getByRole('button', { name: ptString('upload.cancel') }).click()
  await expect(selfie.getByRole('progressbar')).toHaveCount(0)

  expect(await storedDocuments()).toHaveLength(1)
  // Read again 1, 5 and 15 s after the cancel: by the second read the review (1.5 s) may be back.
  await expect(selfie).toHaveAttribute('data-status', /^(submitted|approved)$/, { timeout: 8000 })
})

test('offline before the upload: it waits, then goes by itself once back online', async ({
  page,
  context,
  openDemo,
  uploads,
  storedDocuments,
}) => {
  await openDemo()
  await context.setOffline(true)
  await fileInputOf(page, 'selfie').setInputFiles(fixture(PHOTO))

  await expect(documentOf(page, 'selfie')).toContainText(ptString('upload.paused'))
  expect(uploads).toHaveLength(0)
  await context.setOffline(false)

  await expect(documentOf(page, 'selfie')).toHaveAttribute('data-status', 'submitted')
  expectOneWholeDocument(await storedDocuments(), 'selfie', PHOTO)
})

test('the connection is lost in the middle of an upload: paused, resumed, stored once', async ({
  page,
  context,
  openDemo,
  uploads,
  storedDocuments,
}) => {
  await openDemo()
  // The first attempt is on the wire when the Wi-Fi goes: it fails as Chromium fails it then.
  let cut: () => void = () => {}
  const connectionLost = new Promise<void>((resolve) => (cut = resolve))
  let attempts = 0
  await page.route('**/api/kyc/customers/*/documents', async (route) => {
    if (attempts++ > 0) return route.continue()
    await connectionLost
    await route.abort('internetdisconnected')
  })
  await fileInputOf(page, 'selfie').setInputFiles(fixture(PHOTO))
  await expect(documentOf(page, 'selfie')).toContainText(
    ptString('upload.uploading').replace('{name}', PHOTO),
  )

  await context.setOffline(true)
  cut()
  await expect(documentOf(page, 'selfie')).toContainText(ptString('upload.paused'))
  expect(await storedDocuments()).toHaveLength(0)
  await context.setOffline(false)

  await expect(documentOf(page, 'selfie')).toHaveAttribute('data-status', 'submitted')
  expect(uploads).toHaveLength(2)
  expect(new Set(keysOf(uploads)).size).toBe(1)
  expectOneWholeDocument(await storedDocuments(), 'selfie', PHOTO)
})

test('the tab reloaded mid-upload: nothing partial is stored, and the upload can start over', async ({
  page,
  openDemo,
  storedDocuments,
}) => {
  await openDemo()
  await startSlowBigUpload(page)

  await page.reload()
  await expect(documentOf(page, 'ccmei')).toHaveAttribute('data-status', 'pending')
  expect(await storedDocuments()).toHaveLength(0)

  await fileInputOf(page, 'ccmei').setInputFiles(fixture(PHOTO))
  await expect(documentOf(page, 'ccmei')).toHaveAttribute('data-status', 'submitted')
  expectOneWholeDocument(await storedDocuments(), 'ccmei', PHOTO)
})

test('leaving the page mid-upload asks first; staying lets the upload finish, and then the page leaves without asking', async ({
  page,
  openDemo,
  storedDocuments,
}) => {
  await openDemo()
  // Chromium asks only on a page the person has used: a click of theirs on the page.
  await page.getByRole('heading', { level: 1 }).click()
  await injectFault(page, 'slow', { delayMs: 3000 })
  await fileInputOf(page, 'ccmei').setInputFiles(fixture(BIG))
  const ccmei = documentOf(page, 'ccmei')
  await expect(ccmei).toHaveAttribute('data-state', /uploading|processing/)

  // Closing the tab now shows the browser's "leave site?"; the person stays.
  const asked = page.waitForEvent('dialog')
  await page.close({ runBeforeUnload: true })
  const dialog = await asked
  expect(dialog.type()).toBe('beforeunload')
  await dialog.dismiss()
  expect(page.isClosed()).toBe(false)

  await expect(ccmei).toHaveAttribute('data-status', 'submitted', { timeout: 20_000 })
  expect(await storedDocuments()).toHaveLength(1)

  // Nothing left to lose: the tab closes at once, with no question.
  const questions: string[] = []
  page.on('dialog', (question) => {
    questions.push(question.type())
    void question.accept()
  })
  const closed = page.waitForEvent('close')
  await page.close({ runBeforeUnload: true })
  await closed
  expect(questions).toEqual([])
})
