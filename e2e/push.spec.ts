// Push (issue #10): the demo shows the provider's review decision as its webhook arrives, by
// Server-Sent Events, without a reload and without a poll. (How soon: `npm run bench -- scale`.)
import { fileInputOf } from './support/files.ts'
import { documentOf, expect, fixture, test } from './support/test.ts'

test('a review decision shows as the provider’s webhook arrives: no reload, no poll', async ({
  page,
  openDemo,
}) => {
  const streams: string[] = []
  page.on('request', (request) => {
    if (request.url().endsWith('/events')) streams.push(request.url())
  })
  const { customerId } = await openDemo({ scenario: 'person-cnh' })
  expect(streams).toEqual([expect.stringContaining(`/api/kyc/customers/${customerId}/events`)])
  await fileInputOf(page, 'cnh').setInputFiles(fixture('ccmei-multipage.pdf'))
  await expect(documentOf(page, 'cnh')).toHaveAttribute('data-status', 'submitted')
  const readsAfterSubmit: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'GET' && request.url().endsWith(`/customers/${customerId}`)) {
      readsAfterSubmit.push(request.url())
    }
  })
  await expect(documentOf(page, 'cnh')).toHaveAttribute('data-status', 'approved')
  expect(readsAfterSubmit).toEqual([])
})
