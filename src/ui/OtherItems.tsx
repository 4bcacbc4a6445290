import type { KycStrings } from '../locales/types.ts'
import type { BiometricsView, DataItemView } from '../react/types.ts'
import { ReviewMessage } from './ReviewMessage.tsx'
import { StatusBadge } from './StatusBadge.tsx'

export interface BiometricsCardProps {
  biometrics: BiometricsView
  strings: KycStrings
}

/** Biometrics runs in the provider's hosted session: a button for the host's callback, or a note. */
export function BiometricsCard({ biometrics, strings }: BiometricsCardProps) {
  const done = biometrics.status === 'approved' || biometrics.status === 'submitted'
  return (
    <div className="kyc-card" data-kyc-type={biometrics.type} data-status={biometrics.status}>
      <div className="kyc-card__header">
        <span className="kyc-card__label">{biometrics.label}</span>
        <StatusBadge status={biometrics.status} strings={strings} />
      </div>
      <ReviewMessage status={biometrics.status} message={biometrics.message} strings={strings} />
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
}

export interface DataItemListProps {
  items: readonly DataItemView[]
  strings: KycStrings
}

/** `data` items: fixed elsewhere, listed with their status (and why one was refused). */
export function DataItemList({ items, strings }: DataItemListProps) {
  if (items.length === 0) return null
  return (
    <div className="kyc-data">
      <p className="kyc-data__heading">{strings['data.heading']}</p>
      <ul className="kyc-data__list">
        {items.map((item) => (
          <li
            key={item.type}
            className="kyc-data__item"
            data-kyc-type={item.type}
            data-status={item.status}
          >
            <span className="kyc-card__label">{item.label}</span>
            <StatusBadge status={item.status} strings={strings} />
            {(item.status === 'pending' || item.status === 'rejected') && (
              <p className="kyc-card__note">{strings['data.note']}</p>
            )}
            <ReviewMessage status={item.status} message={item.message} strings={strings} />
          </li>
        ))}
      </ul>
    </div>
  )
}
