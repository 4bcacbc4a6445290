import { ProblemError } from './problem.ts'

/**
 * Whether a state-changing request may go on: the browser says it came from the proxy's own
 * origin (`Sec-Fetch-Site: same-origin`), or, from a browser too old to say, its `Origin` is the
 * request's own; an origin in `trusted` always may. A sibling origin of the same site
 * (`same-site`), another site and an opaque `null` origin are refused: SameSite cookies stop
 * none of the first, and `SameSite=None` none at all. A request with neither header comes from
 * no browser (curl, a server), which cannot ride a user's cookies, and passes.
 */
export function isSameOriginRequest(request: Request, trusted: ReadonlySet<string>): boolean {
  const origin = request.headers.get('origin')
  if (origin !== null && trusted.has(origin)) return true
  const site = request.headers.get('sec-fetch-site')
  if (site !== null) return site === 'same-origin'
  if (origin === null) return true
  return origin === new URL(request.url).origin
}

/** 403 for a state-changing request from another origin; nothing is forwarded. */
export function crossOriginRefused(): ProblemError {
  return new ProblemError(
    403,
    'cross_origin_request',
    'This request did not come from this site’s own pages.',
  )
}

/** Normalises the `trustedOrigins` option to `scheme://host[:port]` strings. */
export function trustedOriginSet(origins: readonly string[] | undefined): Set<string> {
  return new Set(
    (origins ?? []).map((origin) => {
      const parsed = new URL(origin)
      if (parsed.origin === 'null' || parsed.origin !== origin.replace(/\/+$/, '')) {
        throw new TypeError(`createKycProxy: trustedOrigins must be origins, got ${origin}`)
      }
      return parsed.origin
    }),
  )
}
