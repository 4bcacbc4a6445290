// `kyc-uploader/server/node`: the proxy on Node's own HTTP server, or in Express / Connect.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'

/** A Web-standard handler, such as the one `createKycProxy` returns. */
export type WebHandler = (request: Request) => Response | Promise<Response>

/** A `node:http` request listener; Express and Connect accept it as middleware too. */
export type NodeListener = (request: IncomingMessage, response: ServerResponse) => Promise<void>

/** Express and Connect keep the URL as the browser sent it here, and the mount path here. */
type MountedRequest = IncomingMessage & { originalUrl?: string; baseUrl?: string }

const warned = new WeakSet<object>()

/**
 * Serves a Web-standard handler from `node:http`: the request body is streamed in with
 * backpressure, the response streamed out, and the handler's `request.signal` aborts when the
 * client goes away (so the proxy stops its upstream upload). The process's global `Request` and
 * `Response` are left alone.
 *
 * Mounted in Express or Connect (`app.use('/api/kyc', toNodeListener(kyc))`), the proxy sees the
 * URL as the browser sent it (`req.originalUrl`, mount path included), so its `prefix` is the
 * mount path there as everywhere else (`'/api/kyc'`), and the hand-off links, the hand-off
 * cookie's path and the log lines carry it. A proxy made with `prefix: ''` under such a mount
 * still gets the URL without the mount path (as before), with one warning naming the prefix to
 * set. Any other handler gets the URL without the mount path.
 */
export function toNodeListener(handler: WebHandler): NodeListener {
  const listener = getRequestListener((request) => handler(request), {
    overrideGlobalObjects: false,
  })
  return async (incoming: MountedRequest, outgoing) => {
    const { originalUrl, baseUrl } = incoming
    const stripped = incoming.url
    const mounted = typeof originalUrl === 'string' && originalUrl !== stripped
    // `createKycProxy` marks its handler with its (normalised) prefix.
    const { prefix } = handler as { prefix?: unknown }
    if (mounted && typeof prefix === 'string') {
      if (prefix !== '') {
        incoming.url = originalUrl
      } else if (!warned.has(handler)) {
        warned.add(handler)
        console.warn(
          `kyc-uploader: the proxy is mounted at '${baseUrl ?? originalUrl}' with prefix ''; ` +
            `create it with prefix: '${baseUrl ?? '/api/kyc'}' so that hand-off links, the ` +
            `hand-off cookie's path and the log lines include the mount path.`,
        )
      }
    }
    try {
      await listener(incoming, outgoing)
    } finally {
      incoming.url = stripped
    }
  }
}
