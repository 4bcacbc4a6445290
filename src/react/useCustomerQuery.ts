import { useQuery, type Query, type QueryClient } from '@tanstack/react-query'
import type { KycClient } from '../api/client.ts'
import type { KycApiError } from '../api/errors.ts'
import type { Customer } from '../api/types.ts'
import { retryOptions } from '../core/retry.ts'
import { documentStatusOf, pollDelay } from '../core/status.ts'
import { useCustomerEvents } from './useCustomerEvents.ts'

/** The poll while the proxy pushes statuses: a safety net only. */
export const STREAMING_POLL_MS = 60_000

/** The query key of a customer: widgets on the same customer and base URL share it. */
export function customerQueryKey(baseUrl: string, customerId: string) {
  return ['kyc-uploader', 'customer', baseUrl, customerId] as const
}

type CustomerQuery = Query<Customer, KycApiError, Customer, ReturnType<typeof customerQueryKey>>

// How many polls in a row brought nothing new, per query (so every widget on it agrees).
// Structural sharing keeps `data` the same object when a poll changed nothing.
const pollHistory = new WeakMap<object, { data: unknown; updatedAt: number; unchanged: number }>()

function unchangedPolls(query: CustomerQuery): number {
  const { data, dataUpdatedAt } = query.state
  const seen = pollHistory.get(query)
  if (!seen) {
    pollHistory.set(query, { data, updatedAt: dataUpdatedAt, unchanged: 0 })
    return 0
  }
  if (seen.updatedAt !== dataUpdatedAt) {
    seen.unchanged = seen.data === data ? seen.unchanged + 1 : 0
    seen.data = data
    seen.updatedAt = dataUpdatedAt
  }
  return seen.unchanged
}

export function isInReview(customer: Customer | undefined): boolean {
  return !!customer?.kyc.some((item) => documentStatusOf(item) === 'submitted')
}

export interface CustomerQueryOptions {
  client: KycClient
  queryClient: QueryClient
  baseUrl: string
  customerId: string
  /** Fixed interval while something is in review; default: `pollDelay` (2 s backing off to 30 s). */
  pollInterval?: number | undefined
}

/**
 * The customer, polled while any document is in review: the interval starts short and backs
 * off while nothing changes, pauses while the page is hidden, refetches on focus and stops when
 * nothing is in review. Transient failures are retried by the core policy; a 404 is not.
 */
export function useCustomerQuery(options: CustomerQueryOptions) {
  const { client, queryClient, baseUrl, customerId, pollInterval } = options
  const queryKey = customerQueryKey(baseUrl, customerId)
  const streaming = useCustomerEvents(queryClient, queryKey, baseUrl, customerId)
  return useQuery<Customer, KycApiError, Customer, ReturnType<typeof customerQueryKey>>(
    {
      queryKey,
      queryFn: ({ signal }) => client.getCustomer(customerId, { signal }),
      // No id yet (the host is still finding out who is signed in): hold the loading state,
      // and the room the cards will take, without asking for anything.
      enabled: customerId !== '',
      // Several widgets mounting together make one request, not one each.
      staleTime: 1000,
      refetchInterval: (query) => {
        if (!isInReview(query.state.data)) return false
        if (streaming) return STREAMING_POLL_MS
        return pollInterval ?? pollDelay(unchangedPolls(query))
      },
      refetchIntervalInBackground: false,
      refetchOnWindowFocus: true,
      ...retryOptions,
    },
    queryClient,
  )
}
