import { MultipartError, MultipartParser, type PartInfo } from '../core/multipart.ts'
import { safeFileName } from './file-name.ts'

const encoder = new TextEncoder()

/** The two parts the provider's upload takes; any other part is refused, not forwarded. */
const FORWARDED_PARTS = ['type', 'file'] as const

/**
 * A value inside a quoted header parameter, escaped the way browsers escape form names (`"`, CR,
 * LF as `%22`, `%0D`, `%0A`) and the backslash as `%5C` too, so no parser downstream can read a
 * quoted-pair in it: what the provider parses is what the proxy checked.
 */
export function quoted(value: string): string {
  return `"${value.replace(/["\\\r\n]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}"`
}

// `type/subtype` with token characters only; anything else is not forwarded.
const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]{1,64}\/[A-Za-z0-9!#$&^_.+-]{1,64}$/

/** A part's headers rebuilt from what was checked: its name, the safe file name, a plain type. */
function partHead(name: (typeof FORWARDED_PARTS)[number], part: PartInfo): string {
  if (name === 'type') return 'Content-Disposition: form-data; name="type"\r\n'
  let head = `Content-Disposition: form-data; name="file"; filename=${quoted(safeFileName(part.fileName ?? ''))}\r\n`
  const type = part.contentType?.split(';')[0]?.trim() ?? ''
  if (MEDIA_TYPE.test(type)) head += `Content-Type: ${type}\r\n`
  return head
}

/** A fresh boundary of token characters only, whatever the browser's was (quoted, with spaces). */
export function freshBoundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return `kyc-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`
}

/**
 * The browser's multipart body, re-framed part by part as it streams, under the proxy's own
 * `outBoundary`: only the `type` and `file` parts pass, once each, their headers rebuilt from the
 * values the proxy checked (a fixed name, the file name made safe by `safeFileName`, a plain
 * `Content-Type`) and nothing else, so any parser downstream reads exactly what the proxy saw;
 * the bytes of both parts pass unchanged. Pulls only as fast as the provider reads. A body that
 * is not well-formed multipart, or has another part or one twice, fails the stream after
 * `onMalformed` is told why.
 */
export function rewriteUploadParts(
  body: ReadableStream<Uint8Array>,
  boundary: string,
  outBoundary: string,
  onMalformed: (error: MultipartError) => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let out: Uint8Array[] = []
  const seen = new Set<string>()
  const parser = new MultipartParser(boundary, (part) => {
    const name = FORWARDED_PARTS.find((known) => known === part.name)
    if (name === undefined || seen.has(name)) {
      throw new MultipartError(
        'Send exactly two fields, type and file, once each.',
        name ?? part.name.slice(0, 64),
      )
    }
    out.push(
      encoder.encode(
        `${seen.size === 0 ? '' : '\r\n'}--${outBoundary}\r\n${partHead(name, part)}\r\n`,
      ),
    )
    seen.add(name)
    return {
      // The parser's chunk is a view of its buffer, reused once this call returns.
      write: (chunk) => void out.push(chunk.slice()),
      end: () => {},
    }
  })
  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, error: unknown) => {
    if (error instanceof MultipartError) onMalformed(error)
    controller.error(error)
    reader.cancel(error).catch(() => {})
  }
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          while (out.length === 0) {
            const { done, value } = await reader.read()
            if (done) {
              parser.finish()
              if (seen.size === 0) throw new MultipartError('The body has no parts.')
              controller.enqueue(encoder.encode(`\r\n--${outBoundary}--\r\n`))
              controller.close()
              return
            }
            parser.push(value)
          }
        } catch (error) {
          fail(controller, error)
          return
        }
        for (const chunk of out) controller.enqueue(chunk)
        out = []
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  )
}
