import { createHash, timingSafeEqual } from 'node:crypto'
import { randomId } from './ids.ts'

export interface ClientCredentials {
  id: string
  secret: string
}

/** Reads `Authorization: Basic base64(id:secret)`; the id and secret are URL-encoded (RFC 6749). */
export function parseBasicCredentials(header: string | null): ClientCredentials | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')
  if (!match?.[1]) return null
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return null
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    }
  } catch {
    return null
  }
}

/** Reads `Authorization: Bearer <token>`. */
export function parseBearerToken(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1] ?? null
}

function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(a), digest(b))
}

export interface IssuedToken {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
}

export type TokenCheck =
  | { ok: true; clientId: string }
  | { ok: false; code: 'invalid_token' | 'token_expired'; clientId?: string }

/** Issues and checks OAuth2 client-credentials access tokens, in memory. */
export class TokenIssuer {
  readonly #credentials: ClientCredentials
  readonly #ttlSeconds: number
  readonly #now: () => number
  readonly #tokens = new Map<string, { clientId: string; expiresAt: number }>()

  constructor(credentials: ClientCredentials, ttlSeconds: number, now: () => number) {
    this.#credentials = credentials
    this.#ttlSeconds = ttlSeconds
    this.#now = now
  }

  accepts(credentials: ClientCredentials): boolean {
    // Evaluate both comparisons so a wrong id and a wrong secret take the same time.
    const idOk = sameSecret(credentials.id, this.#credentials.id)
    const secretOk = sameSecret(credentials.secret, this.#credentials.secret)
    return idOk && secretOk
  }

  issue(clientId: string): IssuedToken {
    const now = this.#now()
    for (const [token, entry] of this.#tokens) {
      // Forget tokens long past their expiry; recently expired ones still answer token_expired.
      if (entry.expiresAt + this.#ttlSeconds * 1000 < now) this.#tokens.delete(token)
    }
    const token = randomId('sbx_at_')
    this.#tokens.set(token, { clientId, expiresAt: now + this.#ttlSeconds * 1000 })
    return { access_token: token, token_type: 'Bearer', expires_in: this.#ttlSeconds }
  }

  check(token: string | null): TokenCheck {
    const entry = token === null ? undefined : this.#tokens.get(token)
    if (!entry) return { ok: false, code: 'invalid_token' }
    if (this.#now() >= entry.expiresAt) {
      return { ok: false, code: 'token_expired', clientId: entry.clientId }
    }
    return { ok: true, clientId: entry.clientId }
  }

  /** Makes every token issued so far expired, as if an hour had passed. */
  expireAll(): void {
    const now = this.#now()
    for (const entry of this.#tokens.values()) entry.expiresAt = Math.min(entry.expiresAt, now)
  }
}
