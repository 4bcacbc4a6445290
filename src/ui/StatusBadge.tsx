import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import type { DocumentStatus } from '../core/status.ts'
import { classNames } from './classNames.ts'
import { useKycUploaderContext } from './KycUploaderProvider.tsx'

// One simple shape per status, so the badge never relies on colour alone.
const ICON_PATHS: Record<DocumentStatus, string> = {
  pending: 'M8 4v4l3 2',
  submitted: 'M4 8h2m2 0h2m2 0h0',
  approved: 'M4.5 8.5l2.5 2.5 4.5-5',
  rejected: 'M5 5l6 6m0-6l-6 6',
}

/** `status`, plus any attribute of the root `<span>` (`className` is added to ours). */
export interface StatusBadgeProps extends Omit<ComponentPropsWithoutRef<'span'>, 'children'> {
  status: DocumentStatus
}

/** The review status as a word, with an icon and a colour from `--kyc-status-*`. */
export const StatusBadge = forwardRef<HTMLSpanElement, StatusBadgeProps>(function StatusBadge(
  { status, className, ...rest },
  ref,
) {
  const { strings } = useKycUploaderContext()
  return (
    <span {...rest} ref={ref} className={classNames('kyc-badge', className)} data-status={status}>
      <svg className="kyc-badge__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="7" />
        <path d={ICON_PATHS[status]} />
      </svg>
      {strings[`status.${status}`]}
    </span>
  )
})
