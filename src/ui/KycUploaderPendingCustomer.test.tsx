// @vitest-environment jsdom
// A host that learns the customer id after its first render (a session still loading) mounts
// the widget at once with an empty id: it holds its loading state, and the room its cards will
// take, without a request, and loads as soon as the id arrives.
import { cleanup, render, waitFor } from '@testing-library/react'
import { en } from '../locales/en.ts'
import { KycUploader } from './KycUploader.tsx'
import { startWidgetSandbox, type WidgetSandbox } from './testing/widgetSandbox.ts'

let sandbox: WidgetSandbox

beforeAll(async () => {
  sandbox = await startWidgetSandbox({ reviewDelayMs: 300 })
})
afterEach(() => cleanup())
afterAll(() => sandbox.close())

it('waits in its loading state for a customer id, then loads that customer', async () => {
  const customer = sandbox.control.createCustomer('company')
  const widget = (customerId: string) => (
    <KycUploader
      customerId={customerId}
      baseUrl={sandbox.url}
      getToken={sandbox.getToken}
      fetch={sandbox.fetch}
      locale={en}
    />
  )
  const view = render(widget(''))
  const root = view.container.querySelector('[data-kyc-uploader]')
  expect(root).toHaveAttribute('data-state', 'loading')
  expect(root).toHaveTextContent(en.strings['state.loading'])
  await new Promise((resolve) => setTimeout(resolve, 200))
  expect(sandbox.reads).toHaveLength(0)
  expect(root).toHaveAttribute('data-state', 'loading')

  view.rerender(widget(customer.id))
  await waitFor(() => expect(root).toHaveAttribute('data-state', 'ready'))
  expect(view.container.querySelectorAll('li.kyc-card')).toHaveLength(4)
  expect(sandbox.reads.length).toBeGreaterThan(0)
})
