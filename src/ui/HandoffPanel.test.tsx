// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { en } from '../locales/en.ts'
import type { HandoffView } from '../react/types.ts'
import { HandoffPanel } from './HandoffPanel.tsx'

afterEach(cleanup)

const URL_ = 'http://localhost:5173/api/kyc/handoff/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-ABCDE'

function view(state: HandoffView['state'], extra: Partial<HandoffView> = {}): HandoffView {
  return {
    state,
    url: state === 'waiting' ? URL_ : null,
    code: state === 'waiting' ? '0427' : null,
    secondsLeft: 599,
    error: null,
    start: vi.fn(),
    close: vi.fn(),
    end: vi.fn(),
    ...extra,
  }
}

it('offers the hand-off as a button, which asks for a link', async () => {
  const handoff = view('idle')
  render(<HandoffPanel handoff={handoff} strings={en.strings} />)
  const button = screen.getByRole('button', { name: 'Continue on the phone' })
  expect(button).toHaveAttribute('data-action', 'handoff')
  await userEvent.click(button)
  expect(handoff.start).toHaveBeenCalledOnce()
})

it('while waiting: the QR code of the link (an SVG, no style attribute), the link to copy, the time left', async () => {
  const { container } = render(<HandoffPanel handoff={view('waiting')} strings={en.strings} />)
  // The QR code and the rest come in a chunk of their own; the status line is there at once.
  expect(screen.getByRole('status')).toHaveTextContent('Scan this code')
  const qr = await screen.findByRole('img', { name: 'QR code of the link for your phone' })
  // Focus moves in an effect after the chunk's first render.
  await waitFor(() => expect(qr.closest('[role="group"]')).toHaveFocus())
  expect(qr.tagName.toLowerCase()).toBe('svg')
  expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/)
  expect(container.querySelector('[style]')).toBeNull()
  expect(screen.getByLabelText('Link for your phone')).toHaveValue(URL_)
  expect(screen.getByText('The link works for 9:59 more, once.')).toBeInTheDocument()
  // The code the phone types to confirm the link, beside the QR code.
  expect(container.querySelector('.kyc-handoff__code')).toHaveTextContent(
    'On the phone, type the code 0427',
  )
  expect(container.querySelector('[data-handoff-code]')).toHaveTextContent('0427')
  // The link names this machine: a phone cannot open it, and the panel says what to set.
  expect(container.querySelector('[data-handoff-note="loopback"]')).toHaveTextContent(
    'A phone cannot open localhost:5173: set the proxy’s handoff.publicOrigin.',
  )
  const writeText = vi.fn(() => Promise.resolve())
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
  await userEvent.click(screen.getByRole('button', { name: 'Copy link' }))
  expect(writeText).toHaveBeenCalledWith(URL_)
  await waitFor(() =>
    expect(screen.getByRole('button', { name: 'Link copied' })).toBeInTheDocument(),
  )
})

it('says when the phone opened the link, when it expired (with a new link), and when the proxy has none', async () => {
  const used = view('used')
  const { rerender } = render(<HandoffPanel handoff={used} strings={en.strings} />)
  expect(await screen.findByRole('status')).toHaveTextContent('Opened on your phone')
  expect(screen.queryByRole('img')).toBeNull()
  await userEvent.click(screen.getByRole('button', { name: 'End on the phone' }))
  expect(used.end).toHaveBeenCalledOnce()
  const expired = view('expired')
  rerender(<HandoffPanel handoff={expired} strings={en.strings} />)
  expect(screen.getByRole('status')).toHaveTextContent('This link has expired')
  await userEvent.click(await screen.findByRole('button', { name: 'Make a new link' }))
  expect(expired.start).toHaveBeenCalledOnce()
  await userEvent.click(screen.getByRole('button', { name: 'Close' }))
  expect(expired.close).toHaveBeenCalledOnce()
  const idle = view('idle')
  rerender(<HandoffPanel handoff={idle} strings={en.strings} />)
  expect(screen.getByRole('button', { name: 'Continue on the phone' })).toHaveFocus()
  rerender(<HandoffPanel handoff={view('unavailable')} strings={en.strings} />)
  expect(screen.getByText('Continuing on the phone is not available here.')).toBeInTheDocument()
  expect(screen.queryByRole('button')).toBeNull()
})

it('is not offered on a touch screen, where the camera is already in hand', () => {
  const matchMedia = vi.fn((query: string) => ({
    matches: query === '(pointer: coarse)',
    addEventListener: () => {},
    removeEventListener: () => {},
  }))
  vi.stubGlobal('matchMedia', matchMedia)
  try {
    render(<HandoffPanel handoff={view('idle')} strings={en.strings} />)
    expect(screen.queryByRole('button')).toBeNull()
  } finally {
    vi.unstubAllGlobals()
  }
})

it('a link on a public address gets no loopback note', async () => {
  const { container } = render(
    <HandoffPanel
      handoff={view('waiting', { url: 'https://app.example.com/api/kyc/handoff/x' })}
      strings={en.strings}
    />,
  )
  await screen.findByRole('img')
  expect(container.querySelector('[data-handoff-note]')).toBeNull()
})
