import { interpolate } from '../locales/format.ts'
import type { KycStrings } from '../locales/types.ts'
import type { DocumentSlot } from '../react/types.ts'

/**
 * The line at the top of the list: how many documents are sent (in review or approved) and which
 * are still to send (pending or rejected). Nothing once every one is sent.
 */
export function DocumentSummary({
  documents,
  strings,
}: {
  documents: readonly DocumentSlot[]
  strings: KycStrings
}) {
  const missing = documents.filter(
    (slot) => slot.status === 'pending' || slot.status === 'rejected',
  )
  if (documents.length === 0 || missing.length === 0) return null
  const progress = interpolate(strings['summary.progress'], {
    done: documents.length - missing.length,
    total: documents.length,
  })
  const labels = missing.map((slot) => slot.label).join(', ')
  return (
    <p className="kyc-summary" data-missing={missing.map((slot) => slot.type).join(' ')}>
      {progress} {interpolate(strings['summary.missing'], { labels })}
    </p>
  )
}
