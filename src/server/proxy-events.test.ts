// Push (issue #10): Server-Sent Events of a customer's status, fed by the real sandbox's webhooks.
import type { PublicCustomer } from './public-fields.ts'
import { createMemoryStore } from './store/memory-store.ts'
import type { KycStore } from './store/types.ts'
import { multipartPdf, postStream } from './testing/http.ts'
import { closeEventStreams, openEvents } from './testing/sse.ts'
import { type Stack, startStack } from './testing/stack.ts'

let stack: Stack | undefined

afterEach(async () => {
  closeEventStreams()
  await stack?.close()
  stack = undefined
})

/** A memory store that counts its open subscriptions. */
function countingStore(): { store: KycStore; subscriptions: () => number } {
  const store = createMemoryStore()
  let open = 0
  return {
    store: {
      ...store,
      async subscribe(channel, listener) {
        const stop = await store.subscribe(channel, listener)
        open += 1
        return async () => {
          open -= 1
          await stop()
        }
      },
    },
    subscriptions: () => open,
  }
}

const statusOf = (customer: PublicCustomer | undefined, type: string) =>
  customer?.kyc.find((item) => item.type === type)?.status

const customerReads = (s: Stack) =>
  s.calls.filter((call) => call.method === 'GET' && /\/customers\/[^/]+$/.test(call.url)).length

it('sends the status now, then each change as its webhook arrives; heartbeats between', async () => {
  stack = await startStack({
    webhooks: true,
    sandbox: { reviewDelayMs: 300 },
    proxy: { events: { heartbeatMs: 100 } },
  })
  const { customer, cookie } = stack.signIn()
  const stream = await openEvents(`${stack.api}/customers/${customer.id}/events`, { cookie })
  expect(stream.response.status).toBe(200)
  expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/)
  await vi.waitFor(() => expect(stream.events).toHaveLength(1), { timeout: 5000 })
  expect(statusOf(stream.events[0]?.customer, 'ccmei')).toBe('pending')

  const upload = await postStream(
    `${stack.api}/customers/${customer.id}/documents`,
    multipartPdf({ type: 'ccmei', fileSize: 8192 }),
    { cookie },
  )
  expect(upload.status).toBe(201)
  const readsBefore = customerReads(stack)
  await vi.waitFor(
    () => expect(statusOf(stream.events.at(-1)?.customer, 'ccmei')).toBe('approved'),
    { timeout: 5000 },
  )
  // The decision came with the provider's webhook: the proxy did not read the customer for it.
  // (How soon after the decision it reaches a browser is measured by `npm run bench -- scale`.)
  expect(customerReads(stack)).toBe(readsBefore)
  expect(stream.events.map((event) => statusOf(event.customer, 'ccmei'))).toContain('submitted')
  expect(stream.heartbeats()).toBeGreaterThan(0)
  // Every event is the public view only.
  for (const event of stream.events)
    expect(Object.keys(event.customer).sort()).toEqual(['id', 'kyc', 'status'])
})

it('a reconnect whose Last-Event-ID names the current status gets no repeat; a stale one is resynced', async () => {
  stack = await startStack({ webhooks: true })
  const { customer, cookie } = stack.signIn()
  const first = await openEvents(`${stack.api}/customers/${customer.id}/events`, { cookie })
  await vi.waitFor(() => expect(first.events).toHaveLength(1), { timeout: 5000 })
  const current = first.events[0]?.id ?? ''
  first.close()

  const same = await openEvents(`${stack.api}/customers/${customer.id}/events`, {
    cookie,
    'last-event-id': current,
  })
  const stale = await openEvents(`${stack.api}/customers/${customer.id}/events`, {
    cookie,
    'last-event-id': '1-old',
  })
  await vi.waitFor(() => expect(stale.events).toHaveLength(1), { timeout: 5000 })
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(same.events).toEqual([])
  expect(stale.events[0]?.id).toBe(current)
})

it('is authorised like the read: 401 without a session, 404 for another customer', async () => {
  stack = await startStack({ webhooks: true })
  const alice = stack.signIn()
  const bob = stack.signIn()
  const anonymous = await openEvents(`${stack.api}/customers/${alice.customer.id}/events`, {})
  expect(anonymous.response.status).toBe(401)
  const other = await openEvents(`${stack.api}/customers/${alice.customer.id}/events`, {
    cookie: bob.cookie,
  })
  expect(other.response.status).toBe(404)
  expect(await other.response.json()).toMatchObject({ code: 'customer_not_found' })
})

it('an event for another customer never reaches this stream', async () => {
  stack = await startStack({ webhooks: true, sandbox: { reviewDelayMs: 50 } })
  const alice = stack.signIn()
  const bob = stack.signIn()
  const stream = await openEvents(`${stack.api}/customers/${alice.customer.id}/events`, {
    cookie: alice.cookie,
  })
  await vi.waitFor(() => expect(stream.events).toHaveLength(1), { timeout: 5000 })
  const upload = await postStream(
    `${stack.api}/customers/${bob.customer.id}/documents`,
    multipartPdf({ type: 'ccmei', fileSize: 8192 }),
    { cookie: bob.cookie },
  )
  expect(upload.status).toBe(201)
  await vi.waitFor(() =>
    expect(
      stack?.lines.filter((line) => line.includes('/webhooks 204')).length,
    ).toBeGreaterThanOrEqual(2),
  )
  await new Promise((resolve) => setTimeout(resolve, 200))
  expect(stream.events.map((event) => event.customer.id)).toEqual([alice.customer.id])
})

it('caps the streams of one session, and releases everything when the browser leaves', async () => {
  const counted = countingStore()
  stack = await startStack({
    webhooks: true,
    proxy: { store: counted.store, events: { maxStreamsPerSession: 2 } },
  })
  const { customer, cookie } = stack.signIn()
  const url = `${stack.api}/customers/${customer.id}/events`
  const a = await openEvents(url, { cookie })
  const b = await openEvents(url, { cookie })
  const c = await openEvents(url, { cookie })
  expect([a.response.status, b.response.status, c.response.status]).toEqual([200, 200, 429])
  expect(c.response.headers.get('retry-after')).toBe('30')
  await vi.waitFor(() => expect(counted.subscriptions()).toBe(2))
  a.close()
  b.close()
  await vi.waitFor(() => expect(counted.subscriptions()).toBe(0))
  const again = await openEvents(url, { cookie })
  expect(again.response.status).toBe(200)
})
