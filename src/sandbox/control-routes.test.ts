import type { Customer } from '../api/types.ts'
import type { SandboxServer } from './node-server.ts'
import { sandboxOptionsFromEnv } from './options.ts'
import { seedCustomer } from './scenarios.ts'
import type { StoredDocument } from './store.ts'
import { pdfBytes } from '../core/testing/files.ts'
import { control, get, requestToken, startTestSandbox, upload, PATIENTLY } from './testing/http.ts'

const SECRET = `whsec_${Buffer.from('control-routes-webhook-key').toString('base64')}`

let server: SandboxServer
let token: string

beforeEach(async () => {
  server = await startTestSandbox()
  token = await requestToken(server.url)
})
afterEach(() => server.close())

describe('HTTP control surface (/v3/sandbox)', () => {
  it('needs a bearer token', async () => {
    const response = await fetch(`${server.url}/sandbox/settings`)
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ code: 'invalid_token' })
  })

  it('queues, lists and clears faults', async () => {
    const created = await control(server.url, token, 'POST', '/faults', {
      route: 'upload',
      kind: 'slow',
      delay_ms: 50,
      times: 2,
    })
    expect(created.status).toBe(201)
    expect(await created.json()).toEqual({
      data: [{ route: 'upload', kind: 'slow', delay_ms: 50, times: 2 }],
    })
    const invalid = await control(server.url, token, 'POST', '/faults', { kind: 'explode' })
    expect(invalid.status).toBe(422)
    expect(await invalid.json()).toMatchObject({ param: 'kind' })
    expect((await control(server.url, token, 'DELETE', '/faults')).status).toBe(204)
    expect(await (await control(server.url, token, 'GET', '/faults')).json()).toEqual({ data: [] })
  })

  it('injects a fault that the next upload meets', async () => {
    await control(server.url, token, 'POST', '/faults', { route: 'upload', kind: '500' })
    const id = seedCustomer('company').id
    const response = await upload(server.url, id, { token, type: 'ccmei', file: pdfBytes() })
    expect(response.status).toBe(500)
  })

  it('forces the next review, lists documents, resets one customer', async () => {
    await control(server.url, token, 'PATCH', '/settings', { review_delay_ms: 20 })
    const created = (await (
      await control(server.url, token, 'POST', '/customers', { scenario: 'person-cnh' })
    ).json()) as Customer
    const forced = await control(server.url, token, 'POST', '/reviews', {
      customer_id: created.id,
      outcome: 'rejected',
      message: 'Documento ilegível.',
    })
    expect(forced.status).toBe(202)
    await upload(server.url, created.id, {
      token,
      type: 'cnh',
      file: pdfBytes(),
      fileName: 'cnh.pdf',
    })
    await vi.waitFor(async () => {
      const listed = await control(server.url, token, 'GET', `/documents?customer_id=${created.id}`)
      const { data } = (await listed.json()) as { data: StoredDocument[] }
      expect(data).toMatchObject([
        {
          customer_id: created.id,
          type: 'cnh',
          status: 'rejected',
          message: 'Documento ilegível.',
        },
      ])
    }, PATIENTLY)
    const all = (await (await control(server.url, token, 'GET', '/documents')).json()) as {
      data: StoredDocument[]
    }
    expect(all.data).toHaveLength(1)

    const reset = await control(server.url, token, 'POST', '/reset', { customer_id: created.id })
    expect(reset.status).toBe(204)
    const after = (await (
      await get(server.url, `/customers/${created.id}`, token)
    ).json()) as Customer
    expect(after.kyc.map((item) => item.status)).toEqual(['pending', 'pending'])
    expect(server.sandbox.control.documents(created.id)).toEqual([])
  })

  it('refuses reviews for unknown customers and bad outcomes', async () => {
    const unknown = await control(server.url, token, 'POST', '/reviews', {
      customer_id: 'cust_00000000000000000000000000000000',
      outcome: 'approved',
    })
    expect(unknown.status).toBe(404)
    const bad = await control(server.url, token, 'POST', '/reviews', {
      customer_id: seedCustomer('company').id,
      outcome: 'maybe',
    })
    expect(bad.status).toBe(422)
  })

  it('resets everything back to the seeds', async () => {
    await control(server.url, token, 'POST', '/customers', { scenario: 'company' })
    await upload(server.url, seedCustomer('company').id, { token, type: 'ccmei', file: pdfBytes() })
    expect((await control(server.url, token, 'POST', '/reset')).status).toBe(204)
    const { data } = (await (await get(server.url, '/customers', token)).json()) as {
      data: Customer[]
    }
    expect(data).toHaveLength(5)
    expect(data[0]).toEqual(seedCustomer('company'))
    expect(server.sandbox.control.documents()).toEqual([])
  })

  it('expires tokens on demand', async () => {
    expect((await control(server.url, token, 'POST', '/tokens/expire')).status).toBe(204)
    const response = await get(server.url, '/customers', token)
    expect(await response.json()).toMatchObject({ code: 'token_expired' })
  })

  it('refuses a body that is not JSON', async () => {
    const response = await fetch(`${server.url}/sandbox/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{oops',
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 'malformed_body' })
  })
})

describe('submitDocument (for benches)', () => {
  it('stores a document as an upload would, and its review follows', async () => {
    const control = server.sandbox.control
    const customer = control.createCustomer('person-cnh')
    control.setReviewDelay(20, customer.id)
    control.submitDocument(customer.id, 'cnh')
    expect(control.customer(customer.id)?.kyc.find((item) => item.type === 'cnh')?.status).toBe(
      'submitted',
    )
    await vi.waitFor(() => expect(control.documents(customer.id)[0]?.status).toBe('approved'))
    expect(() => control.submitDocument(customer.id, 'biometrics')).toThrow()
  })
})

describe('forgetCustomer (a demo that no longer keeps a session)', () => {
  it('deletes a made customer with its documents; its review never comes; the seeds stay', async () => {
    const control = server.sandbox.control
    const customer = control.createCustomer('person-cnh')
    const kept = control.createCustomer('person-cnh')
    control.setReviewDelay(30, customer.id)
    control.setReviewDelay(30, kept.id)
    const document = control.submitDocument(customer.id, 'cnh')
    control.submitDocument(kept.id, 'cnh')
    control.forgetCustomer(customer.id)

    expect(control.customer(customer.id)).toBeUndefined()
    expect(control.documents(customer.id)).toEqual([])
    expect((await get(server.url, `/customers/${customer.id}`, token)).status).toBe(404)
    // The other customer's review still comes; the forgotten one's never does.
    await vi.waitFor(() => expect(control.documents(kept.id)[0]?.status).toBe('approved'))
    expect(control.documents().some((stored) => stored.id === document.id)).toBe(false)

    const seed = seedCustomer('company').id
    control.forgetCustomer(seed)
    expect(control.customer(seed)).toBeDefined()
    expect(() => control.forgetCustomer('cust_unknown')).not.toThrow()
  })
})

describe('request bodies are read under a small limit, counted as they arrive', () => {
  function endless() {
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024
        controller.enqueue(new TextEncoder().encode(' '.repeat(64 * 1024)))
      },
    })
    return { body, pulled: () => pulled }
  }

  it.each([
    ['a control call', '/v3/sandbox/customers', 'application/json', true],
    ['the token request', '/v3/auth/token', 'application/x-www-form-urlencoded', false],
  ])(
    '413 for an endless body to %s, having read a few chunks of it',
    async (_, path, type, bearer) => {
      const { body, pulled } = endless()
      const response = await server.sandbox.fetch(
        new Request(`http://sandbox${path}`, {
          method: 'POST',
          headers: {
            'content-type': type,
            authorization: bearer ? `Bearer ${token}` : `Basic ${btoa('sandbox:sandbox-secret')}`,
          },
          body,
          duplex: 'half',
        } as RequestInit),
      )
      expect(response.status).toBe(413)
      expect(await response.json()).toMatchObject({ code: 'body_too_large' })
      expect(pulled()).toBeLessThanOrEqual(256 * 1024)
    },
  )
})

