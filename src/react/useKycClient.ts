import { useMemo } from 'react'
import { createKycClient, type KycClient, type TokenSupplier } from '../api/client.ts'
import { useLatest } from './useLatest.ts'

export interface KycClientProps {
  baseUrl: string
  getToken?: TokenSupplier | undefined
  fetch?: typeof fetch | undefined
  credentials?: RequestCredentials | undefined
}

/** The API client, stable across renders even when the host passes new function props each time. */
export function useKycClient(props: KycClientProps): KycClient {
  const latest = useLatest(props)
  const hasGetToken = props.getToken !== undefined
  const hasFetch = props.fetch !== undefined
  const { baseUrl, credentials } = props
  return useMemo(
    () =>
      createKycClient({
        baseUrl,
        credentials,
        getToken: hasGetToken ? (options) => latest.current.getToken?.(options) ?? null : undefined,
        fetch: hasFetch
          ? (input, init) => (latest.current.fetch ?? globalThis.fetch)(input, init)
          : undefined,
      }),
    [baseUrl, credentials, hasGetToken, hasFetch, latest],
  )
}
