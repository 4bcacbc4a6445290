/**
 * The widget's component tests run against the real sandbox over real HTTP: reads through
 * Node's `fetch`, uploads through jsdom's real `XMLHttpRequest` from a page on the sandbox's
 * origin (the widget always calls its own origin: the host's proxy). jsdom only (Node APIs).
 */
import { sameOriginXhr } from '../../api/testing/browser-http.ts'
import { shimBlobArrayBuffer } from '../../core/testing/jsdomBlob.ts'
import type { TokenSupplier } from '../../api/client.ts'
import { startSandboxServer, type SandboxServerOptions } from '../../sandbox/index.ts'

export interface SentUpload {
  url: string
  headers: Record<string, string>
}

/**
 * Starts a sandbox on an ephemeral port and makes this jsdom page's `XMLHttpRequest` a
 * same-origin one for it, recording the headers of each request it opens.
 */
export async function startWidgetSandbox(options: SandboxServerOptions = {}) {
  shimBlobArrayBuffer()
  const server = await startSandboxServer({ port: 0, reviewDelayMs: 300, ...options })
  const page = sameOriginXhr(server.url)
  const uploads: SentUpload[] = []
  const originalXhr = globalThis.XMLHttpRequest

  function PageXhr(): XMLHttpRequest {
    const xhr = page.createXhr()
    const open = xhr.open.bind(xhr) as (method: string, url: string) => void
    const setRequestHeader = xhr.setRequestHeader.bind(xhr)
    const sent: SentUpload = { url: '', headers: {} }
    xhr.open = ((method: string, url: string) => {
      sent.url = url
      uploads.push(sent)
      open(method, url)
    }) as typeof xhr.open
    xhr.setRequestHeader = (name, value) => {
      sent.headers[name.toLowerCase()] = value
      setRequestHeader(name, value)
    }
    return xhr
  }
  globalThis.XMLHttpRequest = PageXhr as unknown as typeof XMLHttpRequest

  let token: string | null = null
  const tokenRequests = { count: 0 }
  const getToken: TokenSupplier = async ({ forceRefresh }) => {
    if (token && !forceRefresh) return token
    tokenRequests.count += 1
    token = await sandboxToken(server.url, fetch)
    return token
  }

  /** Customer reads the widget made (through its `fetch` prop). */
  const reads: string[] = []
  const countingFetch: typeof fetch = (input, init) => {
    reads.push(String(input))
    return fetch(input, init)
  }

  return {
    url: server.url,
    /** The widget's props for this sandbox, polling every 100 ms. */
    props: { baseUrl: server.url, getToken, fetch: countingFetch, pollInterval: 100 },
    control: server.sandbox.control,
    getToken,
    tokenRequests,
    fetch: countingFetch,
    reads,
    uploads,
    async close() {
      globalThis.XMLHttpRequest = originalXhr
      page.close()
      await server.close()
    },
  }
}

/** An access token by client credentials: what a host's backend does, here in a test. */
export async function sandboxToken(baseUrl: string, send: typeof fetch): Promise<string> {
  const response = await send(`${baseUrl}/auth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${btoa('sandbox:sandbox-secret')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  })
  return ((await response.json()) as { access_token: string }).access_token
}

export type WidgetSandbox = Awaited<ReturnType<typeof startWidgetSandbox>>

/**
 * A `multipart/form-data` upload body written by hand, for uploads made "elsewhere" (another
 * tab, a setup step): this jsdom page's `FormData` is jsdom's, which Node's `fetch` cannot send.
 */
export function multipartUpload(
  type: string,
  bytes: Uint8Array,
  fileName: string,
  contentType: string,
) {
  const boundary = 'kyc-test-boundary'
  const encoder = new TextEncoder()
  const head = encoder.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\n${type}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  )
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`)
  const body = new Uint8Array(head.length + bytes.length + tail.length)
  body.set(head)
  body.set(bytes, head.length)
  body.set(tail, head.length + bytes.length)
  return { body, contentType: `multipart/form-data; boundary=${boundary}` }
}
