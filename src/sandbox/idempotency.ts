import { createHash } from 'node:crypto'

/** How long a key is remembered: 24 hours, as the provider documents. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

/** What makes two uploads "the same request". */
export interface UploadFingerprint {
  customerId: string
  type: string
  fileSha256: string
  fileName: string
}

export function fingerprintOf(request: UploadFingerprint): string {
  const parts = [request.customerId, request.type, request.fileSha256, request.fileName]
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}

interface Remembered {
  fingerprint: string
  status: number
  body: string
  storedAt: number
}

export type IdempotencyLookup =
  { kind: 'new' } | { kind: 'replay'; response: Response } | { kind: 'reused' }

/**
 * Remembers the answer of each successful upload under its `Idempotency-Key`, scoped per client.
 * Only successes are kept (ours): a failed attempt changed nothing, so retrying it with the same key
 * simply runs again. The lookup and the remembering happen in the same synchronous step as the
 * document's creation, so two concurrent requests with one key cannot both create a document.
 */
export class IdempotencyStore {
  readonly #now: () => number
  readonly #entries = new Map<string, Remembered>()

  constructor(now: () => number) {
    this.#now = now
  }

  lookup(scope: string, key: string, fingerprint: string): IdempotencyLookup {
    const entry = this.#fresh(`${scope}\n${key}`)
    if (!entry) return { kind: 'new' }
    if (entry.fingerprint !== fingerprint) return { kind: 'reused' }
    return {
      kind: 'replay',
      response: new Response(entry.body, {
        status: entry.status,
        headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
      }),
    }
  }

  remember(scope: string, key: string, fingerprint: string, status: number, body: string): void {
    this.#entries.set(`${scope}\n${key}`, { fingerprint, status, body, storedAt: this.#now() })
  }

  clear(): void {
    this.#entries.clear()
  }

  #fresh(id: string): Remembered | undefined {
    const now = this.#now()
    for (const [entryId, entry] of this.#entries) {
      // Entries are in insertion order, so the expired ones come first.
      if (now - entry.storedAt < IDEMPOTENCY_TTL_MS) break
      this.#entries.delete(entryId)
    }
    return this.#entries.get(id)
  }
}
