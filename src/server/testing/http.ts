// Test helpers: real HTTP servers on ephemeral ports, and streamed multipart bodies.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'

export interface RunningServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string
  server: Server
  close(): Promise<void>
}

async function listen(server: Server): Promise<RunningServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Serves a Web handler over node:http, as a host application would mount the proxy. */
export function serveHandler(
  handler: (request: Request) => Promise<Response>,
): Promise<RunningServer> {
  return listen(createServer(getRequestListener(handler)))
}

/** Serves a raw node:http listener (a provider that stalls, drops, or misbehaves). */
export function serveRaw(
  listener: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<RunningServer> {
  return listen(createServer(listener))
}

/** A loopback URL where nothing listens (a port that was free a moment ago). */
export async function unusedUrl(): Promise<string> {
  const running = await serveRaw(() => {})
  await running.close()
  return running.url
}

export interface MultipartUpload {
  body: ReadableStream<Uint8Array>
  contentType: string
  /** Exact byte length of the body. */
  length: number
}

const CHUNK = 64 * 1024

/**
 * A `multipart/form-data` body with fields `type` and `file`, where the file is a PDF of
 * `fileSize` bytes generated chunk by chunk (never held whole in memory).
 */
export function multipartPdf(options: {
  type: string
  fileSize: number
  fileName?: string
}): MultipartUpload {
  const boundary = `----kyc-test-${Math.random().toString(16).slice(2)}`
  const encoder = new TextEncoder()
  const head = encoder.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\n${options.type}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${options.fileName ?? 'document.pdf'}"\r\n` +
      `Content-Type: application/pdf\r\n\r\n`,
  )
  const pdfHead = encoder.encode('%PDF-1.7\n%\u00e2\u00e3\n')
  const pdfTail = encoder.encode('\n%%EOF\n')
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`)
  const fillerSize = options.fileSize - pdfHead.length - pdfTail.length
  if (fillerSize < 0) throw new Error('fileSize too small for a PDF')
  const filler = new Uint8Array(CHUNK).fill(0x20)
  let remaining = fillerSize
  let stage = 0
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (stage === 0) {
          controller.enqueue(head)
          controller.enqueue(pdfHead)
          stage = 1
        } else if (remaining > 0) {
          const size = Math.min(CHUNK, remaining)
          remaining -= size
          controller.enqueue(size === CHUNK ? filler.slice() : filler.slice(0, size))
        } else {
          controller.enqueue(pdfTail)
          controller.enqueue(tail)
          controller.close()
        }
      },
    },
    { highWaterMark: 0 },
  )
  return {
    body,
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: head.length + options.fileSize + tail.length,
  }
}

/** SHA-256 (hex) of the PDF `multipartPdf` generates for `fileSize`, to compare with what was stored. */
export async function generatedPdfSha256(fileSize: number): Promise<string> {
  const { createHash } = await import('node:crypto')
  const upload = multipartPdf({ type: 'x', fileSize })
  const hash = createHash('sha256')
  const bytes = new Uint8Array(await new Response(upload.body).arrayBuffer())
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 400))
  const start = text.indexOf('%PDF-')
  hash.update(bytes.subarray(start, start + fileSize))
  return hash.digest('hex')
}

/**
 * `fetch` with a streamed body (Node needs `duplex: 'half'`), with a fresh `Idempotency-Key` as
 * the widget always sends one, unless `headers` names its own.
 */
export function postStream(
  url: string,
  upload: MultipartUpload,
  headers: Record<string, string> = {},
): Promise<Response> {
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: {
      'content-type': upload.contentType,
      'idempotency-key': crypto.randomUUID(),
      ...headers,
    },
    body: upload.body,
    duplex: 'half',
  }
  return fetch(url, init)
}

/**
 * Sends a request exactly as written (no URL normalisation by a client library), for malformed
 * paths and oversized headers. Resolves with the status and body text the server sent.
 */
export async function rawRequest(
  baseUrl: string,
  requestText: string,
): Promise<{ status: number; headers: string; body: string }> {
  const { Socket } = await import('node:net')
  const { port, hostname } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const socket = new Socket()
    let received = ''
    socket.setEncoding('latin1')
    socket.on('data', (data: string) => {
      received += data
    })
    socket.on('error', reject)
    socket.on('close', () => {
      const [head = '', ...rest] = received.split('\r\n\r\n')
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)
      resolve({ status, headers: head, body: rest.join('\r\n\r\n') })
    })
    socket.connect(Number(port), hostname, () => {
      socket.end(requestText)
    })
  })
}

/** Starts `testing/proxy-process.ts` in a child process; resolves once it listens. */
export async function startProxyProcess(env: Record<string, string>): Promise<{
  url: string
  memory(path: '/__memory' | '/__memory/reset'): Promise<MemoryReport>
  close(): void
}> {
  const { spawn } = await import('node:child_process')
  const { fileURLToPath } = await import('node:url')
  const script = fileURLToPath(new URL('./proxy-process.ts', import.meta.url))
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (data: string) => {
      out += data
      const match = /READY (\S+)/.exec(out)
      if (match?.[1]) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`proxy process exited with ${code}`)))
  })
  return {
    url,
    memory: async (path) => (await (await fetch(`${url}${path}`)).json()) as MemoryReport,
    close: () => child.kill(),
  }
}

export interface MemorySample {
  rss: number
  heapUsed: number
  arrayBuffers: number
}

export interface MemoryReport {
  baseline: MemorySample
  /** Highest sample, garbage included. */
  peak: MemorySample
  /** Highest sample taken right after a forced garbage collection: what is really held. */
  retainedPeak: MemorySample
}
