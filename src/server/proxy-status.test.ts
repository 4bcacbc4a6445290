// The status service (issue #10): reads served from the status store, one provider call for
// everyone asking, webhooks from the real sandbox applied at once and verified, serve-stale.
import { Webhook } from 'standardwebhooks'
import type { PublicCustomer } from './public-fields.ts'
import { createKycProxy } from './index.ts'
import { multipartPdf, postStream } from './testing/http.ts'
import { type Stack, startStack, WEBHOOK_SECRET } from './testing/stack.ts'

let stack: Stack | undefined

afterEach(async () => {
  await stack?.close()
  stack = undefined
})

const customerReads = (s: Stack, id: string) =>
  s.calls.filter((call) => call.method === 'GET' && call.url.endsWith(`/customers/${id}`))

async function readAs(s: Stack, id: string, cookie: string) {
  const response = await s.request(`/customers/${id}`, { cookie })
  return { response, body: (await response.json()) as PublicCustomer }
}

const statusOf = (customer: PublicCustomer, type: string) =>
  customer.kyc.find((item) => item.type === type)?.status

describe('reads come from the status store', () => {
  it('twenty users, tabs or devices reading one customer at once cost one provider call, and none while fresh', async () => {
    stack = await startStack({ proxy: { statusMaxAgeMs: 5000 } })
    const { customer } = stack.signIn()
    const cookies = Array.from({ length: 20 }, () => stack?.cookieFor(customer.id) ?? '')
    const answers = await Promise.all(
      cookies.map((cookie) => readAs(stack as Stack, customer.id, cookie)),
    )
    expect(answers.map(({ response }) => response.status)).toEqual(cookies.map(() => 200))
    expect(new Set(answers.map(({ body }) => JSON.stringify(body))).size).toBe(1)
    expect(customerReads(stack, customer.id)).toHaveLength(1)
    const again = await readAs(stack, customer.id, cookies[0] ?? '')
    expect(again.response.status).toBe(200)
    expect(customerReads(stack, customer.id)).toHaveLength(1)
  })

  it('an upload’s 201 updates the status at once, without asking the provider', async () => {
    stack = await startStack({ proxy: { statusMaxAgeMs: 60_000 } })
    const { customer, cookie } = stack.signIn()
    await readAs(stack, customer.id, cookie)
    const response = await postStream(
      `${stack.api}/customers/${customer.id}/documents`,
      multipartPdf({ type: 'ccmei', fileSize: 8192 }),
      { cookie },
    )
    expect(response.status).toBe(201)
    const { body } = await readAs(stack, customer.id, cookie)
    expect(statusOf(body, 'ccmei')).toBe('submitted')
    expect(customerReads(stack, customer.id)).toHaveLength(1)
  })

  it('when the provider fails, the last known status is served with its age', async () => {
    stack = await startStack({ proxy: { statusMaxAgeMs: 0 } })
    const { customer, cookie } = stack.signIn()
    const first = await readAs(stack, customer.id, cookie)
    stack.sandbox.sandbox.control.injectFault({ route: 'customer', kind: '500', times: 2 })
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const stale = await readAs(stack, customer.id, cookie)
    expect(stale.response.status).toBe(200)
    expect(stale.body).toEqual(first.body)
    expect(stale.response.headers.get('x-kyc-stale')).toBe('true')
    expect(Number(stale.response.headers.get('age'))).toBeGreaterThanOrEqual(1)
  })
})

