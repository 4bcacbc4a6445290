/**
 * How much of the browser's body is kept to send again after a reset connection. Undici pulls the
 * first chunk before it writes the request head, and may pull a few more before the reset shows,
 * so "nothing consumed yet" never holds for a streamed body; a few socket-sized chunks do.
 */
export const MAX_REPLAY_BYTES = 256 * 1024

/** The browser's body as one upstream attempt after another sees it. */
export interface ReplayableBody {
  /** The stream for the first attempt. */
  readonly first: ReadableStream<Uint8Array>
  /**
   * A stream for another attempt: the bytes earlier attempts pulled, then the rest of the source.
   * `null` once more than the replay window has passed (those bytes are gone). The earlier
   * attempt's stream fails from then on.
   */
  again(): ReadableStream<Uint8Array> | null
  /** Whether the source was read to its end: the whole body may have reached the provider. */
  readonly ended: boolean
  /** The call is over: let go of the source (cancelling it, which drains the browser's body). */
  release(): void
}

/**
 * Wraps `source` so that an attempt which failed early can be sent again byte for byte. Pulls
 * only as fast as the current attempt reads; keeps at most `maxReplayBytes` (plus one chunk),
 * and nothing once the window is passed. An attempt's cancel leaves the source alone: the next
 * attempt, or `release()`, decides what becomes of it.
 */
export function replayableBody(
  source: ReadableStream<Uint8Array>,
  maxReplayBytes = MAX_REPLAY_BYTES,
): ReplayableBody {
  const reader = source.getReader()
  // chunks[0] is chunk number `dropped` of the source; chunks before it were passed on for good.
  const chunks: Uint8Array[] = []
  let dropped = 0
  let heldBytes = 0
  let replayable = true
  let ended = false
  let reading: Promise<void> | undefined
  let current = 0

  const readMore = (): Promise<void> =>
    (reading ??= (async () => {
      try {
        const { done, value } = await reader.read()
        if (done) ended = true
        else {
          chunks.push(value)
          heldBytes += value.byteLength
          if (heldBytes > maxReplayBytes) replayable = false
        }
      } finally {
        reading = undefined
      }
    })())

  function attempt(): ReadableStream<Uint8Array> {
    const self = ++current
    let position = 0
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          // A newer attempt took over (what was read stays for it), or the call is over.
          const superseded = () => self !== current
          while (!superseded() && position - dropped >= chunks.length && !ended) await readMore()
          if (superseded()) return controller.error(new Error('superseded'))
          const chunk = chunks[position - dropped]
          if (chunk === undefined) return controller.close()
          position += 1
          if (!replayable) {
            chunks.splice(0, position - dropped)
            dropped = position
          }
          controller.enqueue(chunk)
        },
      },
      { highWaterMark: 0 },
    )
  }

  return {
    first: attempt(),
    again: () => (replayable && dropped === 0 ? attempt() : null),
    get ended() {
      return ended
    },
    release() {
      current = -1
      replayable = false
      chunks.length = 0
      reader.cancel().catch(() => {})
    },
  }
}
