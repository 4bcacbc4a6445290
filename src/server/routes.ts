/** Customer ids as the provider issues them: `cust_` and 32 lowercase hex digits. */
export const CUSTOMER_ID_PATTERN = /^cust_[0-9a-f]{32}$/

export type KycRoute =
  | { name: 'customer'; customerId: string; methods: readonly ['GET'] }
  | { name: 'documents'; customerId: string; methods: readonly ['POST'] }
  | { name: 'events'; customerId: string; methods: readonly ['GET'] }
  | { name: 'handoff'; customerId: string; methods: readonly ['POST'] }
  | {
      name: 'handoff-state'
      customerId: string
      handoffId: string
      methods: readonly ['GET', 'DELETE']
    }

/** Accepts `''` or `/a/b`, tolerating a trailing slash; rejects anything else at start-up. */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, '')
  if (trimmed !== '' && !/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(trimmed)) {
    throw new TypeError(`createKycProxy: prefix must be '' or start with '/', got ${prefix}`)
  }
  return trimmed
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

/**
 * Matches the two paths the proxy serves. The pathname is the URL parser's (dot segments,
 * including `%2e%2e`, are already resolved); the id segment must be a well-formed customer id after
 * percent-decoding, so `..`, encoded slashes, unicode look-alikes and overlong ids all miss.
 */
export function matchKycRoute(pathname: string, prefix: string): KycRoute | null {
  const base = `${prefix}/customers/`
  if (!pathname.startsWith(base)) return null
  const segments = pathname.slice(base.length).split('/')
  const rawId = segments[0]
  if (rawId === undefined || rawId.length > 96) return null
  const customerId = decodeSegment(rawId)
  if (customerId === null || !CUSTOMER_ID_PATTERN.test(customerId)) return null
  if (segments.length === 1) return { name: 'customer', customerId, methods: ['GET'] }
  if (segments.length === 2 && segments[1] === 'documents') {
    return { name: 'documents', customerId, methods: ['POST'] }
  }
  if (segments.length === 2 && segments[1] === 'events') {
    return { name: 'events', customerId, methods: ['GET'] }
  }
  if (segments.length === 2 && segments[1] === 'handoff') {
    return { name: 'handoff', customerId, methods: ['POST'] }
  }
  const handoffId = segments[2]
  if (
    segments.length === 3 &&
    segments[1] === 'handoff' &&
    /^[0-9a-f]{64}$/.test(handoffId ?? '')
  ) {
    return {
      name: 'handoff-state',
      customerId,
      handoffId: handoffId ?? '',
      methods: ['GET', 'DELETE'],
    }
  }
  return null
}
