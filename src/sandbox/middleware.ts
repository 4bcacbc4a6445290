import type { MiddlewareHandler } from 'hono'
import { parseBasicCredentials, parseBearerToken } from './auth.ts'
import { applyFault, DEFAULT_SLOW_MS, isDropResponse, type RequestRoute } from './faults.ts'
import { problemResponse } from './problem.ts'
import { rateLimitHeaders, type RateLimitState } from './rate-limit.ts'
import type { SandboxState } from './state.ts'

/** What a Node mount passes as the second argument (`@hono/node-server`'s `HttpBindings` fits). */
export interface SandboxBindings {
  incoming?: { socket?: { destroy(): unknown } | null }
}

export interface AppEnv {
  Bindings: SandboxBindings
  Variables: {
    clientId: string
    rate: RateLimitState
    /** A `slow` fault on an upload: how long the provider takes once the body is read. */
    processingDelayMs?: number
  }
}

/** The rate-limit bucket of a request: its client when known, else one shared bucket. */
function rateKeyOf(request: Request, state: SandboxState): string {
  const header = request.headers.get('authorization')
  const token = parseBearerToken(header)
  if (token !== null) {
    // An expired token still names its client, so it counts against that client's budget.
    const { clientId } = state.tokens.check(token)
    if (clientId !== undefined) return `client:${clientId}`
  }
  const basic = parseBasicCredentials(header)
  if (basic && state.tokens.accepts(basic)) return `client:${basic.id}`
  return 'anonymous'
}

/** Logs each request and puts `X-RateLimit-*` on every answer. */
export function observe(state: SandboxState): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    await next()
    const rate = c.get('rate') ?? state.limiter.peek(rateKeyOf(c.req.raw, state))
    for (const [name, value] of Object.entries(rateLimitHeaders(rate))) {
      if (!c.res.headers.has(name)) c.res.headers.set(name, value)
    }
    const path = new URL(c.req.url).pathname
    const ms = Math.round(performance.now() - started)
    const outcome = isDropResponse(c.res) ? 'connection dropped' : String(c.res.status)
    state.options.log(`${c.req.method} ${path} ${outcome} ${ms} ms`)
  }
}

/** Inflicts the next queued fault that matches this route, if any. */
export function faultInjection(
  state: SandboxState,
  route: RequestRoute,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const fault = state.faults.take(route, c.req.param('customerId'))
    // A slow upload is slow where a provider is: storing it, once its body has arrived. A client
    // that leaves then is noticed (its socket is read again), as a provider's would be.
    if (fault?.kind === 'slow' && route === 'upload') {
      c.set('processingDelayMs', fault.delayMs ?? DEFAULT_SLOW_MS)
    } else if (fault) {
      const response = await applyFault(fault, c.req.raw, state.closing.signal, state.options.now)
      if (response) return response
    }
    await next()
  }
}

/** Counts the request against its client's window; 429 past the limit. */
export function rateLimit(state: SandboxState): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const rate = state.limiter.hit(rateKeyOf(c.req.raw, state))
    c.set('rate', rate)
    if (rate.limited) {
      return problemResponse(
        429,
        'rate_limit_exceeded',
        `Rate limit of ${rate.limit} requests exceeded; retry in ${rate.retryAfter} s.`,
        { headers: { 'retry-after': String(rate.retryAfter) } },
      )
    }
    await next()
  }
}

/** Requires a valid `Authorization: Bearer` token. */
export function authenticate(state: SandboxState): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = parseBearerToken(c.req.header('authorization') ?? null)
    const check = state.tokens.check(token)
    if (!check.ok) {
      const detail =
        check.code === 'token_expired'
          ? 'The access token has expired; request a new one.'
          : token === null
            ? 'Send an access token as Authorization: Bearer <token>.'
            : 'The access token is not valid.'
      return problemResponse(401, check.code, detail, {
        headers: { 'www-authenticate': `Bearer error="invalid_token"` },
      })
    }
    c.set('clientId', check.clientId)
    await next()
  }
}
