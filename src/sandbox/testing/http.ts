/**
 * Helpers for tests that talk to a sandbox over real HTTP: start one on an ephemeral port, get a
 * token, build upload bodies (well-formed through `FormData`, or byte for byte when a test needs a
 * broken one), and check every provider answer against `openapi/kyc-api.yaml`.
 */
import { expectResponseMatchesContract, type HttpMethod } from '../../testing/openapi.ts'
import {
  startSandboxServer,
  type SandboxServer,
  type SandboxServerOptions,
} from '../node-server.ts'

/** `vi.waitFor` options patient enough for a busy CI machine. */
export const PATIENTLY = { timeout: 5000, interval: 20 }

export const CLIENT_ID = 'sandbox'
export const CLIENT_SECRET = 'sandbox-secret'

/** A sandbox on 127.0.0.1 and a free port. Close it in `afterEach`. */
export function startTestSandbox(options: SandboxServerOptions = {}): Promise<SandboxServer> {
  return startSandboxServer({ reviewDelayMs: 60_000, ...options, port: 0, host: '127.0.0.1' })
}

/** Basic credentials header value. */
export function basic(id = CLIENT_ID, secret = CLIENT_SECRET): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`
}

/** Asserts the answer matches the contract for `method` `path`, then returns it untouched. */
export async function checked(method: HttpMethod, path: string, response: Response) {
  await expectResponseMatchesContract(method, path, response)
  return response
}

export async function requestToken(url: string): Promise<string> {
  const response = await checked(
    'POST',
    '/auth/token',
    await fetch(`${url}/auth/token`, {
      method: 'POST',
      headers: {
        authorization: basic(),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    }),
  )
  if (response.status !== 200) throw new Error(`token request answered ${response.status}`)
  const body = (await response.json()) as { access_token: string }
  return body.access_token
}

export interface UploadInit {
  type?: string
  file?: Uint8Array
  fileName?: string
  /** The declared content type of the file part. Default: none. */
  contentType?: string
  idempotencyKey?: string
  token: string
  signal?: AbortSignal
}

/** A well-formed upload through `FormData`, as a browser sends it; checked against the contract. */
export async function upload(url: string, customerId: string, init: UploadInit) {
  const form = new FormData()
  if (init.type !== undefined) form.append('type', init.type)
  if (init.file !== undefined) {
    const blob = new Blob([init.file as Uint8Array<ArrayBuffer>], { type: init.contentType ?? '' })
    form.append('file', blob, init.fileName ?? 'document.pdf')
  }
  const headers: Record<string, string> = { authorization: `Bearer ${init.token}` }
  if (init.idempotencyKey !== undefined) headers['idempotency-key'] = init.idempotencyKey
  const path = `/customers/${customerId}/documents`
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers,
    body: form,
    ...(init.signal ? { signal: init.signal } : {}),
  })
  return checked('POST', path, response)
}

export interface RawPart {
  name: string
  fileName?: string
  contentType?: string
  /** Further part headers, written as given. */
  headers?: Record<string, string>
  data: Uint8Array | string
}

export const BOUNDARY = '----kyc-sandbox-test-7d1f'

/** A multipart body built byte for byte, for tests that need it exactly so (or broken). */
export function multipartBody(parts: RawPart[], boundary = BOUNDARY): Uint8Array {
  const encoder = new TextEncoder()
  const chunks: Uint8Array[] = []
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`
    if (part.fileName !== undefined) head += `; filename="${part.fileName}"`
    head += '\r\n'
    if (part.contentType !== undefined) head += `Content-Type: ${part.contentType}\r\n`
    for (const [name, value] of Object.entries(part.headers ?? {})) head += `${name}: ${value}\r\n`
    chunks.push(encoder.encode(`${head}\r\n`))
    chunks.push(typeof part.data === 'string' ? encoder.encode(part.data) : part.data)
    chunks.push(encoder.encode('\r\n'))
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`))
  return new Uint8Array(Buffer.concat(chunks))
}

/** Posts a raw body to the upload endpoint; checked against the contract. */
export async function uploadRaw(
  url: string,
  customerId: string,
  token: string,
  body: Uint8Array | string,
  contentType = `multipart/form-data; boundary=${BOUNDARY}`,
) {
  const path = `/customers/${customerId}/documents`
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: body as BodyInit,
  })
  return checked('POST', path, response)
}

/** GET a provider path with the token; checked against the contract. */
export async function get(url: string, path: string, token: string) {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } })
  return checked('GET', path, response)
}

/** A control call (`/sandbox/...`), which the contract does not describe. */
export function control(url: string, token: string, method: string, path: string, body?: unknown) {
  return fetch(`${url}/sandbox${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}
