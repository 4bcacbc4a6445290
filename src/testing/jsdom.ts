// What the widget needs in vitest's jsdom environment and jsdom lacks, put in place by the test
// kit while it runs (and taken away by its `close()`).
import { shimBlobArrayBuffer } from '../core/testing/jsdomBlob.ts'
import { FetchEventSource } from './event-source.ts'

interface VitestJsdom {
  reconfigure(settings: { url: string }): void
}

/** vitest's jsdom environment exposes the `JSDOM` instance as the global `jsdom`. */
function vitestJsdom(): VitestJsdom | undefined {
  const candidate = (globalThis as { jsdom?: Partial<VitestJsdom> }).jsdom
  return typeof candidate?.reconfigure === 'function' ? (candidate as VitestJsdom) : undefined
}

/** Whether this test runs in vitest's jsdom environment. */
export function inVitestJsdom(): boolean {
  return vitestJsdom() !== undefined && typeof document !== 'undefined'
}

/**
 * Moves the page onto `origin`, so a relative base URL (`/api/kyc`) reaches the kit as it
 * reaches the host's backend in a browser; gives the page an `EventSource` (jsdom has none: the
 * widget would poll every 2 s instead of following pushed reviews) and `Blob#arrayBuffer`
 * (jsdom 27 has none: the widget reads a file's first and last bytes to check its signature).
 * Answers the function that puts the page's URL and `EventSource` back.
 */
export function setUpJsdom(origin: string): () => void {
  const dom = vitestJsdom()
  if (!dom) return () => {}
  const previousUrl = location.href
  dom.reconfigure({ url: `${origin}/` })
  shimBlobArrayBuffer()
  const scope = globalThis as { EventSource?: unknown }
  const installed = scope.EventSource === undefined
  if (installed) scope.EventSource = FetchEventSource
  return () => {
    dom.reconfigure({ url: previousUrl })
    if (installed && scope.EventSource === FetchEventSource) delete scope.EventSource
  }
}
