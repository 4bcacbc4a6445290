import type { KycStrings } from '../locales/types.ts'
import type { BiometricsView, DataItemView } from '../react/types.ts'
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
      {biometrics.status === 'rejected' && biometrics.message && (
        <p className="kyc-card__message">
          <span className="kyc-card__message-title">{strings['review.message']}</span>{' '}
          {biometrics.message}
        </p>
      )}
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

/** `data` items: fixed elsewhere, listed so the customer knows they are still owed. */
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
            <span className="kyc-card__note">{strings['data.note']}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
