import type { QueryClient, QueryKey } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { followCustomerEvents } from '../api/events.ts'

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
      `${baseUrl.replace(/\/+$/, '')}/customers/${encodeURIComponent(customerId)}/events`,
      (customer) => queryClient.setQueryData(queryKey, customer),
      setStreaming,
    )
    // The key is derived from the two ids.
  }, [queryClient, baseUrl, customerId])
  return streaming
}
