import { customerNotFound } from './context.ts'
import { formatLogLine } from './log.ts'
import { ProblemError, problemCodeOf, problemResponse } from './problem.ts'
import { enforceRateLimit, type ProxyRateLimitOptions } from './rate-limit.ts'
import { readCustomer, readMaskedIdentity } from './read-customer.ts'
import { type Actor, hostSession, resolveActor } from './actor.ts'
import { type Handoff, sessionEndedChannel } from './handoff/handoff.ts'
import { type KycProxyHandler, type KycProxyOptions, resolveProxy } from './options.ts'
import { matchKycRoute } from './routes.ts'
import { crossOriginRefused, isSameOriginRequest } from './same-origin.ts'
import { requireIdempotencyKey, uploadDocument } from './upload-document.ts'

export { CUSTOMER_ID_PATTERN } from './routes.ts'
export { createMemoryStore } from './store/memory-store.ts'
export type { HitResult, KycStore, TakeResult } from './store/types.ts'
export type { PublicCustomer } from './public-fields.ts'
export type { ProxyRateLimitOptions } from './rate-limit.ts'
/** @deprecated Renamed `ProxyRateLimitOptions` (the sandbox's own is `SandboxRateLimitOptions`). */
export type RateLimitOptions = ProxyRateLimitOptions
export type { HandoffOptions, HandoffState, IssuedHandoff } from './handoff/handoff.ts'
export {
  type AuthorizeResult,
  DEFAULT_PROXY_TIMEOUT_MS,
  DEFAULT_SESSION_READ_LIMIT,
  DEFAULT_STATUS_MAX_AGE_MS,
  DEFAULT_UPLOAD_DEADLINE_MS,
  DEFAULT_UPLOAD_IDLE_TIMEOUT_MS,
  DEFAULT_UPLOAD_RATE_LIMIT,
  type KycProxyHandler,
  type KycProxyOptions,
} from './options.ts'

/**
 * The host-backend proxy between the widget and the KYC provider: a Web-standard
 * `(Request) => Promise<Response>` handler holding the provider's client secret. It serves
 * `GET {prefix}/customers/{id}` (answering only `id`, `status`, `kyc`) and
 * `POST {prefix}/customers/{id}/documents` (streamed through), for the one customer `authorize`
 * allows, and answers anything else with problem+json: 404 for other paths and other customers,
 * 405 for another method on a served path, 401 without a session.
 *
 * @example node:http
 * ```ts
 * import { createServer } from 'node:http'
 * import { getRequestListener } from '@hono/node-server'
 * import { createKycProxy } from 'kyc-uploader/server'
 *
 * const kyc = createKycProxy({
 *   providerBaseUrl: process.env.KYC_API_URL!,
 *   clientId: process.env.KYC_CLIENT_ID!,
 *   clientSecret: process.env.KYC_CLIENT_SECRET!,
 *   prefix: '/api/kyc',
 *   authorize: async (request) => (await sessionFrom(request))?.kycCustomerId,
 * })
 * createServer(getRequestListener(kyc)).listen(3000)
 * ```
 *
 * @example Hono
 * ```ts
 * const app = new Hono()
 * app.all('/api/kyc/*', (c) => kyc(c.req.raw)) // prefix: '/api/kyc'
 * ```
 *
 * @example Express (mount before any body parser; the prefix is the mount path, as everywhere)
 * ```ts
 * import { toNodeListener } from 'kyc-uploader/server/node'
 * const kyc = createKycProxy({ ...options, prefix: '/api/kyc' })
 * app.use('/api/kyc', toNodeListener(kyc))
 * ```
 *
 * @example Next.js route handler, `app/api/kyc/[...path]/route.ts`
 * ```ts
 * const kyc = createKycProxy({ ...options, prefix: '/api/kyc' })
 * export const GET = kyc
 * export const POST = kyc
 * export const runtime = 'nodejs'
 * ```
 */
