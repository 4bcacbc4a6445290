/** A request body longer than its route accepts. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError'
  constructor(readonly limit: number) {
    super(`The body is longer than ${limit} bytes.`)
  }
}

/**
 * Reads a small body (a request's JSON or form, a provider's answer) as text, counting bytes as
 * they arrive and giving up the moment they pass `maxBytes`: a declared `Content-Length` over the
 * limit is refused before any byte is read, and an endless or lying body costs at most one chunk
 * over the limit, never the whole of it in memory. Throws `BodyTooLargeError`; the rest of the
 * body is cancelled. `onChunk` hears of each chunk (an idle timer's progress).
 */
export async function readTextLimited(
  message: Pick<Request, 'headers' | 'body'>,
  maxBytes: number,
  onChunk?: () => void,
): Promise<string> {
  const declared = message.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    throw new BodyTooLargeError(maxBytes)
  }
  if (!message.body) return ''
  const reader = message.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    total += value.byteLength
    if (total > maxBytes) {
      reader.cancel().catch(() => {})
      throw new BodyTooLargeError(maxBytes)
    }
    onChunk?.()
    text += decoder.decode(value, { stream: true })
  }
}
