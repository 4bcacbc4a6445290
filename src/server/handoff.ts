// Continue on the phone: the desktop asks for a single-use link, the phone opens it once and gets a
// short-lived session cookie good for one customer's KYC routes only.
import { jsonResponse, ProblemError } from './problem.ts'
import { enforceRateLimit, type ProxyRateLimitOptions, rateLimitFrom } from './rate-limit.ts'
import type { KycStore } from './store/types.ts'

export interface HandoffOptions {
  /**
   * The host's page that mounts the widget on the phone, where the exchange sends the phone with
   * its session cookie (it reads `GET {prefix}/handoff` to learn the customer), e.g. `/kyc/phone`.
   * Relative to the link's origin, or absolute.
   */
  pageUrl: string
  /** How long a link may be opened, in ms. Default: 600 000 (10 minutes). */
  linkTtlMs?: number | undefined
  /** How long the phone's session lasts after the exchange, in ms. Default: 1 800 000 (30 minutes). */
  sessionTtlMs?: number | undefined
  /** Links a session may ask for, or `false` for no limit. Default: 10 in 10 minutes. */
  issueLimit?: ProxyRateLimitOptions | false | undefined
  /**
   * The origin links are built on, e.g. `https://app.example.com`, when the proxy sits behind a
   * gateway that rewrites the request's URL. Default: the origin of the desktop's request.
   */
  publicOrigin?: string | undefined
}

export const DEFAULT_HANDOFF_LINK_TTL_MS = 600_000
export const DEFAULT_HANDOFF_SESSION_TTL_MS = 1_800_000
export const DEFAULT_HANDOFF_ISSUE_LIMIT: ProxyRateLimitOptions = { limit: 10, windowMs: 600_000 }

/** The phone's session cookie: HttpOnly, path-scoped to the proxy's routes. */
export const HANDOFF_COOKIE = 'kyc_handoff'

/** What `POST {prefix}/customers/{id}/handoff` answers. */
export interface IssuedHandoff {
  /** SHA-256 of the token (hex): names the hand-off for its state, and in logs. */
  id: string
  /** The link to open on the phone (the QR code's content). */
  url: string
  /** When the link stops working, ms since the epoch. */
  expiresAt: number
}

/** `waiting` to be opened, `used` (opened once, by a phone), `expired` (or never issued). */
export type HandoffState = 'waiting' | 'used' | 'expired'

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/
export const HANDOFF_ID_PATTERN = /^[0-9a-f]{64}$/

const hex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('')

export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
}

/** 32 random bytes, base64url: 256 bits nobody can guess. */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

function cookieValue(request: Request, name: string): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return null
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname)
  )
}

interface Stored {
  customerId: string
  expiresAt: number
}

const PAGE_TEXT = {
  en: {
    lang: 'en',
    title: 'This link no longer works',
    used: 'This link was already opened. Each link works once: on your computer, choose “continue on the phone” again and scan the new code.',
    expired:
      'This link has expired or is not valid. On your computer, choose “continue on the phone” again and scan the new code.',
  },
  pt: {
    lang: 'pt-BR',
    title: 'Este link não funciona mais',
    used: 'Este link já foi aberto. Cada link funciona uma vez: no computador, escolha “continuar no celular” de novo e leia o novo código.',
    expired:
      'Este link expirou ou não é válido. No computador, escolha “continuar no celular” de novo e leia o novo código.',
  },
}

/** The page a refused link shows: plain HTML, no script, no style, in the phone's language. */
function refusedPage(request: Request, reason: 'used' | 'expired'): Response {
  const text = /^pt\b/i.test(request.headers.get('accept-language') ?? '')
    ? PAGE_TEXT.pt
    : PAGE_TEXT.en
  const html = `<!doctype html><html lang="${text.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text.title}</title></head><body><main><h1>${text.title}</h1><p data-handoff-refused="${reason}">${text[reason]}</p></main></body></html>`
  return new Response(html, {
    status: 410,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    },
  })
}

export interface Handoff {
  /** The customer of the phone session this request carries, or `null`. */
  sessionCustomer(request: Request): Promise<string | null>
  /** `POST {prefix}/customers/{id}/handoff`: a new link, rate-limited per session. */
  issue(request: Request, customerId: string): Promise<Response>
  /** `GET {prefix}/customers/{id}/handoff/{handoffId}`: `{ state }` for the desktop's panel. */
  state(customerId: string, handoffId: string): Promise<Response>
  /** Serves `{prefix}/handoff` (the phone's session) and `{prefix}/handoff/{token}` (the exchange); `null` for other paths. */
  serve(request: Request, pathname: string): Promise<Response | null>
  /** The path as logged: the exchange's token replaced by the start of its hash. */
  logPath(pathname: string): Promise<string>
}