describe('sandboxOptionsFromEnv', () => {
  it('reads the SANDBOX_* variables', () => {
    expect(
      sandboxOptionsFromEnv({
        SANDBOX_CLIENT_ID: 'id',
        SANDBOX_CLIENT_SECRET: 'secret',
        SANDBOX_REVIEW_DELAY_MS: '250',
        SANDBOX_MAX_FILE_SIZE: '52428800',
        SANDBOX_RATE_LIMIT: '10000',
        SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:9999/hook',
        SANDBOX_WEBHOOK_SECRET: SECRET,
      }),
    ).toEqual({
      clientId: 'id',
      clientSecret: 'secret',
      reviewDelayMs: 250,
      maxFileSize: 52428800,
      rateLimit: { limit: 10000, windowMs: 60_000 },
      webhook: { url: 'http://127.0.0.1:9999/hook', secret: SECRET },
    })
  })

  it('keeps defaults for unset variables and refuses nonsense', () => {
    expect(sandboxOptionsFromEnv({})).toEqual({})
    expect(() => sandboxOptionsFromEnv({ SANDBOX_REVIEW_DELAY_MS: 'soon' })).toThrow(
      /SANDBOX_REVIEW_DELAY_MS/,
    )
    expect(() => sandboxOptionsFromEnv({ SANDBOX_WEBHOOK_URL: 'http://x' })).toThrow(
      /SANDBOX_WEBHOOK_SECRET/,
    )
    for (const malformed of ['whsec_', 'whsec_!!!!', 'whsec_a']) {
      expect(() =>
        sandboxOptionsFromEnv({
          SANDBOX_WEBHOOK_URL: 'http://x',
          SANDBOX_WEBHOOK_SECRET: malformed,
        }),
      ).toThrow(/SANDBOX_WEBHOOK_SECRET/)
    }
  })
})
