import type { QueryClient, QueryKey } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { followCustomerEvents } from '../api/events.ts'
import { apiUrl } from '../api/url.ts'

/**
 * What to do with each status the proxy pushes: it is the newest there is, so a read still in
 * flight (a poll, the refresh after an upload), which may have left before the change, is
 * cancelled rather than allowed to land after it and bring the old status back until the next
 * poll. Events are applied in the order they came.
 */
export function pushedStatusWriter<T>(
  queryClient: QueryClient,
  queryKey: QueryKey,
): (customer: T) => void {
  let newest = 0
  return (customer) => {
    const sequence = ++newest
    void queryClient.cancelQueries({ queryKey, exact: true }).then(() => {
      if (sequence === newest) queryClient.setQueryData(queryKey, customer)
    })
  }
}

/**
 * Puts the statuses the proxy pushes into the customer's query (`queryKey`) as they come;
 * answers whether the stream is open, so the query can poll rarely meanwhile (polling stays the
 * fallback when the stream fails or the proxy has none).
 */
export function useCustomerEvents(
  queryClient: QueryClient,
  queryKey: QueryKey,
  baseUrl: string,
  customerId: string,
): boolean {
  const [streaming, setStreaming] = useState(false)
  useEffect(() => {
    // No customer yet (a host that mounts the widget before its session is known): nothing to follow.
    if (customerId === '') return undefined
    return followCustomerEvents(
      apiUrl(baseUrl, `/customers/${encodeURIComponent(customerId)}/events`),
      pushedStatusWriter(queryClient, queryKey),
      setStreaming,
    )
    // The key is derived from the two ids.
  }, [queryClient, baseUrl, customerId])
  return streaming
}
