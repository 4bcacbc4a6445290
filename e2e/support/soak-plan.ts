// What the soak does to each upload and which customers it starts, drawn from a seeded PRNG so a
// printed seed replays the same faults, files and scenarios.
import type { Random } from './soak-files.ts'

export type FailingFault = '500' | '429' | 'html502' | 'drop'

/** What happens to one upload. */
export type Plan =
  | { kind: 'none' }
  | { kind: 'fault'; fault: FailingFault | 'slow'; delayMs?: number }
  /** Four failures in a row: the automatic retries run out, the user presses retry. */
  | { kind: 'exhaust'; fault: FailingFault }
  /**
   * Cancelled while waiting out a 429. (Not once every byte is out: the widget then offers no
   * cancel, since it could not take the file back; e2e/faults.spec.ts cancels a large file
   * while its bytes still go.)
   */
  | { kind: 'cancel' }
  /**
   * The upload reaches the provider and is stored, but its answer never reaches the browser (the
   * connection resets on the way back): the retry must be replayed, not stored a second time.
   */
  | { kind: 'lost-response' }

/** A 429's Retry-After when the user cancels during the wait. */
export const CANCEL_RETRY_AFTER_MS = 3000
/** Share of uploads sent under a name the sandbox rejects on review (then sent again). */
export const REJECT_SHARE = 0.05
/** Share of cancelled documents the user then sends another file for. */
export const SEND_AGAIN_AFTER_CANCEL = 0.5

/** About three in ten uploads meet a fault; a few are cancelled or exhaust the retries. */
export function planFor(random: Random): Plan {
  return random.weighted<() => Plan>([
    [() => ({ kind: 'none' }), 69],
    [() => ({ kind: 'lost-response' }), 4],
    [() => ({ kind: 'fault', fault: '500' }), 5],
    [() => ({ kind: 'fault', fault: '429', delayMs: 1000 }), 5],
    [() => ({ kind: 'fault', fault: 'html502' }), 5],
    [() => ({ kind: 'fault', fault: 'drop' }), 5],
    [() => ({ kind: 'fault', fault: 'slow', delayMs: random.int(200, 1500) }), 3.5],
    [() => ({ kind: 'exhaust', fault: random.pick(['500', 'html502', 'drop'] as const) }), 1.5],
    [() => ({ kind: 'cancel' }), 3],
  ])()
}

export function describePlan(plan: Plan): string {
  switch (plan.kind) {
    case 'none':
      return 'none'
    case 'fault':
      return plan.delayMs === undefined ? plan.fault : `${plan.fault}(${plan.delayMs} ms)`
    case 'exhaust':
      return `exhaust:${plan.fault}`
    case 'cancel':
      return 'cancel'
    case 'lost-response':
      return 'lost-response'
  }
}

/** Scenarios a round starts with, and how often: four documents, two, or one rejected. */
export function scenarioFor(random: Random): string {
  return random.weighted([
    ['company', 7],
    ['person-cnh', 2],
    ['rejected', 1],
  ])
}
