import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import type { BiometricsView } from '../react/types.ts'
import { classNames } from './classNames.ts'
import { useKycUploaderContext } from './KycUploaderProvider.tsx'
import { ReviewMessage } from './ReviewMessage.tsx'
import { StatusBadge } from './StatusBadge.tsx'

/** `biometrics`, plus any attribute of the root `<div>` (`className` is added to ours). */
export interface BiometricsCardProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  biometrics: BiometricsView
}

/** Biometrics runs in the provider's hosted session: a button for the host's callback, or a note. */
export const BiometricsCard = forwardRef<HTMLDivElement, BiometricsCardProps>(
  function BiometricsCard({ biometrics, className, ...rest }, ref) {
    const { strings } = useKycUploaderContext()
    const done = biometrics.status === 'approved' || biometrics.status === 'submitted'
    return (
      <div
        {...rest}
        ref={ref}
        className={classNames('kyc-card', className)}
        data-kyc-type={biometrics.type}
        data-status={biometrics.status}
      >
        <div className="kyc-card__header">
          <span className="kyc-card__label">{biometrics.label}</span>
          <StatusBadge status={biometrics.status} />
        </div>
        <ReviewMessage status={biometrics.status} message={biometrics.message} />
        {!done &&
          (biometrics.start ? (
            <button type="button" className="kyc-button" onClick={biometrics.start}>
              {strings['biometrics.start']}
            </button>
          ) : (
            <p className="kyc-card__note">{strings['biometrics.note']}</p>
          ))}
      </div>
    )
  },
)
