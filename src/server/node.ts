// `kyc-uploader/server/node`: the proxy on Node's own HTTP server, or in Express / Connect.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'

/** A Web-standard handler, such as the one `createKycProxy` returns. */
export type WebHandler = (request: Request) => Response | Promise<Response>

/** A `node:http` request listener; Express and Connect accept it as middleware too. */
export type NodeListener = (request: IncomingMessage, response: ServerResponse) => Promise<void>

/**
 * Serves a Web-standard handler from `node:http`: the request body is streamed in with
 * backpressure, the response streamed out, and the handler's `request.signal` aborts when the
 * client goes away (so the proxy stops its upstream upload). The process's global `Request` and
 * `Response` are left alone.
 *
 * The URL is `request.url` as Node (or Express, which strips the mount path) gives it: mounted
 * with `app.use('/api/kyc', …)`, the proxy's `prefix` is `''`.
 */
export function toNodeListener(handler: WebHandler): NodeListener {
  return getRequestListener((request) => handler(request), { overrideGlobalObjects: false })
}
