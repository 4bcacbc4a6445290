/**
 * Where the desktop's "continue on the phone" stands: `idle` (the button), `issuing` (asking the
 * proxy for a link), `waiting` (the QR code, until the phone opens it or it expires), `used` (a
 * phone opened it: the cards follow what it sends), `expired`, `unavailable` (the proxy has no
 * hand-off: 404) or `failed` (the link could not be made; the user may try again).
 */
export type HandoffState =
  'idle' | 'issuing' | 'waiting' | 'used' | 'expired' | 'unavailable' | 'failed'

export interface HandoffSnapshot<TError = unknown> {
  state: HandoffState
  /** Names the link for its state (the SHA-256 of its token). */
  id: string | null
  /** The link the phone opens. */
  url: string | null
  /** When the link stops working, ms since the epoch. */
  expiresAt: number | null
  /** The digits the phone types to confirm the link, or `null`. */
  code: string | null
  error: TError | null
}

export type HandoffAction<TError = unknown> =
  | { type: 'issue' }
  | { type: 'issued'; id: string; url: string; expiresAt: number; code: string | null }
  | { type: 'unavailable' }
  | { type: 'failed'; error: TError }
  | { type: 'seen'; state: 'waiting' | 'used' | 'expired' }
  | { type: 'tick'; now: number }
  | { type: 'close' }

export const IDLE_HANDOFF: HandoffSnapshot<never> = {
  state: 'idle',
  id: null,
  url: null,
  expiresAt: null,
  code: null,
  error: null,
}

export function handoffReducer<TError>(
  current: HandoffSnapshot<TError>,
  action: HandoffAction<TError>,
): HandoffSnapshot<TError> {
  switch (action.type) {
    case 'issue':
      return current.state === 'issuing' || current.state === 'unavailable'
        ? current
        : { ...IDLE_HANDOFF, state: 'issuing' }
    case 'issued':
      if (current.state !== 'issuing') return current
      return {
        state: 'waiting',
        id: action.id,
        url: action.url,
        expiresAt: action.expiresAt,
        code: action.code,
        error: null,
      }
    case 'unavailable':
      return { ...IDLE_HANDOFF, state: 'unavailable' }
    case 'failed':
      return current.state === 'issuing'
        ? { ...IDLE_HANDOFF, state: 'failed', error: action.error }
        : current
    case 'seen':
      // Only forward: a late answer never brings a used or expired link back to waiting.
      if (current.state !== 'waiting' || action.state === 'waiting') return current
      return { ...current, state: action.state }
    case 'tick':
      if (current.state !== 'waiting' || current.expiresAt === null) return current
      return action.now >= current.expiresAt ? { ...current, state: 'expired' } : current
    case 'close':
      return current.state === 'unavailable' ? current : IDLE_HANDOFF
  }
}

/** Whole seconds left before the link expires (0 once it has). */
export function secondsLeft(snapshot: HandoffSnapshot<unknown>, now: number): number {
  if (snapshot.expiresAt === null) return 0
  return Math.max(0, Math.ceil((snapshot.expiresAt - now) / 1000))
}
