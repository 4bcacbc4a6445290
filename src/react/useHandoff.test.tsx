// @vitest-environment jsdom
// The desktop's side of the hand-off against the real proxy, in process (its handler is a
// Web-standard function): a link, the phone opening it, a proxy without the option.
import { act, renderHook, waitFor } from '@testing-library/react'
import { QueryClient } from '@tanstack/react-query'
import { createKycProxy } from '../server/index.ts'
import { createMemoryStore } from '../server/store/memory-store.ts'
import { useHandoff } from './useHandoff.ts'

const customerId = `cust_${'c'.repeat(32)}`

function inProcess(handoff: boolean) {
  const proxy = createKycProxy({
    providerBaseUrl: 'https://provider.invalid/v3',
    clientId: 'id',
    clientSecret: 'secret',
    prefix: '/api/kyc',
    store: createMemoryStore(),
    authorize: () => customerId,
    log: () => {},
    ...(handoff ? { handoff: { pageUrl: '/phone.html' } } : {}),
  })
  const fetchFn = ((input: RequestInfo | URL, init?: RequestInit) =>
    proxy(new Request(new URL(String(input), 'http://localhost'), init))) as typeof fetch
  return { proxy, fetchFn }
}

function render(fetchFn: typeof fetch) {
  return renderHook(() =>
    useHandoff({
      enabled: true,
      request: { baseUrl: '/api/kyc', customerId, fetch: fetchFn },
      queryClient: new QueryClient(),
      customerKey: ['customer'],
    }),
  )
}

it('asks for a link, counts its time down, and sees the phone open it', async () => {
  const { proxy, fetchFn } = inProcess(true)
  const { result, unmount } = render(fetchFn)
  expect(result.current.snapshot.state).toBe('idle')
  act(() => result.current.start())
  expect(result.current.snapshot.state).toBe('issuing')
  await waitFor(() => expect(result.current.snapshot.state).toBe('waiting'))
  const url = result.current.snapshot.url ?? ''
  // On the page's origin, where the widget's relative base URL sent the request.
  expect(url.startsWith(`${location.origin}/api/kyc/handoff/`)).toBe(true)
  expect(result.current.secondsLeft).toBeGreaterThan(590)
  expect(result.current.secondsLeft).toBeLessThanOrEqual(600)
  expect((await proxy(new Request(url))).status).toBe(303)
  await waitFor(() => expect(result.current.snapshot.state).toBe('used'), { timeout: 5000 })
  unmount()
})

it('a proxy without the hand-off (404) makes it unavailable; closing goes back to the button', async () => {
  const { fetchFn } = inProcess(false)
  const { result } = render(fetchFn)
  act(() => result.current.start())
  await waitFor(() => expect(result.current.snapshot.state).toBe('unavailable'))

  const other = render(inProcess(true).fetchFn)
  act(() => other.result.current.start())
  act(() => other.result.current.close())
  expect(other.result.current.snapshot.state).toBe('idle')
  // The answer to the abandoned request changes nothing.
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(other.result.current.snapshot.state).toBe('idle')
})
