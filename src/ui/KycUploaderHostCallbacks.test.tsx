// @vitest-environment jsdom
import { cleanup, configure, render, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { fileOf, pdfBytes } from '../core/testing/files.ts'
import { en } from '../locales/en.ts'
import { KycUploader, type KycUploaderProps } from './KycUploader.tsx'
import { startWidgetSandbox, type WidgetSandbox } from './testing/widgetSandbox.ts'

// A host's handler with a bug in it (the README's onError once called `scrollIntoView`, which
// jsdom lacks): what it throws is the host's to see, and the widget goes on as if it had returned.
configure({ asyncUtilTimeout: 4000 })

let sandbox: WidgetSandbox
const reported: unknown[] = []

beforeAll(async () => {
  sandbox = await startWidgetSandbox({ reviewDelayMs: 300 })
  // What a browser has and jsdom lacks: the page's own error reporting, which trackers hear.
  window.reportError = (error: unknown) => void reported.push(error)
})
afterEach(() => {
  cleanup()
  reported.length = 0
  sandbox.control.reset()
})
afterAll(async () => {
  Reflect.deleteProperty(window, 'reportError')
  await sandbox.close()
})

function throwing(name: string) {
  return vi.fn(() => {
    throw new Error(`${name} has a bug`)
  })
}

function renderWidget(props: Partial<KycUploaderProps> & { customerId: string }) {
  return render(<KycUploader {...sandbox.props} locale={en} {...props} />)
}

const root = () => document.querySelector<HTMLElement>('[data-kyc-uploader]')
const card = (type: string) => document.querySelector<HTMLElement>(`[data-kyc-type="${type}"]`)

describe('host callbacks that throw', () => {
  it('are reported, and an upload still goes through to its review', async () => {
    const customer = sandbox.control.createCustomer('company')
    const onUploaded = throwing('onUploaded')
    const onStatusChange = throwing('onStatusChange')
    renderWidget({ customerId: customer.id, onUploaded, onStatusChange })
    await waitFor(() => expect(root()).toHaveAttribute('data-state', 'ready'))

    const input = card('ccmei')?.querySelector<HTMLInputElement>('input[type=file]')
    await userEvent.upload(input!, fileOf(pdfBytes(), 'ccmei.pdf', 'application/pdf'))
    await waitFor(() => expect(card('ccmei')).toHaveAttribute('data-status', 'approved'))

    expect(onUploaded).toHaveBeenCalledTimes(1)
    expect(onStatusChange).toHaveBeenCalledWith('ccmei', 'approved')
    expect(reported.map(String)).toContain('Error: onUploaded has a bug')
    expect(reported.map(String)).toContain('Error: onStatusChange has a bug')
    // The announcement after the throwing callbacks was still made, and the next upload works.
    expect(within(root()!).getByRole('status')).toHaveTextContent(
      'MEI certificate (CCMEI): Approved',
    )
    const next = card('identity_card_back')?.querySelector<HTMLInputElement>('input[type=file]')
    await userEvent.upload(next!, fileOf(pdfBytes(), 'verso.pdf', 'application/pdf'))
    await waitFor(() =>
      expect(card('identity_card_back')).toHaveAttribute('data-status', 'approved'),
    )
  })

  it('are reported when a load fails, and the widget still offers to try again', async () => {
    const customer = sandbox.control.createCustomer('company')
    const onError = throwing('onError')
    const onUnauthorized = throwing('onUnauthorized')
    renderWidget({
      customerId: customer.id,
      getToken: () => 'not-a-token',
      onError,
      onUnauthorized,
    })
    await waitFor(() => expect(root()).toHaveAttribute('data-state', 'error'))
    expect(onError).toHaveBeenCalled()
    expect(onUnauthorized).toHaveBeenCalled()
    expect(reported.map(String)).toEqual(
      expect.arrayContaining(['Error: onError has a bug', 'Error: onUnauthorized has a bug']),
    )
    expect(within(root()!).getByRole('button', { name: 'Try again' })).toBeVisible()
  })

  it('are reported when everything is approved or biometrics starts, and the widget stays', async () => {
    const approved = sandbox.control.createCustomer('approved')
    const onComplete = vi.fn(async () => Promise.reject(new Error('onComplete has a bug')))
    renderWidget({ customerId: approved.id, onComplete })
    await waitFor(() => expect(reported.map(String)).toContain('Error: onComplete has a bug'))
    expect(root()).toHaveAttribute('data-state', 'ready')
    cleanup()

    const mixed = sandbox.control.createCustomer('mixed')
    const onBiometrics = throwing('onBiometrics')
    renderWidget({ customerId: mixed.id, onBiometrics })
    await waitFor(() => expect(root()).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(within(card('biometrics')!).getByRole('button'))
    expect(onBiometrics).toHaveBeenCalledTimes(1)
    expect(reported.map(String)).toContain('Error: onBiometrics has a bug')
    expect(root()).toHaveAttribute('data-state', 'ready')
  })
})
