import type { Customer, KycItem } from '../api/types.ts'
import { createSandbox } from './sandbox.ts'
import type { SandboxServer } from './node-server.ts'
import { jpegBytes, pdfBytes, pngBytes } from '../core/testing/files.ts'
import { checked, get, PATIENTLY, requestToken, startTestSandbox, upload } from './testing/http.ts'

let server: SandboxServer
let token: string
let customerId: string

beforeEach(async () => {
  server = await startTestSandbox({ reviewDelayMs: 40 })
  token = await requestToken(server.url)
  customerId = server.sandbox.control.createCustomer('person-cnh').id
})
afterEach(() => server.close())

async function customer(): Promise<Customer> {
  return (await (await get(server.url, `/customers/${customerId}`, token)).json()) as Customer
}

async function item(type: string): Promise<KycItem | undefined> {
  return (await customer()).kyc.find((entry) => entry.type === type)
}

async function settled(type: string): Promise<KycItem | undefined> {
  await vi.waitFor(async () => expect((await item(type))?.status).not.toBe('submitted'), PATIENTLY)
  return item(type)
}

describe('the review queue', () => {
  it('moves a document from submitted to approved after the delay', async () => {
    server.sandbox.control.setReviewDelay(300)
    const started = Date.now()
    await upload(server.url, customerId, { token, type: 'cnh', file: pdfBytes() })
    expect((await item('cnh'))?.status).toBe('submitted')
    const reviewed = await settled('cnh')
    expect(Date.now() - started).toBeGreaterThanOrEqual(280)
    expect(reviewed).toMatchObject({ status: 'approved', message: null })
    expect(server.sandbox.control.documents(customerId)[0]?.status).toBe('approved')
  })

  it('rejects a file whose name contains "reject", with a reviewer message in Portuguese', async () => {
    await upload(server.url, customerId, {
      token,
      type: 'cnh',
      file: jpegBytes(),
      fileName: 'cnh-REJECT-me.jpg',
    })
    const reviewed = await settled('cnh')
    expect(reviewed).toMatchObject({
      status: 'rejected',
      message: 'A foto está desfocada; envie uma imagem nítida do documento.',
    })
    expect(server.sandbox.control.documents(customerId)[0]).toMatchObject({
      status: 'rejected',
      message: reviewed?.message,
    })
  })

  it('follows a forced outcome once, then goes back to judging by name', async () => {
    server.sandbox.control.forceNextReview(customerId, 'rejected', 'Documento vencido.')
    await upload(server.url, customerId, { token, type: 'cnh', file: pdfBytes() })
    expect(await settled('cnh')).toMatchObject({
      status: 'rejected',
      message: 'Documento vencido.',
    })
    await upload(server.url, customerId, { token, type: 'selfie', file: pngBytes() })
    expect(await settled('selfie')).toMatchObject({ status: 'approved' })
  })

  it('walks the customer from pending_kyc through under_review to active', async () => {
    expect((await customer()).status).toBe('pending_kyc')
    server.sandbox.control.setReviewDelay(60_000)
    await upload(server.url, customerId, { token, type: 'cnh', file: pdfBytes() })
    expect((await customer()).status).toBe('pending_kyc')
    server.sandbox.control.setReviewDelay(40)
    await upload(server.url, customerId, { token, type: 'selfie', file: pngBytes() })
    expect((await customer()).status).toBe('under_review')
    await settled('selfie')
    expect((await customer()).status).toBe('under_review')
    server.sandbox.control.reset(customerId)
    expect((await customer()).status).toBe('pending_kyc')
  })

  it('lets a rejected document be replaced and approved', async () => {
    await upload(server.url, customerId, {
      token,
      type: 'cnh',
      file: pdfBytes(),
      fileName: 'reject.pdf',
    })
    await upload(server.url, customerId, { token, type: 'selfie', file: pngBytes() })
    expect((await settled('cnh'))?.status).toBe('rejected')
    await settled('selfie')
    expect((await customer()).status).toBe('pending_kyc')
    const again = await upload(server.url, customerId, { token, type: 'cnh', file: pdfBytes() })
    expect(again.status).toBe(201)
    expect(await settled('cnh')).toMatchObject({ status: 'approved', message: null })
    expect((await customer()).status).toBe('active')
    expect(server.sandbox.control.documents(customerId).map((d) => d.status)).toEqual([
      'rejected',
      'approved',
      'approved',
    ])
  })

  it('decides a review now when told, whatever the delay, and over HTTP too', async () => {
    server.sandbox.control.setReviewDelay(60_000)
    await upload(server.url, customerId, { token, type: 'cnh', file: pdfBytes() })
    const decided = await server.sandbox.control.review(customerId, 'cnh', 'rejected', 'Vencida.')
    expect(decided.kyc.find((entry) => entry.type === 'cnh')).toMatchObject({
      status: 'rejected',
      message: 'Vencida.',
    })
    expect(await item('cnh')).toMatchObject({ status: 'rejected', message: 'Vencida.' })
    await expect(server.sandbox.control.review(customerId, 'cnh', 'approved')).rejects.toThrow(
      /no cnh document in review/,
    )

    await upload(server.url, customerId, { token, type: 'cnh', file: pdfBytes() })
    const post = (body: object) =>
      fetch(`${server.url}/sandbox/reviews`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const answered = await post({ customer_id: customerId, type: 'cnh', outcome: 'approved' })
    expect(answered.status).toBe(200)
    expect((await item('cnh'))?.status).toBe('approved')
    expect((await post({ customer_id: customerId, type: 'cnh', outcome: 'approved' })).status).toBe(
      409,
    )
    // Nothing was left scheduled to undo it.
    expect(server.sandbox.control.documents(customerId).map((d) => d.status)).toEqual([
      'rejected',
      'approved',
    ])
  })

  it('forgets scheduled reviews on reset and on close', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const sandbox = createSandbox({ reviewDelayMs: 1000 })
      const id = sandbox.control.createCustomer('person-cnh').id
      const tokenResponse = await sandbox.fetch(
        new Request('http://sandbox.test/v3/auth/token', {
          method: 'POST',
          headers: {
            authorization: `Basic ${btoa('sandbox:sandbox-secret')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: 'grant_type=client_credentials',
        }),
      )
      await checked('POST', '/auth/token', tokenResponse)
      const { access_token: bearer } = (await tokenResponse.json()) as { access_token: string }
      const form = new FormData()
      form.append('type', 'cnh')
      form.append('file', new Blob([pdfBytes() as Uint8Array<ArrayBuffer>]), 'cnh.pdf')
      const uploaded = await sandbox.fetch(
        new Request(`http://sandbox.test/v3/customers/${id}/documents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}` },
          body: form,
        }),
      )
      await checked('POST', `/customers/${id}/documents`, uploaded)
      expect(uploaded.status).toBe(201)
      expect(vi.getTimerCount()).toBe(1)
      sandbox.close()
      expect(vi.getTimerCount()).toBe(0)
      expect(sandbox.control.documents(id)[0]?.status).toBe('submitted')
    } finally {
      vi.useRealTimers()
    }
  })
})
