/** Room for the multipart framing around the file: boundaries, part headers, the `type` field. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024

// After the limit is crossed the rest of the browser's body is read and dropped (so the browser
// still sees the answer instead of a reset connection), up to this much and this long; then it is
// cancelled, so a client trickling bytes cannot hold the connection through the drain either.
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024
export const MAX_DISCARD_MS = 10_000

export interface SizeLimitHooks {
  /** Called for every chunk that passes, with its size. */
  onChunk?: (bytes: number) => void
  /** Called once, when the running total first exceeds the limit. */
  onExceeded: (total: number) => void
  /** How long the rest may be drained once the consumer stops. Default: `MAX_DISCARD_MS`. */
  drainMs?: () => number
}

/** The error a limited stream fails with once its body is over the limit. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`)
    this.name = 'BodyTooLargeError'
  }
}

async function discardRest(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxMs: number,
): Promise<void> {
  let discarded = 0
  const timer = setTimeout(() => void reader.cancel().catch(() => {}), maxMs)
  try {
    while (discarded <= MAX_DISCARDED_BYTES) {
      const { done, value } = await reader.read()
      if (done) return
      discarded += value.byteLength
    }
    await reader.cancel()
  } catch {
    // The browser went away, or the drain ran out of time: nothing left to drain.
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Passes `body` through chunk by chunk, pulling only when the consumer asks (so backpressure
 * reaches the browser and nothing piles up in memory), counting bytes as they go. Once more than
 * `maxBytes` have passed, the stream fails with `BodyTooLargeError` and the rest is drained.
 */
export function limitBody(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  hooks: SizeLimitHooks,
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let total = 0
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read()
        if (done) {
          controller.close()
          return
        }
        total += value.byteLength
        if (total > maxBytes) {
          hooks.onExceeded(total)
          controller.error(new BodyTooLargeError(maxBytes))
          void discardRest(reader, hooks.drainMs?.() ?? MAX_DISCARD_MS)
          return
        }
        hooks.onChunk?.(value.byteLength)
        controller.enqueue(value)
      },
      cancel() {
        // The upstream call ended early (timeout, provider gone): drain rather than cancel, since
        // cancelling the browser's body can reset its connection before our answer reaches it.
        void discardRest(reader, hooks.drainMs?.() ?? MAX_DISCARD_MS)
      },
    },
    { highWaterMark: 0 },
  )
}
