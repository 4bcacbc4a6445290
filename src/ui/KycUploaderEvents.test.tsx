// @vitest-environment jsdom
// onEvent: the host's analytics stream, in order, from a real widget against the sandbox.
import { cleanup, configure, render, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { fileOf, jpegBytes, pdfBytes, textBytes } from '../core/testing/files.ts'
import type { KycEvent } from '../core/widget-events.ts'
import { en } from '../locales/en.ts'
import { KycUploader, type KycUploaderProps } from './KycUploader.tsx'
import { startWidgetSandbox, type WidgetSandbox } from './testing/widgetSandbox.ts'

configure({ asyncUtilTimeout: 6000 })

let sandbox: WidgetSandbox
beforeAll(async () => {
  sandbox = await startWidgetSandbox({ reviewDelayMs: 200 })
})
afterEach(() => {
  cleanup()
  sandbox.control.reset()
})
afterAll(() => sandbox.close())

function renderWidget(props: Partial<KycUploaderProps> & { customerId: string }) {
  const events: KycEvent[] = []
  render(
    <KycUploader
      {...sandbox.props}
      locale={en}
      onEvent={(event) => events.push(event)}
      {...props}
    />,
  )
  return events
}

const input = (type: string) =>
  document.querySelector<HTMLInputElement>(`[data-kyc-type="${type}"] input[type=file]`)!
const card = (type: string) => document.querySelector<HTMLElement>(`[data-kyc-type="${type}"]`)!
const names = (events: KycEvent[]) => events.map((event) => event.name)

it('tells the host, in order, what the user did and met: shown, picked, sent, retried, reviewed', async () => {
  const customer = sandbox.control.createCustomer('company')
  const events = renderWidget({ customerId: customer.id })
  await waitFor(() => expect(names(events)).toContain('documents_shown'))
  expect(events[0]).toMatchObject({
    name: 'documents_shown',
    documents: [
      { type: 'ccmei', status: 'pending' },
      { type: 'identity_card_front', status: 'pending' },
      { type: 'identity_card_back', status: 'pending' },
      { type: 'selfie', status: 'pending' },
    ],
  })

  // A file nobody can open as a document: refused, nothing sent.
  await userEvent.upload(input('ccmei'), fileOf(textBytes(), 'notes.pdf', 'application/pdf'))
  await waitFor(() => expect(names(events)).toContain('file_refused'))

  // A PDF whose first try meets a 500: retried with the same key, then stored and approved.
  sandbox.control.injectFault({ route: 'upload', kind: '500', times: 1 })
  const pdf = pdfBytes()
  await userEvent.upload(input('ccmei'), fileOf(pdf, 'ccmei.pdf', 'application/pdf'))
  await waitFor(() => expect(card('ccmei')).toHaveAttribute('data-status', 'approved'))
  await waitFor(() => expect(names(events)).toContain('review_seen'))

  expect(names(events)).toEqual([
    'documents_shown',
    'file_picked',
    'file_refused',
    'file_picked',
    'upload_started',
    'upload_retried',
    'upload_succeeded',
    'review_seen',
  ])
  const [, picked, refused, , started, retried, succeeded, reviewed] = events
  expect(picked).toMatchObject({ document: 'ccmei', files: 1, contentType: 'application/pdf' })
  expect(refused).toMatchObject({ document: 'ccmei', code: 'file_disguised' })
  expect(started).toMatchObject({ document: 'ccmei', size: pdf.length })
  expect(retried).toMatchObject({ document: 'ccmei', code: 'internal_error', try: 1 })
  expect(succeeded).toMatchObject({ document: 'ccmei', size: pdf.length, tries: 2 })
  expect((succeeded as { durationMs: number }).durationMs).toBeGreaterThan(0)
  expect(reviewed).toMatchObject({ document: 'ccmei', status: 'approved' })
  // Stamped in order, and never a file name.
  const stamps = events.map((event) => event.at)
  expect([...stamps].sort((a, b) => a - b)).toEqual(stamps)
  expect(JSON.stringify(events)).not.toContain('ccmei.pdf')
})

it('reports a photo checked, a final failure and a cancel', async () => {
  const customer = sandbox.control.createCustomer('company')
  const events = renderWidget({ customerId: customer.id })
  await waitFor(() => expect(card('selfie')).not.toBeNull())

  // The photo step (no worker in jsdom: sent as picked, without warnings), then a 422 for good.
  sandbox.control.injectFault({ route: 'upload', kind: 'slow', delayMs: 3000 })
  await userEvent.upload(input('selfie'), fileOf(jpegBytes(), 'selfie.jpg', 'image/jpeg'))
  await waitFor(() => expect(names(events)).toContain('upload_started'))
  await userEvent.click(within(card('selfie')).getByRole('button', { name: 'Cancel upload' }))
  await waitFor(() => expect(names(events)).toContain('upload_cancelled'))
  expect(names(events).slice(1)).toEqual([
    'file_picked',
    'photo_checked',
    'upload_started',
    'upload_cancelled',
  ])
  expect(events[2]).toMatchObject({ name: 'photo_checked', document: 'selfie', warnings: [] })

  sandbox.control.clearFaults()
  sandbox.control.injectFault({ route: 'upload', kind: '429', delayMs: 120_000 })
  await userEvent.upload(input('ccmei'), fileOf(pdfBytes(), 'ccmei.pdf', 'application/pdf'))
  await waitFor(() => expect(names(events)).toContain('upload_failed'))
  expect(events.at(-1)).toMatchObject({
    name: 'upload_failed',
    document: 'ccmei',
    code: 'rate_limit_exceeded',
    status: 429,
    tries: 1,
  })
})

it('keeps working when onEvent throws, and reports it', async () => {
  const reported: unknown[] = []
  window.reportError = (error: unknown) => void reported.push(error)
  try {
    const customer = sandbox.control.createCustomer('company')
    renderWidget({
      customerId: customer.id,
      onEvent: () => {
        throw new Error('analytics is down')
      },
    })
    await waitFor(() => expect(card('ccmei')).not.toBeNull())
    await userEvent.upload(input('ccmei'), fileOf(pdfBytes(), 'ccmei.pdf', 'application/pdf'))
    await waitFor(() => expect(card('ccmei')).toHaveAttribute('data-status', 'approved'))
    expect(reported.length).toBeGreaterThanOrEqual(4)
    expect(String(reported[0])).toBe('Error: analytics is down')
  } finally {
    Reflect.deleteProperty(window, 'reportError')
  }
})
