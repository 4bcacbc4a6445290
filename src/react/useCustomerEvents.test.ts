import { QueryClient, QueryObserver } from '@tanstack/react-query'
import { pushedStatusWriter } from './useCustomerEvents.ts'

// The widget's query with TanStack's real client; its reads are answered by hand, so that one
// can be held in flight while the proxy pushes a newer status.
const queryKey = ['kyc', 'customer', 'cust_events']

function heldReads() {
  const pending: ((status: string) => void)[] = []
  return {
    queryFn: () => new Promise<string>((resolve) => pending.push(resolve)),
    answer(status: string) {
      pending.shift()?.(status)
    },
  }
}

async function settle() {
  for (let turn = 0; turn < 10; turn += 1) await Promise.resolve()
}

describe('pushedStatusWriter', () => {
  let queryClient: QueryClient
  beforeEach(() => {
    queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    queryClient.mount()
  })
  afterEach(() => queryClient.clear())

  it('a read that left before the review and lands after its push does not bring back the old status', async () => {
    const reads = heldReads()
    const observer = new QueryObserver(queryClient, { queryKey, queryFn: reads.queryFn })
    const unsubscribe = observer.subscribe(() => {})
    reads.answer('submitted')
    await vi.waitFor(() => expect(queryClient.getQueryData(queryKey)).toBe('submitted'))

    // The refresh after an upload leaves; then the reviewer decides and the proxy pushes it.
    void queryClient.invalidateQueries({ queryKey })
    pushedStatusWriter<string>(queryClient, queryKey)('approved')
    await settle()
    // The read made before the decision answers last, with what it saw.
    reads.answer('submitted')
    await settle()

    expect(queryClient.getQueryData(queryKey)).toBe('approved')
    expect(observer.getCurrentResult().data).toBe('approved')
    unsubscribe()
  })

  it('applies pushes in the order they came, with or without a read in flight', async () => {
    const reads = heldReads()
    const observer = new QueryObserver(queryClient, { queryKey, queryFn: reads.queryFn })
    const unsubscribe = observer.subscribe(() => {})
    reads.answer('pending')
    await vi.waitFor(() => expect(queryClient.getQueryData(queryKey)).toBe('pending'))

    const write = pushedStatusWriter<string>(queryClient, queryKey)
    void queryClient.invalidateQueries({ queryKey })
    write('submitted')
    write('rejected')
    await settle()
    reads.answer('pending')
    await settle()

    expect(queryClient.getQueryData(queryKey)).toBe('rejected')
    unsubscribe()
  })
})
