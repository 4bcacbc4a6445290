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
    // The provider, at the boundary: a token and the customer the link's page names.
    fetch: async (url) =>
      Response.json(
        url.endsWith('/auth/token')
          ? { access_token: 'tok', expires_in: 3600 }
          : { id: customerId, status: 'pending_kyc', name: 'Ana Lima', kyc: [] },
      ),
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

it('asks for a link and its code, counts its time down, sees the phone open it, and ends its session', async () => {
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
  const code = result.current.snapshot.code ?? ''
  expect(code).toMatch(/^\d{4}$/)
  // The link's page spends nothing; the phone continues with the code.
  expect((await proxy(new Request(url))).status).toBe(200)
  const opened = await proxy(
    new Request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `code=${code}`,
    }),
  )
  expect(opened.status).toBe(303)
  await waitFor(() => expect(result.current.snapshot.state).toBe('used'), { timeout: 5000 })
  const phone = (opened.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const session = () =>
    proxy(new Request('http://localhost/api/kyc/handoff', { headers: { cookie: phone } }))
  expect((await session()).status).toBe(200)
  act(() => result.current.end())
  expect(result.current.snapshot.state).toBe('idle')
  await waitFor(async () => expect((await session()).status).toBe(401))
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
