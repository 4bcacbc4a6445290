import {
  abortedError,
  errorFromResponse,
  isKycApiError,
  networkError,
  parseJsonObject,
  timeoutError,
  type HeaderSource,
} from './errors.ts'
import type { Customer, KycDocument } from './types.ts'
import { apiUrl } from './url.ts'

/** Supplies a bearer token; called again with `forceRefresh: true` once after a 401. */
export type TokenSupplier = (options: {
  forceRefresh: boolean
}) => string | null | undefined | Promise<string | null | undefined>

export interface KycClientOptions {
  /** Where the API lives: the host's proxy (`/api/kyc`) or a provider-compatible base URL. */
  baseUrl: string
  /** Token supplier for endpoints that need `Authorization`. Default: none (a proxy needs none). */
  getToken?: TokenSupplier | undefined
  /** `fetch` used for reads. Default: the global `fetch`. */
  fetch?: typeof fetch | undefined
  /** Cookie policy for both reads and uploads. Default: `same-origin`. */
  credentials?: RequestCredentials | undefined
  /**
   * Milliseconds a read may take, and an upload may go without progress, before it fails with
   * `timeout`. Default: 30 000.
   */
  timeoutMs?: number | undefined
  /** Creates the XHR used for uploads. Default: `new XMLHttpRequest()`. */
  createXhr?: (() => XMLHttpRequest) | undefined
}

export interface UploadProgress {
  loaded: number
  total: number
}

export interface UploadDocumentInput {
  customerId: string
  /** The `kyc[].type` being uploaded. */
  type: string
  file: Blob
  fileName: string
  /** Detected from the bytes (`validateDocumentFile`), not taken from the name. */
  contentType: string
  /** One per upload attempt; reuse it for automatic retries of that attempt. */
  idempotencyKey: string
  signal?: AbortSignal | undefined
  onProgress?: ((progress: UploadProgress) => void) | undefined
}

export interface KycClient {
  getCustomer(customerId: string, options?: { signal?: AbortSignal }): Promise<Customer>
  uploadDocument(input: UploadDocumentInput): Promise<KycDocument>
}

interface RawResponse {
  status: number
  headers: HeaderSource
  bodyText: string
}

/** The body of a 2xx answer, which must be a JSON object; anything else is `invalid_response`. */
function parseJson<T>(raw: RawResponse): T {
  const body = raw.status >= 200 && raw.status < 300 ? parseJsonObject(raw.bodyText) : undefined
  if (!body) throw errorFromResponse(raw.status, raw.headers, raw.bodyText)
  return body as T
}

/** Creates a client for the two calls the widget makes. */
export function createKycClient(options: KycClientOptions): KycClient {
  const credentials = options.credentials ?? 'same-origin'
  const timeoutMs = options.timeoutMs ?? 30_000
  const customerUrl = (customerId: string) =>
    apiUrl(options.baseUrl, `/customers/${encodeURIComponent(customerId)}`)

  async function authorization(forceRefresh: boolean): Promise<Record<string, string>> {
    if (!options.getToken) return {}
    let token: string | null | undefined
    try {
      token = await options.getToken({ forceRefresh })
    } catch (cause) {
      // A supplier usually fetches from the host's backend: its failure is the call's failure,
      // typed like every other so the retry policy and the messages can handle it.
      throw isKycApiError(cause) ? cause : networkError(cause)
    }
    return token ? { Authorization: `Bearer ${token}` } : {}
  }

  /** Runs a call, and once more with a fresh token when a supplier exists and the call got 401. */
  async function withTokenRefresh(
    send: (headers: Record<string, string>) => Promise<RawResponse>,
  ): Promise<RawResponse> {
    const first = await send(await authorization(false))
    if (first.status !== 401 || !options.getToken) return first
    return send(await authorization(true))
  }

  async function fetchRaw(
    url: string,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<RawResponse> {
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
    const timeout = AbortSignal.timeout(timeoutMs)
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout
    try {
      const response = await doFetch(url, {
        method: 'GET',
        headers: { Accept: 'application/json', ...headers },
        credentials,
        signal: combined,
      })
      return { status: response.status, headers: response.headers, bodyText: await response.text() }
    } catch (cause) {
      if (signal?.aborted) throw abortedError()
      if (timeout.aborted) throw timeoutError()
      throw networkError(cause)
    }
  }

  function xhrRaw(
    url: string,
    headers: Record<string, string>,
    body: FormData,
    input: UploadDocumentInput,
  ): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      if (input.signal?.aborted) {
        reject(abortedError())
        return
      }
      const xhr = options.createXhr ? options.createXhr() : new XMLHttpRequest()
      let timedOut = false
      let idleTimer: ReturnType<typeof setTimeout> | undefined
      // An upload may take minutes on a slow link, so the timeout counts time without progress,
      // not the whole transfer: a stalled server or a dead connection ends in `timeout`.
      const touch = () => {
        clearTimeout(idleTimer)
        idleTimer = setTimeout(() => {
          timedOut = true
          xhr.abort()
        }, timeoutMs)
      }
      const onAbort = () => xhr.abort()
      const settle = (outcome: () => void) => {
        clearTimeout(idleTimer)
        input.signal?.removeEventListener('abort', onAbort)
        outcome()
      }
      xhr.open('POST', url)
      xhr.withCredentials = credentials === 'include'
      for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
      xhr.upload.onprogress = (event) => {
        touch()
        if (event.lengthComputable) input.onProgress?.({ loaded: event.loaded, total: event.total })
      }
      xhr.onprogress = touch
      xhr.onload = () =>
        settle(() =>
          resolve({
            status: xhr.status,
            headers: { get: (name) => xhr.getResponseHeader(name) },
            bodyText: xhr.responseText,
          }),
        )
      xhr.onerror = () => settle(() => reject(networkError()))
      xhr.ontimeout = () => settle(() => reject(timeoutError()))
      xhr.onabort = () => settle(() => reject(timedOut ? timeoutError() : abortedError()))
      input.signal?.addEventListener('abort', onAbort, { once: true })
      touch()
      xhr.send(body)
    })
  }

  return {
    async getCustomer(customerId, { signal } = {}) {
      const url = customerUrl(customerId)
      return parseJson<Customer>(
        await withTokenRefresh((headers) => fetchRaw(url, headers, signal)),
      )
    },

    async uploadDocument(input) {
      const url = `${customerUrl(input.customerId)}/documents`
      const raw = await withTokenRefresh((auth) => {
        const body = new FormData()
        body.append('type', input.type)
        // A picked file whose own type is already right goes as it is: the browser then sends it
        // straight from disk; a wrapped copy (to correct the type) is streamed through its blob store.
        const file =
          input.file.type === input.contentType
            ? input.file
            : new File([input.file], input.fileName, { type: input.contentType })
        body.append('file', file, input.fileName)
        return xhrRaw(
          url,
          { Accept: 'application/json', 'Idempotency-Key': input.idempotencyKey, ...auth },
          body,
          input,
        )
      })
      return parseJson<KycDocument>(raw)
    },
  }
}
