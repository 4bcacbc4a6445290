import { MultipartError, MultipartParser, type PartInfo } from '../core/multipart.ts'
import { safeFileName } from './file-name.ts'

const encoder = new TextEncoder()

/** A form field name or file name inside a quoted header parameter, as browsers escape them. */
function quoted(value: string): string {
  return `"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`
}

// `type/subtype` with token characters only; anything else is not forwarded.
const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]{1,64}\/[A-Za-z0-9!#$&^_.+-]{1,64}$/

function partHead(part: PartInfo): string {
  let disposition = `form-data; name=${quoted(part.name)}`
  if (part.fileName !== null) disposition += `; filename=${quoted(safeFileName(part.fileName))}`
  let head = `Content-Disposition: ${disposition}\r\n`
  const type = part.contentType?.split(';')[0]?.trim() ?? ''
  if (MEDIA_TYPE.test(type)) head += `Content-Type: ${type}\r\n`
  return head
}

/**
 * The browser's multipart body, re-framed part by part as it streams: the bytes of every part
 * pass unchanged, while each part's headers are rewritten to a `Content-Disposition` (with the
 * file name made safe by `safeFileName`) and a plain `Content-Type`, and nothing else. Pulls
 * only as fast as the provider reads. A body that is not well-formed multipart fails the stream,
 * after `onMalformed` is told why.
 */
export function rewriteUploadParts(
  body: ReadableStream<Uint8Array>,
  boundary: string,
  onMalformed: (error: MultipartError) => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let out: Uint8Array[] = []
  let parts = 0
  const parser = new MultipartParser(boundary, (part) => {
    out.push(encoder.encode(`${parts++ === 0 ? '' : '\r\n'}--${boundary}\r\n${partHead(part)}\r\n`))
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
              if (parts === 0) throw new MultipartError('The body has no parts.')
              controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`))
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
