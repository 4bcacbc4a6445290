/**
 * Helpers for testing the browser client over real HTTP from a jsdom test: an XMLHttpRequest
 * whose page shares the server's origin (the widget always calls its own origin), and a log of
 * what a node:http server received, with its multipart body parsed by Node's own `FormData`.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'

interface JsdomInstance {
  window: Window & typeof globalThis
}
type JsdomConstructor = new (html: string, options: { url: string }) => JsdomInstance

/**
 * `createXhr` for a page served from `url`'s origin. jsdom's `reconfigure({ url })` moves the
 * document but not the origin its XHR checks CORS against, so a second window is made instead,
 * with the constructor of the `jsdom` instance that vitest's jsdom environment exposes.
 */
export function sameOriginXhr(url: string): { createXhr: () => XMLHttpRequest; close(): void } {
  const current = (globalThis as { jsdom?: { constructor: JsdomConstructor } }).jsdom
  if (!current) throw new Error('sameOriginXhr needs `// @vitest-environment jsdom`')
  const dom = new current.constructor('<!doctype html>', { url: new URL('/', url).href })
  return {
    createXhr: () => new dom.window.XMLHttpRequest(),
    close: () => dom.window.close(),
  }
}

export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: Buffer
}

/** Reads a whole request body. */
export async function receive(request: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return {
    method: request.method ?? '',
    url: request.url ?? '',
    headers: request.headers,
    body: Buffer.concat(chunks),
  }
}

export interface ReceivedPart {
  name: string
  /** Set for file parts. */
  fileName?: string
  contentType?: string
  bytes: Uint8Array
}

/** Parses a received `multipart/form-data` body with Node's (undici's) own parser. */
export async function multipartParts(received: ReceivedRequest): Promise<ReceivedPart[]> {
  const form = await new Response(new Uint8Array(received.body), {
    headers: { 'content-type': received.headers['content-type'] ?? '' },
  }).formData()
  const parts: ReceivedPart[] = []
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      parts.push({ name, bytes: new TextEncoder().encode(value) })
    } else {
      const bytes = new Uint8Array(await value.arrayBuffer())
      parts.push({ name, fileName: value.name, contentType: value.type, bytes })
    }
  }
  return parts
}
