import { errorFromResponse, KycApiError, networkError, parseJsonObject } from './errors.ts'
import { apiUrl } from './url.ts'

/** A link for the phone, as `POST {baseUrl}/customers/{id}/handoff` answers it. */
export interface IssuedHandoff {
  id: string
  url: string
  expiresAt: number
  /** The digits the phone types to confirm (shown beside the QR code); `null` when not asked. */
  code: string | null
}

export interface HandoffRequest {
  baseUrl: string
  customerId: string
  fetch?: typeof fetch | undefined
  credentials?: RequestCredentials | undefined
  signal?: AbortSignal | undefined
}

async function call<T>(
  url: string,
  method: 'GET' | 'POST' | 'DELETE',
  request: HandoffRequest,
): Promise<T> {
  const doFetch = request.fetch ?? globalThis.fetch.bind(globalThis)
  let response: Response
  try {
    response = await doFetch(url, {
      method,
      headers: { Accept: 'application/json' },
      credentials: request.credentials ?? 'same-origin',
      signal: request.signal ?? null,
    })
  } catch (cause) {
    throw networkError(cause)
  }
  const text = await response.text()
  if (response.status === 204) return undefined as T
  const body = response.ok ? parseJsonObject(text) : undefined
  if (!body) throw errorFromResponse(response.status, response.headers, text)
  return body as T
}

const handoffUrl = ({ baseUrl, customerId }: HandoffRequest) =>
  apiUrl(baseUrl, `/customers/${encodeURIComponent(customerId)}/handoff`)

/** Asks the proxy for a single-use link; a proxy without hand-off answers 404 `not_found`. */
export function issueHandoff(request: HandoffRequest): Promise<IssuedHandoff> {
  return call<IssuedHandoff>(handoffUrl(request), 'POST', request)
}

/** Whether the phone has opened the link yet. */
export async function readHandoffState(
  request: HandoffRequest,
  id: string,
): Promise<'waiting' | 'used' | 'expired'> {
  const { state } = await call<{ state: 'waiting' | 'used' | 'expired' }>(
    `${handoffUrl(request)}/${encodeURIComponent(id)}`,
    'GET',
    request,
  )
  return state
}

/** Ends the link and the phone session it made (the desktop's "end on the phone"). */
export async function endHandoff(request: HandoffRequest, id: string): Promise<void> {
  await call<void>(`${handoffUrl(request)}/${encodeURIComponent(id)}`, 'DELETE', request)
}

/** On the phone: the customer its hand-off session may act on, or `null` without one (401). */
export async function readHandoffSession(
  baseUrl: string,
  init: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<{ customerId: string; expiresAt: number } | null> {
  try {
    return await call(apiUrl(baseUrl, '/handoff'), 'GET', {
      baseUrl,
      customerId: '',
      fetch: init.fetch,
      signal: init.signal,
    })
  } catch (error) {
    if (error instanceof KycApiError && error.status === 401) return null
    throw error
  }
}
