// Tokens over real HTTP against the sandbox: shared, cached, refreshed once when refused.
import { multipartPdf, postStream } from './testing/http.ts'
import { scopedIdempotencyKey } from './upload-document.ts'
import { type Stack, startStack } from './testing/stack.ts'

let stack: Stack

beforeEach(async () => {
  stack = await startStack()
})
afterEach(async () => {
  await stack.close()
})

const tokenRequests = () => stack.calls.filter((call) => call.url.endsWith('/auth/token'))

it('one token request for a hundred concurrent calls, then none while it is valid', async () => {
  const { customer, cookie } = stack.signIn()
  const responses = await Promise.all(
    Array.from({ length: 100 }, () => stack.request(`/customers/${customer.id}`, { cookie })),
  )
  expect(responses.map((response) => response.status)).toEqual(Array(100).fill(200))
  expect(tokenRequests()).toHaveLength(1)
  await stack.request(`/customers/${customer.id}`, { cookie })
  expect(tokenRequests()).toHaveLength(1)
})

it('asks with HTTP Basic client credentials and the form grant', async () => {
  const { customer, cookie } = stack.signIn()
  await stack.request(`/customers/${customer.id}`, { cookie })
  const [tokenCall] = tokenRequests()
  expect(tokenCall?.method).toBe('POST')
  expect(tokenCall?.headers.authorization).toMatch(/^Basic [A-Za-z0-9+/=]+$/)
  expect(tokenCall?.headers['content-type']).toBe('application/x-www-form-urlencoded')
  const customerCall = stack.calls.find((call) => call.url.endsWith(customer.id))
  expect(customerCall?.headers.authorization).toBe(`Bearer ${stack.tokens[0]}`)
})

it('token_expired on a read: one refresh and the call retried, invisible to the browser', async () => {
  const { customer, cookie } = stack.signIn()
  await stack.request(`/customers/${customer.id}`, { cookie })
  stack.sandbox.sandbox.control.expireTokens()
  const responses = await Promise.all(
    Array.from({ length: 20 }, () => stack.request(`/customers/${customer.id}`, { cookie })),
  )
  expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200))
  expect(tokenRequests()).toHaveLength(2) // twenty refusals, one refresh
  const refused = stack.calls.filter((call) => call.status === 401)
  expect(refused.length).toBeGreaterThanOrEqual(1)
  expect(refused.every((call) => call.headers.authorization === `Bearer ${stack.tokens[0]}`)).toBe(
    true,
  )
})

it('token_expired on an upload: 503 token_expired to retry; the retry with the same key stores one document', async () => {
  const { customer, cookie } = stack.signIn()
  await stack.request(`/customers/${customer.id}`, { cookie })
  stack.sandbox.sandbox.control.expireTokens()
  const url = `${stack.api}/customers/${customer.id}/documents`
  const key = crypto.randomUUID()
  const headers = { cookie, 'idempotency-key': key }
  const first = await postStream(
    url,
    multipartPdf({ type: 'ccmei', fileSize: 256 * 1024 }),
    headers,
  )
  expect(first.status).toBe(503)
  expect(first.headers.get('retry-after')).toBe('1')
  expect(await first.json()).toMatchObject({ code: 'token_expired', status: 503 })
  expect(stack.sandbox.sandbox.control.documents(customer.id)).toEqual([])

  const retry = await postStream(
    url,
    multipartPdf({ type: 'ccmei', fileSize: 256 * 1024 }),
    headers,
  )
  expect(retry.status).toBe(201)
  expect(tokenRequests()).toHaveLength(2)
  const stored = stack.sandbox.sandbox.control.documents(customer.id)
  expect(stored).toHaveLength(1)
  expect(stored[0]?.idempotency_key).toBe(await scopedIdempotencyKey(customer.id, key))
})
