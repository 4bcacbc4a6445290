// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react'
import { QueryClient } from '@tanstack/react-query'
import { createKycClient } from '../api/client.ts'
import { pdfBytes } from '../core/testing/files.ts'
import { createSandbox, type Sandbox } from '../sandbox/index.ts'
import { multipartUpload, sandboxToken } from '../ui/testing/widgetSandbox.ts'
import { useCustomerQuery } from './useCustomerQuery.ts'

// The real sandbox handler in process, on a fake clock: minutes of polling in milliseconds.
let sandbox: Sandbox
let token: string
let reads: number[]

const baseUrl = 'http://sandbox.test/v3'

async function call(path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  if (token) headers.set('authorization', `Bearer ${token}`)
  return sandbox.fetch(new Request(`${baseUrl}${path}`, { ...init, headers }))
}

beforeEach(async () => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  })
  sandbox = createSandbox({ reviewDelayMs: 60_000 })
  token = await sandboxToken(baseUrl, (input, init) => sandbox.fetch(new Request(input, init)))
  reads = []
})

afterEach(() => {
  sandbox.close()
  vi.useRealTimers()
})

async function submit(customerId: string, type: string) {
  const upload = multipartUpload(type, pdfBytes(), `${type}.pdf`, 'application/pdf')
  const response = await call(`/customers/${customerId}/documents`, {
    method: 'POST',
    headers: { 'content-type': upload.contentType },
    body: upload.body,
  })
  expect(response.status).toBe(201)
}

function renderCustomerQuery(customerId: string, pollInterval?: number) {
  const client = createKycClient({
    baseUrl,
    getToken: () => token,
    fetch: (input, init) => {
      reads.push(Date.now())
      return sandbox.fetch(new Request(input, init))
    },
  })
  const queryClient = new QueryClient()
  queryClient.mount()
  const hook = renderHook(() =>
    useCustomerQuery({ client, queryClient, baseUrl, customerId, pollInterval }),
  )
  return { ...hook, queryClient }
}

/** Testing Library's waitFor would wait on the fake clock; run the microtasks by hand instead. */
async function untilLoaded(data: () => unknown) {
  for (let turn = 0; turn < 50 && data() === undefined; turn += 1) {
    await act(() => vi.advanceTimersByTimeAsync(0))
  }
  expect(data()).toBeDefined()
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((time, index) => time - (times[index] ?? 0))
}

it('polls while a document is in review, from 2 s backing off to 30 s, and stops after the review', async () => {
  const customer = sandbox.control.createCustomer('person-cnh')
  await submit(customer.id, 'cnh')
  const { result } = renderCustomerQuery(customer.id)
  await untilLoaded(() => result.current.data)

  await act(() => vi.advanceTimersByTimeAsync(59_000))
  expect(gaps(reads)).toEqual([2000, 3000, 4500, 6750, 10125, 15188])
  expect(result.current.data?.kyc[0]?.status).toBe('submitted')

  // The review lands at 60 s; the next poll sees it, and polling ends.
  await act(() => vi.advanceTimersByTimeAsync(30_000))
  expect(result.current.data?.kyc[0]?.status).toBe('approved')
  const count = reads.length
  await act(() => vi.advanceTimersByTimeAsync(10 * 60_000))
  expect(reads).toHaveLength(count)
})

it('does not poll when nothing is in review', async () => {
  const customer = sandbox.control.createCustomer('company')
  const { result } = renderCustomerQuery(customer.id)
  await untilLoaded(() => result.current.data)
  await act(() => vi.advanceTimersByTimeAsync(5 * 60_000))
  expect(reads).toHaveLength(1)
})

it('starts the backoff again when a poll brings news', async () => {
  const customer = sandbox.control.createCustomer('company')
  await submit(customer.id, 'ccmei')
  sandbox.control.setReviewDelay(10 * 60_000)
  const { result } = renderCustomerQuery(customer.id)
  await untilLoaded(() => result.current.data)
  await act(() => vi.advanceTimersByTimeAsync(9_600))
  expect(gaps(reads)).toEqual([2000, 3000, 4500])

  await submit(customer.id, 'selfie') // news for the next poll, due at 16 250 ms
  await act(() => vi.advanceTimersByTimeAsync(12_000))
  expect(gaps(reads)).toEqual([2000, 3000, 4500, 6750, 2000, 3000])
})

it('keeps a fixed interval when one is given', async () => {
  const customer = sandbox.control.createCustomer('person-cnh')
  await submit(customer.id, 'cnh')
  const { result } = renderCustomerQuery(customer.id, 5000)
  await untilLoaded(() => result.current.data)
  await act(() => vi.advanceTimersByTimeAsync(20_500))
  expect(gaps(reads)).toEqual([5000, 5000, 5000, 5000])
})

it('pauses while the page is hidden and catches up when it is shown again', async () => {
  const customer = sandbox.control.createCustomer('person-cnh')
  await submit(customer.id, 'cnh')
  const { result } = renderCustomerQuery(customer.id)
  await untilLoaded(() => result.current.data)

  const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
  await act(() => vi.advanceTimersByTimeAsync(120_000))
  expect(reads).toHaveLength(1)

  visibility.mockReturnValue('visible')
  await act(async () => {
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
    await vi.advanceTimersByTimeAsync(0)
  })
  expect(reads).toHaveLength(2)
  expect(result.current.data?.kyc[0]?.status).toBe('approved')
})
