import type { ProxyContext } from './context.ts'
import { ProblemError } from './problem.ts'
import { fetchCustomer } from './read-customer.ts'
import { type CachedStatus, statusChannel } from './status/status-cache.ts'

export interface EventStreamOptions {
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs: number
  /** Most streams open at once per session (the host's, or each phone's), per instance. */
  maxStreamsPerSession: number
  /** Most streams open at once on this instance; past it 503 with `Retry-After`, and the widget polls. */
  maxStreams: number
  /**
   * While the store is degraded no other instance's events arrive: each customer followed here
   * is read again this often (one read for all its streams, through the status cache).
   */
  degradedRefreshMs: number
}

/** Who opens a stream, and until when it may stay open. */
export interface StreamActor {
  /** Counts the actor's streams apart from any other's (`host:…`, `phone:…`). */
  key: string
  /** A phone session's streams end with it: at its expiry, or when it is ended. */
  lease?: {
    expiresAt: number
    /** Published on when the session is ended (any instance). */
    endedChannel: string
    /** Checked at each heartbeat, should an end not be heard. */
    stillValid: () => Promise<boolean>
  }
}

export interface EventStreams {
  open(context: ProxyContext, customerId: string, request: Request, actor: StreamActor): Response
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
 * browser leaves, and a phone session's streams close when it expires or is ended; more than
 * `maxStreamsPerSession` at once for one actor is 429, more than `maxStreams` on the instance 503.
 */
export function createEventStreams(options: EventStreamOptions): EventStreams {
  const perSession = new Map<string, number>()
  let count = 0
  const encoder = new TextEncoder()
  // Customers with a stream open here, and how many streams each.
  const followed = new Map<string, number>()
  let refresher: ReturnType<typeof setInterval> | undefined

  function follow(context: ProxyContext, customerId: string): () => void {
    followed.set(customerId, (followed.get(customerId) ?? 0) + 1)
    refresher ??= setInterval(() => {
      if (!context.status.degraded) return
      // A read that finds news applies it, and the status channel (local while degraded) brings
      // it to this instance's streams.
      for (const id of followed.keys()) {
        void context.status
          .read(id, () => fetchCustomer(context, id, new AbortController().signal))
          .catch(() => {})
      }
    }, options.degradedRefreshMs)
    refresher.unref?.()
    return () => {
      const left = (followed.get(customerId) ?? 1) - 1
      if (left > 0) followed.set(customerId, left)
      else followed.delete(customerId)
      if (followed.size === 0) {
        clearInterval(refresher)
        refresher = undefined
      }
    }
  }

  return {
    get count() {
      return count
    },
    open(context, customerId, request, actor) {
      if (count >= options.maxStreams) {
        // EventSource does not reconnect after a 503: the widget polls instead.
        throw new ProblemError(
          503,
          'too_many_streams',
          'This server holds all the streams it can.',
          {
            headers: new Headers({ 'retry-after': '60' }),
          },
        )
      }
      const open = perSession.get(actor.key) ?? 0
      if (open >= options.maxStreamsPerSession) {
        throw new ProblemError(429, 'too_many_streams', 'Too many status streams are open.', {
          headers: new Headers({ 'retry-after': '30' }),
        })
      }
      perSession.set(actor.key, open + 1)
      count += 1
      const unfollow = follow(context, customerId)
      const { lease } = actor
      let lastId = request.headers.get('last-event-id')
      let closed = false
      let heartbeat: ReturnType<typeof setInterval> | undefined
      let expiry: ReturnType<typeof setTimeout> | undefined
      let unsubscribe: (() => Promise<void>) | undefined
      let unsubscribeEnd: (() => Promise<void>) | undefined
      let controller: ReadableStreamDefaultController<Uint8Array> | undefined

      const close = () => {
        if (closed) return
        closed = true
        count -= 1
        unfollow()
        const left = (perSession.get(actor.key) ?? 1) - 1
        if (left > 0) perSession.set(actor.key, left)
        else perSession.delete(actor.key)
        clearInterval(heartbeat)
        clearTimeout(expiry)
        request.signal.removeEventListener('abort', close)
        void unsubscribe?.().catch(() => {})
        void unsubscribeEnd?.().catch(() => {})
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
          heartbeat = setInterval(() => {
            write(': ping\n\n')
            if (lease)
              void lease.stillValid().then(
                (valid) => valid || close(),
                () => {},
              )
          }, options.heartbeatMs)
          if (lease) {
            // A timer may not be set further out than 2^31 - 1 ms (24.8 days).
            expiry = setTimeout(
              close,
              Math.min(Math.max(0, lease.expiresAt - Date.now()), 2 ** 31 - 1),
            )
            try {
              const stop = await context.status.store.subscribe(lease.endedChannel, close)
              if (closed) return void stop()
              unsubscribeEnd = stop
            } catch {
              // The heartbeat's check still ends it.
            }
          }
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
