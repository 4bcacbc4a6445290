import { interpolate } from '../locales/format.ts'
import type { KycStrings } from '../locales/types.ts'
import type { HandoffView } from '../react/types.ts'

/** The hand-off panel's status line for its state. */
export function handoffStatusText(handoff: HandoffView, strings: KycStrings): string {
  switch (handoff.state) {
    case 'waiting':
      return strings['handoff.waiting']
    case 'used':
      return strings['handoff.used']
    case 'expired':
      return strings['handoff.expired']
    case 'failed':
      return interpolate(strings['handoff.failed'], { message: handoff.error?.message ?? '' })
    default:
      return strings['handoff.issuing']
  }
}
