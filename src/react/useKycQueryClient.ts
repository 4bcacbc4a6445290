import { useContext, useEffect, useState } from 'react'
import { QueryClient, QueryClientContext } from '@tanstack/react-query'

/**
 * The query client the widget uses: the one passed in, else the host's (from its
 * `QueryClientProvider`), else one of the widget's own, made once per widget instance. A
 * module-wide client would be shared between users during server rendering, so there is none;
 * widgets that should share one customer query share the host's client.
 */
export function useKycQueryClient(explicit?: QueryClient): QueryClient {
  // useQueryClient() throws without a provider; the context itself is undefined there.
  const fromHost = useContext(QueryClientContext)
  const [own] = useState(() => (explicit || fromHost ? null : new QueryClient()))
  const client = explicit ?? fromHost ?? own

  useEffect(() => {
    if (client !== own || !own) return
    // What QueryClientProvider does: focus and reconnect listeners, resuming paused uploads.
    own.mount()
    return () => own.unmount()
  }, [client, own])

  if (!client) throw new Error('kyc-uploader: no query client')
  return client
}