export function createHandoff(options: HandoffOptions, store: KycStore, prefix: string): Handoff {
  if (typeof options.pageUrl !== 'string' || options.pageUrl === '') {
    throw new TypeError('createKycProxy: handoff.pageUrl is required')
  }
  const linkTtlMs = options.linkTtlMs ?? DEFAULT_HANDOFF_LINK_TTL_MS
  const sessionTtlMs = options.sessionTtlMs ?? DEFAULT_HANDOFF_SESSION_TTL_MS
  for (const [name, value] of [
    ['linkTtlMs', linkTtlMs],
    ['sessionTtlMs', sessionTtlMs],
  ] as const) {
    if (!(value > 0) || !Number.isFinite(value)) {
      throw new TypeError(`createKycProxy: handoff.${name} must be a positive number`)
    }
  }
  const issueLimit = rateLimitFrom(
    options.issueLimit,
    DEFAULT_HANDOFF_ISSUE_LIMIT,
    'handoff.issueLimit',
  )
  const publicOrigin =
    options.publicOrigin === undefined ? null : new URL(options.publicOrigin).origin
  const exchangeBase = `${prefix}/handoff/`
  const cookiePath = prefix === '' ? '/' : prefix

  async function sessionOf(request: Request): Promise<Stored | null> {
    const sid = cookieValue(request, HANDOFF_COOKIE)
    if (sid === null || !TOKEN_PATTERN.test(sid)) return null
    const text = await store.get(`handoff-session:${await sha256Hex(sid)}`)
    return text === null ? null : (JSON.parse(text) as Stored)
  }

  async function exchange(request: Request, token: string): Promise<Response> {
    // A browser's speculative prefetch must not spend the one use meant for the person.
    const purpose = request.headers.get('sec-purpose') ?? request.headers.get('purpose') ?? ''
    if (/prefetch|prerender/i.test(purpose)) {
      return new Response(null, { status: 503, headers: { 'cache-control': 'no-store' } })
    }
    if (!TOKEN_PATTERN.test(token)) return refusedPage(request, 'expired')
    const id = await sha256Hex(token)
    const taken = await store.take(`handoff:${id}`)
    if (taken === null) {
      const used = (await store.get(`handoff-used:${id}`)) !== null
      return refusedPage(request, used ? 'used' : 'expired')
    }
    const { customerId } = JSON.parse(taken) as Stored
    const sid = randomToken()
    const session: Stored = { customerId, expiresAt: Date.now() + sessionTtlMs }
    await store.set(
      `handoff-session:${await sha256Hex(sid)}`,
      JSON.stringify(session),
      sessionTtlMs,
    )
    await store.set(`handoff-used:${id}`, customerId, linkTtlMs)
    const url = new URL(request.url)
    const secure = url.protocol === 'https:' || !isLoopback(url.hostname) ? '; Secure' : ''
    const maxAge = Math.floor(sessionTtlMs / 1000)
    return new Response(null, {
      status: 303,
      headers: {
        location: new URL(options.pageUrl, publicOrigin ?? url.origin).href,
        'set-cookie': `${HANDOFF_COOKIE}=${sid}; Path=${cookiePath}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      },
    })
  }

  return {
    async sessionCustomer(request) {
      return (await sessionOf(request))?.customerId ?? null
    },

    async issue(request, customerId) {
      await enforceRateLimit(
        store,
        `handoff-issue:${customerId}`,
        issueLimit,
        'Too many links; wait and try again.',
      )
      const token = randomToken()
      const id = await sha256Hex(token)
      const expiresAt = Date.now() + linkTtlMs
      // Only the token's hash is stored: whoever reads the store cannot open the link.
      await store.set(`handoff:${id}`, JSON.stringify({ customerId, expiresAt }), linkTtlMs)
      const origin = publicOrigin ?? new URL(request.url).origin
      const body: IssuedHandoff = { id, url: `${origin}${exchangeBase}${token}`, expiresAt }
      return jsonResponse(201, body)
    },

    async state(customerId, handoffId) {
      const waiting = await store.get(`handoff:${handoffId}`)
      let state: HandoffState = 'expired'
      if (waiting !== null && (JSON.parse(waiting) as Stored).customerId === customerId) {
        state = 'waiting'
      } else if ((await store.get(`handoff-used:${handoffId}`)) === customerId) {
        state = 'used'
      }
      return jsonResponse(200, { state })
    },

    async serve(request, pathname) {
      if (pathname === `${prefix}/handoff`) {
        if (request.method !== 'GET') {
          throw new ProblemError(405, 'method_not_allowed', 'Use GET.', {
            headers: new Headers({ allow: 'GET' }),
          })
        }
        const session = await sessionOf(request)
        if (session === null) throw new ProblemError(401, 'unauthenticated', 'Sign in to continue.')
        return jsonResponse(200, session)
      }
      if (!pathname.startsWith(exchangeBase)) return null
      if (request.method !== 'GET') {
        throw new ProblemError(405, 'method_not_allowed', 'Use GET.', {
          headers: new Headers({ allow: 'GET' }),
        })
      }
      return exchange(request, pathname.slice(exchangeBase.length))
    },

    async logPath(pathname) {
      if (!pathname.startsWith(exchangeBase)) return pathname
      const token = pathname.slice(exchangeBase.length)
      return `${exchangeBase}#${(await sha256Hex(token)).slice(0, 12)}`
    },
  }
}
