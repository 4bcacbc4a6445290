import { createMemoryStore } from '../store/memory-store.ts'
import { ProviderBudget, reserveShare } from './provider-budget.ts'

it('ranks calls fairly: a first upload, then a first read, before anyone’s later ones', () => {
  const order = [
    reserveShare('upload', 1),
    reserveShare('read', 1),
    reserveShare('upload', 2),
    reserveShare('read', 10),
    reserveShare('upload', 10),
  ]
  expect(order).toEqual([...order].sort((a, b) => a - b))
  expect(reserveShare('read', 1)).toBeGreaterThan(0) // reads never reach the first uploads' own
  expect(reserveShare('read', 10)).toBeGreaterThan(reserveShare('read', 1))
})

it('on a drained bucket a customer’s first read passes where another’s eleventh is refused', async () => {
  const store = createMemoryStore()
  const budget = new ProviderBudget({ store, limitPerMinute: 600, share: 0.75 }) // 75 a bucket
  let served = 0
  for (;;) {
    try {
      await budget.spend('read', { customerId: 'cust_heavy' })
      served += 1
    } catch {
      break
    }
  }
  // It stopped with half the bucket left: a fresh customer's read still goes through.
  expect(served).toBeGreaterThanOrEqual(37)
  expect(served).toBeLessThanOrEqual(39)
  await expect(budget.spend('read', { customerId: 'cust_fresh' })).resolves.toBeUndefined()
  await expect(budget.spend('upload', { customerId: 'cust_fresh' })).resolves.toBeUndefined()
  await store.close()
})
