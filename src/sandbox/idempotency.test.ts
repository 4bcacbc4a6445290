import type { KycDocument } from '../api/types.ts'
import type { SandboxServer } from './node-server.ts'
import { jpegBytes, pdfBytes } from '../core/testing/files.ts'
import { requestToken, startTestSandbox, upload } from './testing/http.ts'

let server: SandboxServer
let token: string
let customerId: string
let clock: number

beforeEach(async () => {
  clock = Date.parse('2026-05-04T10:00:00Z')
  server = await startTestSandbox({ now: () => clock })
  token = await requestToken(server.url)
  customerId = server.sandbox.control.createCustomer('company').id
})
afterEach(() => server.close())

const pdf = pdfBytes({ text: 'CCMEI' })

function send(key: string, overrides: Partial<Parameters<typeof upload>[2]> = {}) {
  return upload(server.url, customerId, {
    token,
    type: 'ccmei',
    file: pdf,
    fileName: 'ccmei.pdf',
    idempotencyKey: key,
    ...overrides,
  })
}

describe('Idempotency-Key', () => {
  it('replays the first answer for the same request, creating nothing new', async () => {
    const first = await send('key-1')
    expect(first.status).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    const firstBody = (await first.json()) as KycDocument

    clock += 60_000
    const replay = await send('key-1')
    expect(replay.status).toBe(201)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(await replay.json()).toEqual(firstBody)
    expect(server.sandbox.control.documents(customerId)).toHaveLength(1)
  })

  it.each([
    ['another file', { file: pdfBytes({ text: 'something else' }) }],
    ['another file name', { fileName: 'other.pdf' }],
    ['another type', { type: 'identity_card_front', file: jpegBytes() }],
  ])('answers 422 idempotency_key_reused for the same key with %s', async (_, overrides) => {
    expect((await send('key-2')).status).toBe(201)
    const reused = await send('key-2', overrides)
    expect(reused.status).toBe(422)
    expect(await reused.json()).toMatchObject({ code: 'idempotency_key_reused' })
    expect(server.sandbox.control.documents(customerId)).toHaveLength(1)
  })

  it('answers 422 idempotency_key_reused for the same key on another customer', async () => {
    expect((await send('key-3')).status).toBe(201)
    customerId = server.sandbox.control.createCustomer('company').id
    const reused = await send('key-3')
    expect(await reused.json()).toMatchObject({ code: 'idempotency_key_reused' })
    expect(server.sandbox.control.documents(customerId)).toHaveLength(0)
  })

  it('creates one document when the same request races itself', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => send('key-race')))
    const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as KycDocument[]
    expect(answers.map((answer) => answer.status)).toEqual(new Array(8).fill(201))
    expect(new Set(bodies.map((body) => body.id)).size).toBe(1)
    const replayed = answers.filter((answer) => answer.headers.get('idempotent-replayed'))
    expect(replayed).toHaveLength(7)
    expect(server.sandbox.control.documents(customerId)).toHaveLength(1)
  })

  it('lets only one of two different racing requests under one key through', async () => {
    const [a, b] = await Promise.all([
      send('key-split'),
      send('key-split', { type: 'selfie', file: jpegBytes(), fileName: 'selfie.jpg' }),
    ])
    expect([a?.status, b?.status].sort()).toEqual([201, 422])
    expect(server.sandbox.control.documents(customerId)).toHaveLength(1)
  })

  it('forgets keys after 24 hours: the same request then meets the lock, not a replay', async () => {
    expect((await send('key-old')).status).toBe(201)
    clock += 24 * 60 * 60 * 1000 - 1
    token = await requestToken(server.url) // the first one expired 23 hours ago
    expect((await send('key-old')).headers.get('idempotent-replayed')).toBe('true')
    clock += 1
    const late = await send('key-old')
    expect(late.headers.get('idempotent-replayed')).toBeNull()
    expect(await late.json()).toMatchObject({ code: 'document_locked' })
  })

  it('does not remember failures: a retry with the same key runs again', async () => {
    server.sandbox.control.injectFault({ route: 'upload', kind: '500' })
    expect((await send('key-retry')).status).toBe(500)
    expect(server.sandbox.control.documents(customerId)).toHaveLength(0)
    const retry = await send('key-retry')
    expect(retry.status).toBe(201)
    expect(retry.headers.get('idempotent-replayed')).toBeNull()
    expect(server.sandbox.control.documents(customerId)).toHaveLength(1)
  })

  it('treats uploads without a key as distinct requests', async () => {
    customerId = server.sandbox.control.createCustomer('rejected').id
    const first = await upload(server.url, customerId, {
      token,
      type: 'identity_card_front',
      file: jpegBytes(),
    })
    expect(first.status).toBe(201)
    const second = await upload(server.url, customerId, {
      token,
      type: 'identity_card_front',
      file: jpegBytes(),
    })
    expect(await second.json()).toMatchObject({ code: 'document_locked' })
  })
})
