import type { DocumentStatus } from '../core/status.ts'
import type { KycStrings } from '../locales/types.ts'

// One simple shape per status, so the badge never relies on colour alone.
const ICON_PATHS: Record<DocumentStatus, string> = {
  pending: 'M8 4v4l3 2',
  submitted: 'M4 8h2m2 0h2m2 0h0',
  approved: 'M4.5 8.5l2.5 2.5 4.5-5',
  rejected: 'M5 5l6 6m0-6l-6 6',
}

export interface StatusBadgeProps {
  status: DocumentStatus
  strings: KycStrings
}

/** The review status as a word, with an icon and a colour from `--kyc-status-*`. */
export function StatusBadge({ status, strings }: StatusBadgeProps) {
  return (
    <span className="kyc-badge" data-status={status}>
      <svg className="kyc-badge__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="7" />
        <path d={ICON_PATHS[status]} />
      </svg>
      {strings[`status.${status}`]}
    </span>
  )
}
