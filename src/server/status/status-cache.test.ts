import { afterEach, describe, expect, it } from 'vitest'
import type { KycDocument } from '../../api/types.ts'
import type { PublicCustomer } from '../public-fields.ts'
import { createMemoryStore } from '../store/memory-store.ts'
import { StatusCache } from './status-cache.ts'

const CUSTOMER = 'cus_status_cache'
const at = (iso: string) => Date.parse(iso)

function customerWith(status: string, message: string | null): PublicCustomer {
  return {
    id: CUSTOMER,
    status: 'in_review',
    kyc: [
      { kind: 'document', type: 'RG', status, message, uploaded_at: '2026-11-29T10:00:00Z' },
      { kind: 'document', type: 'SELFIE', status: 'pending', message: null, uploaded_at: null },
    ],
  }
}

function uploaded(type: string, updatedAt: string): KycDocument {
  return {
    id: `doc_${type}_${updatedAt}`,
    type,
    status: 'submitted',
    uploaded_at: updatedAt,
    created_at: updatedAt,
    updated_at: updatedAt,
  } as KycDocument
}

describe('StatusCache: an upload’s own answer against the reviews around it', () => {
  let store = createMemoryStore()
  afterEach(async () => {
    await store.close()
    store = createMemoryStore()
  })

  const cache = () =>
    new StatusCache({ store, maxAgeMs: 60_000, waitMs: 100, now: () => at('2026-11-29T10:05:00Z') })

  it('keeps a rejection decided after the upload, though the upload’s 201 arrives last', async () => {
    const statuses = cache()
    // The reviewer rejected the RG at 10:01; that webhook reached the proxy before the answer to
    // the upload of 10:00 did (a slow answer, a fast reviewer).
    await statuses.apply(customerWith('rejected', 'Foto ilegível'), at('2026-11-29T10:01:00Z'))
    await statuses.applyUpload(CUSTOMER, uploaded('RG', '2026-11-29T10:00:00Z'))

    const item = (await statuses.known(CUSTOMER))?.customer.kyc.find((entry) => entry.type === 'RG')
    expect(item).toMatchObject({ status: 'rejected', message: 'Foto ilegível' })
  })

  it('shows a re-upload after the rejection as in review at once, without the old message', async () => {
    const statuses = cache()
    await statuses.apply(customerWith('rejected', 'Foto ilegível'), at('2026-11-29T10:01:00Z'))
    await statuses.applyUpload(CUSTOMER, uploaded('RG', '2026-11-29T10:02:00Z'))

    const known = await statuses.known(CUSTOMER)
    expect(known?.customer.kyc.find((entry) => entry.type === 'RG')).toMatchObject({
      status: 'submitted',
      message: null,
      uploaded_at: '2026-11-29T10:02:00Z',
    })
    expect(known?.customer.kyc.find((entry) => entry.type === 'SELFIE')?.status).toBe('pending')
  })

  it('publishes the re-upload to the customer’s streams, and not the stale upload', async () => {
    const statuses = cache()
    const heard: string[] = []
    const stop = await store.subscribe(`status:${CUSTOMER}`, (message) => heard.push(message))
    await statuses.apply(customerWith('rejected', 'Foto ilegível'), at('2026-11-29T10:01:00Z'))
    await statuses.applyUpload(CUSTOMER, uploaded('RG', '2026-11-29T10:00:00Z'))
    await statuses.applyUpload(CUSTOMER, uploaded('RG', '2026-11-29T10:02:00Z'))
    await stop()

    const rgStatuses = heard.map(
      (text) =>
        (JSON.parse(text) as { customer: PublicCustomer }).customer.kyc.find(
          (entry) => entry.type === 'RG',
        )?.status,
    )
    expect(rgStatuses).toEqual(['rejected', 'submitted'])
  })
})

describe('StatusCache while the shared store is degraded', () => {
  it('serves what this instance read itself for the short maximum age only, marked stale', async () => {
    const memory = createMemoryStore()
    let degraded = false
    let now = at('2026-11-29T10:00:00Z')
    const cache = new StatusCache({
      store: { ...memory, degraded: () => degraded },
      maxAgeMs: 300_000,
      degradedMaxAgeMs: 5_000,
      waitMs: 100,
      now: () => now,
    })
    let reads = 0
    const provider = async () => {
      reads += 1
      return { customer: customerWith('submitted', null), version: reads, headers: new Headers() }
    }
    await cache.read(CUSTOMER, provider)
    now += 60_000
    expect(await cache.read(CUSTOMER, provider)).toMatchObject({ stale: false, ageMs: 60_000 })
    expect(reads).toBe(1)

    degraded = true
    // A minute old: past the short maximum age, so the provider is asked again.
    expect(await cache.read(CUSTOMER, provider)).toMatchObject({ stale: false, ageMs: 0 })
    expect(reads).toBe(2)
    now += 4_000
    expect(await cache.read(CUSTOMER, provider)).toMatchObject({ stale: true, ageMs: 4_000 })
    now += 1_001
    await cache.read(CUSTOMER, provider)
    expect(reads).toBe(3)
    await memory.close()
  })
})
