import { type Handoff, type PhoneSession, sessionConflict } from './handoff/handoff.ts'
import { ProblemError } from './problem.ts'

/** Who a request acts as: the host's session, or a phone's hand-off session where there is none. */
export interface Actor {
  customerId: string
  /** Names the actor for its limits: `host:{customer}` or `phone:{session hash}`, counted apart. */
  key: string
  /** The phone's session when the request acts through one. */
  phone: PhoneSession | null
}

/**
 * The host's session wins. A request `authorize` answers acts for that customer, whatever
 * hand-off cookie it carries; where that cookie names another customer, the request is refused
 * (409 `handoff_conflict`), the phone session ended and its cookie cleared, never silently
 * switched. The phone's cookie counts only where there is no host session, and may not ask for
 * links (403 `handoff_session`).
 */
export async function resolveActor(
  request: Request,
  host: () => Promise<string | null>,
  handoff: Handoff | null,
  asksForLinks: boolean,
): Promise<Actor> {
  const signedIn = await host()
  const phone = handoff ? await handoff.session(request) : null
  if (signedIn !== null) {
    if (phone !== null && phone.customerId !== signedIn && handoff) {
      await handoff.endSession(phone.hash)
      throw sessionConflict(handoff.clearCookie(request))
    }
    return { customerId: signedIn, key: `host:${signedIn}`, phone: null }
  }
  if (phone === null) throw new ProblemError(401, 'unauthenticated', 'Sign in to continue.')
  if (asksForLinks) {
    throw new ProblemError(403, 'handoff_session', 'A phone session cannot make or end links.')
  }
  return { customerId: phone.customerId, key: `phone:${phone.hash}`, phone }
}

/** `authorize`, asked at most once per request, its answer normalised to a customer id or `null`. */
export function hostSession(
  authorize: (request: Request) => unknown,
  request: Request,
): () => Promise<string | null> {
  let answer: Promise<string | null> | undefined
  return () => {
    answer ??= Promise.resolve(authorize(request)).then((value) =>
      typeof value === 'string' && value !== '' ? value : null,
    )
    return answer
  }
}