export function createKycProxy(options: KycProxyOptions): KycProxyHandler {
  const { context, webhooks, streams, sessionReadLimit, prefix, log, handoff } =
    resolveProxy(options)
  const { status } = context

  async function route(request: Request, pathname: string): Promise<Response> {
    if (webhooks && pathname === `${prefix}/webhooks`) {
      if (request.method !== 'POST') {
        throw new ProblemError(405, 'method_not_allowed', 'Use POST.', {
          headers: new Headers({ allow: 'POST' }),
        })
      }
      return webhooks.handle(request)
    }
    const host = hostSession(options.authorize, request)
    const direct = handoff ? await handoff.serve(request, pathname, host) : null
    if (direct) return direct
    const matched = matchKycRoute(pathname, prefix)
    if (matched === null || (!handoff && matched.name.startsWith('handoff'))) {
      throw new ProblemError(404, 'not_found', 'No such resource.')
    }
    if (!(matched.methods as readonly string[]).includes(request.method)) {
      throw new ProblemError(405, 'method_not_allowed', `Use ${matched.methods.join(', ')}.`, {
        headers: new Headers({ allow: matched.methods.join(', ') }),
      })
    }
    const changes = request.method === 'POST' || request.method === 'DELETE'
    if (changes) {
      // Session riding: refused before the session is even looked at, and nothing is forwarded.
      if (!isSameOriginRequest(request, context.trustedOrigins)) throw crossOriginRefused()
      if (matched.name === 'documents') requireIdempotencyKey(request)
    }
    const actor: Actor = await resolveActor(
      request,
      host,
      handoff,
      matched.name.startsWith('handoff'),
    )
    if (actor.customerId !== matched.customerId) throw customerNotFound()
    if (!changes) {
      await enforceRateLimit(
        status.store,
        `session-reads:${actor.key}`,
        sessionReadLimit,
        'Too many reads; wait and try again.',
      )
    }
    switch (matched.name) {
      case 'customer':
        return readCustomer(context, matched.customerId)
      case 'documents':
        return uploadDocument(context, matched.customerId, request)
      case 'events': {
        // Without webhooks nothing would be pushed between reads, and a widget that streams polls
        // rarely: no stream, so the widget keeps its polling schedule. 204 is how Server-Sent
        // Events tell a browser not to reconnect, without an error in its console.
        if (!webhooks) return new Response(null, { status: 204 })
        const { phone } = actor
        return streams.open(context, matched.customerId, request, {
          key: actor.key,
          ...(phone && handoff
            ? {
                lease: {
                  expiresAt: phone.expiresAt,
                  endedChannel: sessionEndedChannel(phone.hash),
                  stillValid: async () => (await handoff.session(request)) !== null,
                },
              }
            : {}),
        })
      }
      case 'handoff':
        return (handoff as Handoff).issue(request, matched.customerId, () =>
          readMaskedIdentity(context, matched.customerId),
        )
      case 'handoff-state':
        return request.method === 'DELETE'
          ? (handoff as Handoff).end(matched.customerId, matched.handoffId)
          : (handoff as Handoff).state(matched.customerId, matched.handoffId)
    }
  }

  async function handleKycRequest(request: Request): Promise<Response> {
    const started = performance.now()
    let pathname = '/'
    let response: Response
    try {
      pathname = new URL(request.url).pathname
      response = await route(request, pathname)
    } catch (error) {
      response =
        error instanceof ProblemError
          ? error.toResponse()
          : problemResponse(500, { code: 'internal_error', detail: 'Something went wrong.' })
    }
    try {
      // The exchange's path holds the token: only a hash of it is logged.
      if (handoff) pathname = await handoff.logPath(pathname)
      log(
        formatLogLine({
          method: request.method,
          path: pathname,
          status: response.status,
          durationMs: performance.now() - started,
          code: problemCodeOf(response),
        }),
      )
    } catch {
      // A failing logger must not fail the request.
    }
    return response
  }
  // `toNodeListener` reads where the proxy expects to be mounted, to hand it the URL it matches.
  return Object.assign(handleKycRequest, { prefix })
}
