// A phone's session as an actor of its own (issue 18, items 5 and 6): its reads and streams are
// counted apart from the desktop's, and its streams end when the session does.
import { closeEventStreams, openEvents } from '../testing/sse.ts'
import { confirm, cookieOf, HANDOFF, issue } from '../testing/handoff.ts'
import { type Stack, startStack } from '../testing/stack.ts'

let stack: Stack | undefined

afterEach(async () => {
  closeEventStreams()
  await stack?.close()
  stack = undefined
})

async function phoneOf(current: Stack) {
  const desktop = current.signIn()
  const link = await issue(current, desktop.customer.id, desktop.cookie)
  return { ...desktop, link, phone: cookieOf(await confirm(link)) }
}

it('the phone’s reads use its own limit: the desktop keeps reading while the phone is refused', async () => {
  stack = await startStack({
    proxy: { handoff: HANDOFF, sessionReadLimit: { limit: 3, windowMs: 60_000 } },
  })
  const { customer, cookie, phone } = await phoneOf(stack)
  const read = (who: string) => stack?.request(`/customers/${customer.id}`, { cookie: who })
  const phoneReads = []
  for (let index = 0; index < 4; index += 1) phoneReads.push((await read(phone))?.status)
  expect(phoneReads).toEqual([200, 200, 200, 429])
  for (let index = 0; index < 3; index += 1) expect((await read(cookie))?.status).toBe(200)
  expect((await read(cookie))?.status).toBe(429)
})

it('streams are capped per actor: the host’s and the phone’s count apart', async () => {
  stack = await startStack({
    webhooks: true,
    proxy: { handoff: HANDOFF, events: { maxStreamsPerSession: 1 } },
  })
  const { customer, cookie, phone } = await phoneOf(stack)
  const url = `${stack.api}/customers/${customer.id}/events`
  expect((await openEvents(url, { cookie })).response.status).toBe(200)
  expect((await openEvents(url, { cookie: phone })).response.status).toBe(200)
  expect((await openEvents(url, { cookie })).response.status).toBe(429)
  expect((await openEvents(url, { cookie: phone })).response.status).toBe(429)
})

it('past the instance’s stream cap: 503 with Retry-After (the widget then polls)', async () => {
  stack = await startStack({ webhooks: true, proxy: { events: { maxStreams: 2 } } })
  const users = [stack.signIn(), stack.signIn(), stack.signIn()]
  const statuses = []
  let retryAfter: string | null = null
  for (const { customer, cookie } of users) {
    const stream = await openEvents(`${stack.api}/customers/${customer.id}/events`, { cookie })
    statuses.push(stream.response.status)
    retryAfter ??= stream.response.headers.get('retry-after')
  }
  expect(statuses).toEqual([200, 200, 503])
  expect(Number(retryAfter)).toBeGreaterThan(0)
})

it('a phone’s stream closes when the desktop ends its session, and when it expires', async () => {
  stack = await startStack({
    webhooks: true,
    proxy: { handoff: { ...HANDOFF, sessionTtlMs: 1500 }, events: { heartbeatMs: 60_000 } },
  })
  const { customer, cookie, link, phone } = await phoneOf(stack)
  const url = `${stack.api}/customers/${customer.id}/events`
  const ended = await openEvents(url, { cookie: phone })
  const hostStream = await openEvents(url, { cookie })
  await vi.waitFor(() => expect(ended.events).toHaveLength(1), { timeout: 5000 })
  const end = await stack.request(`/customers/${customer.id}/handoff/${link.id}`, {
    method: 'DELETE',
    cookie,
  })
  expect(end.status).toBe(204)
  await vi.waitFor(() => expect(ended.ended()).toBe(true), { timeout: 1000 })
  expect(hostStream.ended()).toBe(false)

  // A new session, left to expire: its stream closes with it, though heartbeats are far off.
  const next = cookieOf(await confirm(await issue(stack, customer.id, cookie)))
  const expiring = await openEvents(url, { cookie: next })
  const opened = Date.now()
  await vi.waitFor(() => expect(expiring.ended()).toBe(true), { timeout: 3000 })
  expect(Date.now() - opened).toBeLessThan(2500)
  expect(hostStream.ended()).toBe(false)
})
