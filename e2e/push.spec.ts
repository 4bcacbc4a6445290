// Push (issue #10): the demo shows the provider's review decision within a second, by webhook
// and Server-Sent Events, without a reload and without waiting for a poll.
import { fileInputOf } from './support/files.ts'
import { documentOf, expect, fixture, test } from './support/test.ts'

test('a review decision shows within a second of the provider’s webhook, no reload, no poll', async ({
  page,
  openDemo,
  storedDocuments,
}) => {
  const streams: string[] = []
  page.on('request', (request) => {
    if (request.url().endsWith('/events')) streams.push(request.url())
  })
  const { customerId } = await openDemo({ scenario: 'person-cnh' })
  expect(streams).toEqual([expect.stringContaining(`/api/kyc/customers/${customerId}/events`)])
  // The page notes, by its own clock, when the card turns approved.
  await page.evaluate(() => {
    const card = document.querySelector('[data-kyc-type="cnh"]')
    new MutationObserver(() => {
      if (card?.getAttribute('data-status') === 'approved') {
        ;(window as unknown as { approvedAt?: number }).approvedAt ??= Date.now()
      }
    }).observe(card as Element, { attributes: true, attributeFilter: ['data-status'] })
  })
  await fileInputOf(page, 'cnh').setInputFiles(fixture('ccmei-multipage.pdf'))
  await expect(documentOf(page, 'cnh')).toHaveAttribute('data-status', 'submitted')
  const readsAfterSubmit: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'GET' && request.url().endsWith(`/customers/${customerId}`)) {
      readsAfterSubmit.push(request.url())
    }
  })
  await expect(documentOf(page, 'cnh')).toHaveAttribute('data-status', 'approved')
  const approvedAt = await page.evaluate(
    () => (window as unknown as { approvedAt: number }).approvedAt,
  )
  const [stored] = await storedDocuments()
  const decidedAt = Date.parse(stored?.updated_at ?? '')
  expect(approvedAt - decidedAt).toBeLessThan(1000)
  expect(readsAfterSubmit).toEqual([])
})
