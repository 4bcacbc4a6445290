// @vitest-environment jsdom
// The kit as a host's test uses it: its own component with the relative `/api/kyc`, nothing
// configured, in vitest's jsdom environment, against the kit over real HTTP.
import { useState } from 'react'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { KycUploader, type KycEvent } from '../index.ts'
import { en } from '../locales/en.ts'
import { startKycTestServer, testFile, type KycTestServer } from './index.ts'

function HostStep({ customerId }: { customerId: string }) {
  const [queryClient] = useState(() => new QueryClient())
  return (
    <QueryClientProvider client={queryClient}>
      <KycUploader customerId={customerId} baseUrl="/api/kyc" locale={en} />
    </QueryClientProvider>
  )
}

let kyc: KycTestServer
beforeAll(async () => {
  kyc = await startKycTestServer()
})
afterEach(cleanup)
afterAll(() => kyc.close())

/** A document's file input (named by its label) and its card, as a host's test finds them. */
async function documentCard(label: string) {
  // jsdom's first render of a page takes a second or more on a busy machine.
  const input = await screen.findByLabelText<HTMLInputElement>(
    label,
    { selector: 'input' },
    { timeout: 5000 },
  )
  return { input, card: input.closest('li')! }
}

it('takes a real PDF to approved, pushed, well under a second after review()', async () => {
  const customer = kyc.createCustomer('company')
  render(<HostStep customerId={customer.id} />)
  const { input, card: ccmei } = await documentCard('MEI certificate (CCMEI)')
  await userEvent.upload(input, testFile('pdf'))
  await within(ccmei).findByText('In review', {}, { timeout: 5000 })

  const started = performance.now()
  await kyc.review(customer.id, 'ccmei', 'approved')
  await within(ccmei).findByText('Approved', {}, { timeout: 1000 })
  expect(performance.now() - started).toBeLessThan(1000)
  expect(location.origin).toBe(kyc.origin)
})

it('sends the camera photo and the screenshot, and shows a rejection with its message', async () => {
  const customer = kyc.createCustomer('company')
  render(<HostStep customerId={customer.id} />)
  const { input: frontInput, card: front } = await documentCard('Identity card (front)')
  await userEvent.upload(frontInput, testFile('photo'))
  const { input: backInput, card: back } = await documentCard('Identity card (back)')
  await userEvent.upload(backInput, testFile('screenshot'))
  await within(front).findByText('In review', {}, { timeout: 5000 })
  await within(back).findByText('In review', {}, { timeout: 5000 })

  await kyc.review(customer.id, 'identity_card_front', 'rejected', 'The photo is cut off.')
  await within(front).findByText('The photo is cut off.', {}, { timeout: 1000 })
  expect(kyc.control.documents(customer.id).map((document) => document.content_type)).toEqual([
    'image/jpeg',
    'image/png',
  ])
})

/** The widget with the hand-off on, its onEvent calls collected in order. */
function renderWithEvents(customerId: string, handoff: 'offer' | 'phone'): KycEvent[] {
  const events: KycEvent[] = []
  render(
    <KycUploader
      customerId={customerId}
      baseUrl="/api/kyc"
      locale={en}
      handoff={handoff}
      onEvent={(event) => events.push(event)}
    />,
  )
  return events
}

describe('hand-off, through the kit with the proxy option', () => {
  let phoneKit: KycTestServer
  beforeAll(async () => {
    await kyc.close()
    phoneKit = await startKycTestServer({ proxy: { handoff: { pageUrl: '/phone' } } })
  })
  afterAll(async () => {
    await phoneKit.close()
    kyc = await startKycTestServer() // for the outer afterAll
  })

  it('reports the link offered, then opened on the phone, to onEvent', async () => {
    const events = renderWithEvents(phoneKit.createCustomer('company').id, 'offer')
    await documentCard('MEI certificate (CCMEI)') // the cards are in: the button is live
    await userEvent.click(screen.getByRole('button', { name: 'Continue on the phone' }))
    const link = await screen.findByLabelText<HTMLInputElement>(
      'Link for your phone',
      {},
      {
        timeout: 5000,
      },
    )
    expect(events.map((event) => event.name)).toContain('handoff_offered')
    // The phone opens the link's page (which spends nothing), then confirms it with the code
    // the desktop shows.
    const page = await fetch(link.value, { redirect: 'manual' })
    expect(page.status).toBe(200)
    const code = document.querySelector('[data-handoff-code]')?.textContent ?? ''
    const exchange = await fetch(link.value, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'sec-fetch-site': 'same-origin',
        origin: new URL(link.value).origin,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `code=${code}`,
    })
    expect(exchange.status).toBe(303)
    await waitFor(() => expect(events.map((event) => event.name)).toContain('handoff_opened'), {
      timeout: 5000,
    })
  })

  it('reports done on the phone once nothing is left to send', async () => {
    const events = renderWithEvents(phoneKit.createCustomer('approved').id, 'phone')
    await waitFor(() => expect(events.map((event) => event.name)).toContain('handoff_done'), {
      timeout: 5000,
    })
  })
})
