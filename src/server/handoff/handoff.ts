// Continue on the phone: the desktop asks for a single-use link and a short code; the phone opens
// the link (a page that spends nothing), confirms with the code, and gets a short-lived session
// cookie good for one customer's KYC routes only, which the desktop can end.
import { jsonResponse, ProblemError } from '../problem.ts'
import { enforceRateLimit, type ProxyRateLimitOptions, rateLimitFrom } from '../rate-limit.ts'
import { isSameOriginRequest } from '../same-origin.ts'
import type { KycStore } from '../store/types.ts'
import type { MaskedIdentity } from './identity.ts'
import {
  confirmPage,
  crossSitePage,
  otherAccountPage,
  refusedPage,
  type RefusedReason,
} from './pages.ts'
import { cookieValue, isLoopback, randomCode, randomToken, sha256Hex } from './tokens.ts'

export { sha256Hex } from './tokens.ts'

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
  /**
   * The phone must type the 4-digit code the desktop shows beside the QR code before its session
   * starts (5 tries per link), so a link sent by someone else, or leaked, is useless without
   * the screen that made it. Default: `true`.
   */
  confirmCode?: boolean | undefined
}

export const DEFAULT_HANDOFF_LINK_TTL_MS = 600_000
export const DEFAULT_HANDOFF_SESSION_TTL_MS = 1_800_000
export const DEFAULT_HANDOFF_ISSUE_LIMIT: ProxyRateLimitOptions = { limit: 10, windowMs: 600_000 }
/** Wrong codes a link takes before it stops working. */
export const HANDOFF_CODE_TRIES = 5

/** The phone's session cookie: HttpOnly, path-scoped to the proxy's routes. */
export const HANDOFF_COOKIE = 'kyc_handoff'

/** What `POST {prefix}/customers/{id}/handoff` answers. */
export interface IssuedHandoff {
  /** SHA-256 of the token (hex): names the hand-off for its state, its end, and in logs. */
  id: string
  /** The link to open on the phone (the QR code's content). */
  url: string
  /** When the link stops working, ms since the epoch. */
  expiresAt: number
  /** The 4 digits the phone must type (shown beside the QR code); `null` with `confirmCode: false`. */
  code: string | null
}

/** `waiting` to be opened, `used` (opened once, by a phone), `expired` (or ended, or never issued). */
export type HandoffState = 'waiting' | 'used' | 'expired'

