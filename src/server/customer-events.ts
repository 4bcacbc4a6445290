import type { ProxyContext } from './context.ts'
import { ProblemError } from './problem.ts'
import { fetchCustomer } from './read-customer.ts'
import { type CachedStatus, statusChannel } from './status/status-cache.ts'

export interface EventStreamOptions {
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs: number
  /** Most streams open at once per session (the customer `authorize` allows), per instance. */
  maxStreamsPerSession: number
}

export interface EventStreams {
  open(context: ProxyContext, customerId: string, request: Request): Response
  /** Streams open now on this instance. */
  readonly count: number
}

// FNV-1a of the view: an event's id names its content, so a resync after a reconnect sends the
// status again only when it changed.
function eventId(status: CachedStatus): string {
  const text = JSON.stringify(status.customer)
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0
  }
  return `${status.version}-${hash.toString(36)}`
}

/**
 * `GET {prefix}/customers/{id}/events`: the customer's public view as Server-Sent Events, one
 * `status` event now and one on every change (webhooks, uploads, reads that found news, from
 * any instance sharing the store), a heartbeat comment in between. A reconnect's
 * `Last-Event-ID` that names the current view gets no repeat. Everything is released when the
 * browser leaves; more than `maxStreamsPerSession` at once is 429.
 */
export function createEventStreams(options: EventStreamOptions): EventStreams {
  const perSession = new Map<string, number>()
  let count = 0
  const encoder = new TextEncoder()

  return {
    get count() {
      return count
    },
    open(context, customerId, request) {
      const open = perSession.get(customerId) ?? 0
      if (open >= options.maxStreamsPerSession) {
        throw new ProblemError(429, 'too_many_streams', 'Too many status streams are open.', {
          headers: new Headers({ 'retry-after': '30' }),
        })
      }
      perSession.set(customerId, open + 1)
      count += 1
      let lastId = request.headers.get('last-event-id')
      let closed = false
      let heartbeat: ReturnType<typeof setInterval> | undefined
      let unsubscribe: (() => Promise<void>) | undefined
      let controller: ReadableStreamDefaultController<Uint8Array> | undefined

      const close = () => {
        if (closed) return
        closed = true
        count -= 1
        const left = (perSession.get(customerId) ?? 1) - 1
        if (left > 0) perSession.set(customerId, left)
        else perSession.delete(customerId)
        clearInterval(heartbeat)
        request.signal.removeEventListener('abort', close)
        void unsubscribe?.().catch(() => {})
        try {
          controller?.close()
        } catch {
          // Already closed by the other side.
        }
      }
      const write = (text: string) => {
        if (closed || !controller) return
        try {
          controller.enqueue(encoder.encode(text))
        } catch {
          close()
        }
      }
      const send = (status: CachedStatus) => {
        const id = eventId(status)
        if (id === lastId) return
        lastId = id
        write(`id: ${id}\nevent: status\ndata: ${JSON.stringify(status.customer)}\n\n`)
      }

      const body = new ReadableStream<Uint8Array>({
        async start(streamController) {
          controller = streamController
          request.signal.addEventListener('abort', close)
          write('retry: 3000\n\n')
          heartbeat = setInterval(() => write(': ping\n\n'), options.heartbeatMs)
          try {
            const subscription = await context.status.store.subscribe(
              statusChannel(customerId),
              (message) => send(JSON.parse(message) as CachedStatus),
            )
            if (closed) return void subscription()
            unsubscribe = subscription
            const read = await context.status.read(customerId, () =>
              fetchCustomer(context, customerId, new AbortController().signal),
            )
            const known = await context.status.known(customerId)
            if (known) send(known)
            else send({ customer: read.customer, version: 0, confirmedAt: Date.now() })
          } catch {
            // No status to start with (the provider is down and nothing is known): the stream
            // stays open for the next change, and the widget keeps its poll as the safety net.
          }
        },
        cancel: close,
      })
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store, no-transform',
          'x-accel-buffering': 'no',
          'x-content-type-options': 'nosniff',
        },
      })
    },
  }
}