describe('webhooks', () => {
  it('the sandbox’s review reaches the store by webhook: the next read shows it, no provider call', async () => {
    stack = await startStack({ webhooks: true, sandbox: { reviewDelayMs: 50 } })
    const { customer, cookie } = stack.signIn()
    await readAs(stack, customer.id, cookie)
    const upload = await postStream(
      `${stack.api}/customers/${customer.id}/documents`,
      multipartPdf({ type: 'ccmei', fileSize: 8192 }),
      { cookie },
    )
    expect(upload.status).toBe(201)
    await vi.waitFor(async () => {
      const { body } = await readAs(stack as Stack, customer.id, cookie)
      expect(statusOf(body, 'ccmei')).toBe('approved')
    })
    expect(customerReads(stack, customer.id)).toHaveLength(1)
  })

  describe('verification', () => {
    const signer = new Webhook(WEBHOOK_SECRET)
    const event = (customer: PublicCustomer, at: number) =>
      JSON.stringify({
        type: 'customer.kyc_updated',
        timestamp: new Date(at).toISOString(),
        data: { ...customer, external_id: null },
      })

    function deliver(
      body: string,
      options: {
        id?: string
        at?: number
        signer?: Webhook
        headers?: Record<string, string>
        /** Sign this, then send `body`: a body changed on the way. */
        signed?: string
      } = {},
    ) {
      const id = options.id ?? `msg_${crypto.randomUUID().replace(/-/g, '')}`
      const at = new Date(Math.floor((options.at ?? Date.now()) / 1000) * 1000)
      return fetch(`${stack?.api}/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(at.getTime() / 1000),
          'webhook-signature': (options.signer ?? signer).sign(id, at, options.signed ?? body),
          ...options.headers,
        },
        body,
      })
    }

    async function known(): Promise<{ customer: PublicCustomer; cookie: string }> {
      const { customer, cookie } = stack?.signIn() ?? { customer: null, cookie: '' }
      if (!customer) throw new Error('no stack')
      const { body } = await readAs(stack as Stack, customer.id, cookie)
      return { customer: body, cookie }
    }

    const approved = (customer: PublicCustomer): PublicCustomer => ({
      ...customer,
      kyc: customer.kyc.map((item) => ({ ...item, status: 'approved' })),
    })

    it('applies a signed event; refuses a bad signature, another secret, an old timestamp', async () => {
      stack = await startStack({ webhooks: true, proxy: { statusMaxAgeMs: 60_000 } })
      const { customer, cookie } = await known()
      const body = event(approved(customer), Date.now())
      const otherSecret = `whsec_${Buffer.from('some-other-webhook-key!!').toString('base64')}`
      const refused = [
        await deliver(body, { headers: { 'webhook-signature': 'v1,AAAA' } }),
        await deliver(body, { signer: new Webhook(otherSecret) }),
        await deliver(body, { at: Date.now() - 6 * 60 * 1000 }),
        await deliver(body.replace('approved', 'rejected'), { signed: body }),
      ]
      for (const response of refused) {
        expect(response.status).toBe(401)
        expect(await response.json()).toMatchObject({ code: 'invalid_signature' })
      }
      expect(statusOf((await readAs(stack, customer.id, cookie)).body, 'ccmei')).toBe('pending')

      expect((await deliver(body)).status).toBe(204)
      expect(statusOf((await readAs(stack, customer.id, cookie)).body, 'ccmei')).toBe('approved')
    })

    it('a replayed webhook-id is acknowledged and not applied twice; an older event never overwrites a newer', async () => {
      stack = await startStack({ webhooks: true, proxy: { statusMaxAgeMs: 60_000 } })
      const { customer, cookie } = await known()
      const now = Date.now()
      const first = await deliver(event(approved(customer), now), { id: 'msg_same' })
      expect(first.headers.get('x-kyc-webhook')).toBe('applied')
      const replay = await deliver(event(customer, now + 1000), { id: 'msg_same' })
      expect(replay.status).toBe(204)
      expect(replay.headers.get('x-kyc-webhook')).toBe('duplicate')
      expect(statusOf((await readAs(stack, customer.id, cookie)).body, 'ccmei')).toBe('approved')

      const late = await deliver(event(customer, now - 60_000))
      expect(late.status).toBe(204)
      expect(late.headers.get('x-kyc-webhook')).toBe('outdated')
      expect(statusOf((await readAs(stack, customer.id, cookie)).body, 'ccmei')).toBe('approved')
    })

    it('an unknown event type is acknowledged and ignored; an oversized body is 413', async () => {
      stack = await startStack({ webhooks: true })
      const unknown = await deliver(JSON.stringify({ type: 'customer.created', data: {} }))
      expect(unknown.status).toBe(204)
      expect(unknown.headers.get('x-kyc-webhook')).toBe('ignored')
      const huge = await deliver(JSON.stringify({ type: 'x', pad: 'a'.repeat(300 * 1024) }))
      expect(huge.status).toBe(413)
    })

    it('without webhookSecret the route does not exist; a malformed secret stops start-up', async () => {
      stack = await startStack()
      expect((await deliver('{}')).status).toBe(404)
      for (const secret of ['whsec_', 'whsec_!!!!', 'whsec_a']) {
        expect(() =>
          createKycProxy({
            providerBaseUrl: 'http://127.0.0.1:1/v3',
            clientId: 'a',
            clientSecret: 'b',
            authorize: () => null,
            webhookSecret: secret,
          }),
        ).toThrow(/webhookSecret/)
      }
    })
  })
})