/** A phone's session, as a request carrying its cookie names it. */
export interface PhoneSession {
  customerId: string
  expiresAt: number
  /** SHA-256 of the cookie's value: names the session in the store, for limits and its end. */
  hash: string
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/
export const HANDOFF_ID_PATTERN = /^[0-9a-f]{64}$/
const MAX_FORM_BYTES = 1024

interface Link {
  customerId: string
  expiresAt: number
  code: string | null
  identity: MaskedIdentity | null
}

/**
 * The host's session and a phone's name different customers: refused, and the phone's session
 * ended and its cookie cleared, never a silent switch from one to the other.
 */
export function sessionConflict(clearCookie: string): ProblemError {
  return new ProblemError(
    409,
    'handoff_conflict',
    'This browser is signed in to another account than its phone session; the phone session has ended.',
    { headers: new Headers({ 'set-cookie': clearCookie }) },
  )
}

const linkKey = (id: string) => `handoff:${id}`
const sessionKey = (hash: string) => `handoff-session:${hash}`
/** The channel that tells a session's event streams it has ended. */
export const sessionEndedChannel = (hash: string) => `handoff-ended:${hash}`

export interface Handoff {
  /** The phone session this request's cookie names, or `null`. */
  session(request: Request): Promise<PhoneSession | null>
  /** Ends a phone session: its cookie stops working, its streams close. */
  endSession(hash: string): Promise<void>
  /** A `Set-Cookie` value that clears the phone's cookie. */
  clearCookie(request: Request): string
  /** `POST {prefix}/customers/{id}/handoff`: a new link (ending the previous one), rate-limited per session. */
  issue(
    request: Request,
    customerId: string,
    identity: () => Promise<MaskedIdentity | null>,
  ): Promise<Response>
  /** `GET {prefix}/customers/{id}/handoff/{handoffId}`: `{ state }` for the desktop's panel. */
  state(customerId: string, handoffId: string): Promise<Response>
  /** `DELETE {prefix}/customers/{id}/handoff/{handoffId}`: the link, and the phone session it made, end. */
  end(customerId: string, handoffId: string): Promise<Response>
  /**
   * Serves `{prefix}/handoff` (the phone's session) and `{prefix}/handoff/{token}` (the link's
   * page, and its confirmation); `null` for other paths. `host` is the customer the host's own
   * session names (`authorize`), which always wins over a phone's.
   */
  serve(
    request: Request,
    pathname: string,
    host: () => Promise<string | null>,
  ): Promise<Response | null>
  /** The path as logged: the link's token replaced by the start of its hash. */
  logPath(pathname: string): Promise<string>
}

function checkedOptions(options: HandoffOptions) {
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
  return {
    linkTtlMs,
    sessionTtlMs,
    issueLimit: rateLimitFrom(
      options.issueLimit,
      DEFAULT_HANDOFF_ISSUE_LIMIT,
      'handoff.issueLimit',
    ),
    publicOrigin: options.publicOrigin === undefined ? null : new URL(options.publicOrigin).origin,
    confirmCode: options.confirmCode ?? true,
  }
}

export function createHandoff(
  options: HandoffOptions,
  store: KycStore,
  prefix: string,
  trustedOrigins: ReadonlySet<string>,
): Handoff {
  const { linkTtlMs, sessionTtlMs, issueLimit, publicOrigin, confirmCode } = checkedOptions(options)
  const exchangeBase = `${prefix}/handoff/`
  const cookiePath = prefix === '' ? '/' : prefix
  // The confirmation is posted from the link's own page, on the public origin behind a gateway.
  const formOrigins = new Set(trustedOrigins)
  if (publicOrigin) formOrigins.add(publicOrigin)

  const pageLocation = (request: Request) =>
    new URL(options.pageUrl, publicOrigin ?? new URL(request.url).origin)
  // The form posts to the link itself, whose answer redirects to the phone's page.
  const formAction = (request: Request) => `'self' ${pageLocation(request).origin}`

  function cookie(request: Request, value: string, maxAgeS: number): string {
    const url = new URL(request.url)
    // Behind a gateway the proxy may see http on loopback while the phone uses https.
    const secure =
      url.protocol === 'https:' || publicOrigin?.startsWith('https:') || !isLoopback(url.hostname)
    return `${HANDOFF_COOKIE}=${value}; Path=${cookiePath}; Max-Age=${maxAgeS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`
  }

  async function readLink(id: string): Promise<Link | null> {
    const text = await store.get(linkKey(id))
    return text === null ? null : (JSON.parse(text) as Link)
  }

  async function endSession(hash: string): Promise<void> {
    await store.take(sessionKey(hash))
    await store.publish(sessionEndedChannel(hash), 'ended')
  }

  /** Ends a link whether or not it was opened: the waiting link, and the session it made. */
  async function endLink(customerId: string, id: string): Promise<void> {
    const link = await readLink(id)
    if (link !== null && link.customerId === customerId) await store.take(linkKey(id))
    const made = await store.get(`handoff-link-session:${id}`)
    if (made !== null) {
      const [owner, hash] = made.split(' ')
      if (owner === customerId && hash) await endSession(hash)
    }
  }

  async function session(request: Request): Promise<PhoneSession | null> {
    const sid = cookieValue(request, HANDOFF_COOKIE)
    if (sid === null || !TOKEN_PATTERN.test(sid)) return null
    const hash = await sha256Hex(sid)
    const text = await store.get(sessionKey(hash))
    if (text === null) return null
    const { customerId, expiresAt } = JSON.parse(text) as PhoneSession
    return { customerId, expiresAt, hash }
  }

  async function readForm(request: Request): Promise<URLSearchParams> {
    const declared = Number(request.headers.get('content-length') ?? 0)
    if (declared > MAX_FORM_BYTES) return new URLSearchParams()
    const text = await request.text().catch(() => '')
    return new URLSearchParams(text.length > MAX_FORM_BYTES ? '' : text)
  }

  async function showLink(request: Request, token: string): Promise<Response> {
    if (!TOKEN_PATTERN.test(token)) return refusedPage(request, 'expired')
    const id = await sha256Hex(token)
    const link = await readLink(id)
    if (link === null) return refusedPage(request, await goneReason(id))
    return confirmPage(request, {
      identity: link.identity,
      askCode: link.code !== null,
      sessionMinutes: Math.round(sessionTtlMs / 60_000),
      wrongCode: false,
      formAction: formAction(request),
    })
  }

  async function goneReason(id: string): Promise<RefusedReason> {
    if ((await store.get(`handoff-used:${id}`)) !== null) return 'used'
    return (await store.get(`handoff-burnt:${id}`)) !== null ? 'tries' : 'expired'
  }

  /** The person pressed "continue" on the link's page: checks, then the one exchange. */
  async function confirm(
    request: Request,
    token: string,
    host: () => Promise<string | null>,
  ): Promise<Response> {
    // A form another site posts (an auto-submitting login CSRF) is refused before anything else.
    if (!isSameOriginRequest(request, formOrigins)) return crossSitePage(request)
    if (!TOKEN_PATTERN.test(token)) return refusedPage(request, 'expired')
    const id = await sha256Hex(token)
    const link = await readLink(id)
    if (link === null) return refusedPage(request, await goneReason(id))
    // Signed in to the host as someone else: their documents must not go to this link's file.
    const signedIn = await host()
    if (signedIn !== null && signedIn !== link.customerId) return otherAccountPage(request)
    if (link.code !== null) {
      const typed = (await readForm(request)).get('code')?.trim() ?? ''
      if (typed !== link.code) {
        const tries = await store.hit(`handoff-tries:${id}`, HANDOFF_CODE_TRIES - 1, linkTtlMs)
        if (!tries.ok) {
          await store.take(linkKey(id))
          await store.set(`handoff-burnt:${id}`, '1', linkTtlMs)
          return refusedPage(request, 'tries')
        }
        return confirmPage(request, {
          identity: link.identity,
          askCode: true,
          sessionMinutes: Math.round(sessionTtlMs / 60_000),
          wrongCode: true,
          formAction: formAction(request),
        })
      }
    }
    // Marked used before it is taken, so the desktop's poll never finds it neither waiting nor
    // used (it would show the link expired); whoever takes it, it was used.
    await store.set(`handoff-used:${id}`, link.customerId, linkTtlMs)
    // One atomic take: of any number of phones (or instances) confirming, one gets the session.
    if ((await store.take(linkKey(id))) === null) return refusedPage(request, 'used')
    const sid = randomToken()
    const hash = await sha256Hex(sid)
    const phone: PhoneSession = {
      customerId: link.customerId,
      expiresAt: Date.now() + sessionTtlMs,
      hash,
    }
    await store.set(sessionKey(hash), JSON.stringify(phone), sessionTtlMs)
    await store.set(`handoff-link-session:${id}`, `${link.customerId} ${hash}`, sessionTtlMs)
    return new Response(null, {
      status: 303,
      headers: {
        location: pageLocation(request).href,
        'set-cookie': cookie(request, sid, Math.floor(sessionTtlMs / 1000)),
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      },
    })
  }

  return {
    session,
    endSession,

    clearCookie: (request) => cookie(request, '', 0),

    async issue(request, customerId, identity) {
      await enforceRateLimit(
        store,
        `handoff-issue:${customerId}`,
        issueLimit,
        'Too many links; wait and try again.',
      )
      // A new link ends the one before it, and the phone session that link made.
      const previous = await store.get(`handoff-current:${customerId}`)
      if (previous !== null) await endLink(customerId, previous)
      const token = randomToken()
      const id = await sha256Hex(token)
      const expiresAt = Date.now() + linkTtlMs
      const link: Link = {
        customerId,
        expiresAt,
        code: confirmCode ? randomCode() : null,
        identity: await identity(),
      }
      // Only the token's hash is stored: whoever reads the store cannot open the link.
      await store.set(linkKey(id), JSON.stringify(link), linkTtlMs)
      await store.set(`handoff-current:${customerId}`, id, Math.max(linkTtlMs, sessionTtlMs))
      const origin = publicOrigin ?? new URL(request.url).origin
      const body: IssuedHandoff = {
        id,
        url: `${origin}${exchangeBase}${token}`,
        expiresAt,
        code: link.code,
      }
      return jsonResponse(201, body)
    },

    async state(customerId, handoffId) {
      const waiting = await readLink(handoffId)
      let state: HandoffState = 'expired'
      if (waiting !== null && waiting.customerId === customerId) {
        state = 'waiting'
      } else if ((await store.get(`handoff-used:${handoffId}`)) === customerId) {
        state = 'used'
      }
      return jsonResponse(200, { state })
    },

    async end(customerId, handoffId) {
      await endLink(customerId, handoffId)
      return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } })
    },

    async serve(request, pathname, host) {
      if (pathname === `${prefix}/handoff`) {
        if (request.method !== 'GET') {
          throw new ProblemError(405, 'method_not_allowed', 'Use GET.', {
            headers: new Headers({ allow: 'GET' }),
          })
        }
        const phone = await session(request)
        if (phone === null) throw new ProblemError(401, 'unauthenticated', 'Sign in to continue.')
        const signedIn = await host()
        if (signedIn !== null && signedIn !== phone.customerId) {
          await endSession(phone.hash)
          throw sessionConflict(cookie(request, '', 0))
        }
        return jsonResponse(200, { customerId: phone.customerId, expiresAt: phone.expiresAt })
      }
      if (!pathname.startsWith(exchangeBase)) return null
      const token = pathname.slice(exchangeBase.length)
      if (request.method === 'GET' || request.method === 'HEAD') return showLink(request, token)
      if (request.method === 'POST') return confirm(request, token, host)
      throw new ProblemError(405, 'method_not_allowed', 'Use GET or POST.', {
        headers: new Headers({ allow: 'GET, HEAD, POST' }),
      })
    },

    async logPath(pathname) {
      if (!pathname.startsWith(exchangeBase)) return pathname
      const token = pathname.slice(exchangeBase.length)
      return `${exchangeBase}#${(await sha256Hex(token)).slice(0, 12)}`
    },
  }
}
