/**
 * A Server-Sent Events client over `fetch`, for test environments that have no `EventSource`
 * (jsdom, Node 20): the widget follows the proxy's pushed statuses there as in a browser,
 * instead of polling every two seconds. What the widget uses of the standard: `open`, `error`
 * and named events with `data` and `lastEventId`, `onopen`/`onerror`/`onmessage`, `close()`,
 * reconnecting after `retry` (default 1 s) with `Last-Event-ID`; a 204, another status or another
 * content type closes it for good, as a browser does.
 */
export class FetchEventSource extends EventTarget {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSED = 2
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSED = 2
  readonly url: string
  readonly withCredentials: boolean
  readyState = 0
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: Event) => void) | null = null

  readonly #aborter = new AbortController()
  #lastEventId = ''
  #retryMs = 1000
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(url: string | URL, init: EventSourceInit = {}) {
    super()
    const base = typeof location === 'undefined' ? undefined : location.href
    this.url = new URL(String(url), base).href
    this.withCredentials = init.withCredentials ?? false
    void this.#connect()
  }

  close(): void {
    this.readyState = FetchEventSource.CLOSED
    clearTimeout(this.#timer)
    this.#aborter.abort()
  }

  #emit(event: Event): void {
    this.dispatchEvent(event)
    if (event.type === 'open') this.onopen?.(event)
    else if (event.type === 'error') this.onerror?.(event)
    else if (event.type === 'message') this.onmessage?.(event as MessageEvent)
  }

  async #connect(): Promise<void> {
    const headers: Record<string, string> = { accept: 'text/event-stream' }
    if (this.#lastEventId) headers['last-event-id'] = this.#lastEventId
    let response: Response
    try {
      response = await fetch(this.url, { headers, signal: this.#aborter.signal })
    } catch {
      return this.#reconnect()
    }
    const type = response.headers.get('content-type') ?? ''
    if (response.status !== 200 || !type.startsWith('text/event-stream') || !response.body) {
      await response.body?.cancel()
      this.close()
      this.#emit(new Event('error'))
      return
    }
    this.readyState = FetchEventSource.OPEN
    this.#emit(new Event('open'))
    try {
      await this.#read(response.body)
    } catch {
      // The connection dropped, or `close()` aborted it.
    }
    this.#reconnect()
  }

  #reconnect(): void {
    if (this.readyState === FetchEventSource.CLOSED) return
    this.readyState = FetchEventSource.CONNECTING
    this.#emit(new Event('error'))
    this.#timer = setTimeout(() => void this.#connect(), this.#retryMs)
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder()
    let buffer = ''
    let name = ''
    let data: string[] = []
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true })
      const lines = buffer.split(/\r\n|\r|\n/)
      buffer = lines.pop() ?? ''
      for (const line of lines) {
        if (line === '') {
          if (data.length > 0 && this.readyState === FetchEventSource.OPEN) {
            const event = new MessageEvent(name || 'message', {
              data: data.join('\n'),
              lastEventId: this.#lastEventId,
              origin: new URL(this.url).origin,
            })
            this.#emit(event)
          }
          name = ''
          data = []
          continue
        }
        if (line.startsWith(':')) continue
        const colon = line.indexOf(':')
        const field = colon === -1 ? line : line.slice(0, colon)
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
        if (field === 'event') name = value
        else if (field === 'data') data.push(value)
        else if (field === 'id' && !value.includes('\0')) this.#lastEventId = value
        else if (field === 'retry' && /^\d+$/.test(value)) this.#retryMs = Number(value)
      }
    }
  }
}
