import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import type { DataItemView } from '../react/types.ts'
import { classNames } from './classNames.ts'
import { useKycUploaderContext } from './KycUploaderProvider.tsx'
import { ReviewMessage } from './ReviewMessage.tsx'
import { StatusBadge } from './StatusBadge.tsx'

/** `items`, plus any attribute of the root `<div>` (`className` is added to ours). */
export interface DataItemListProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  items: readonly DataItemView[]
}

/**
 * `data` items: fixed elsewhere, listed with their status (and why one was refused). Renders
 * nothing when there are none (then the ref is `null`).
 */
export const DataItemList = forwardRef<HTMLDivElement, DataItemListProps>(function DataItemList(
  { items, className, ...rest },
  ref,
) {
  const { strings } = useKycUploaderContext()
  if (items.length === 0) return null
  return (
    <div {...rest} ref={ref} className={classNames('kyc-data', className)}>
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
            <StatusBadge status={item.status} />
            {(item.status === 'pending' || item.status === 'rejected') && (
              <p className="kyc-card__note">{strings['data.note']}</p>
            )}
            <ReviewMessage status={item.status} message={item.message} />
          </li>
        ))}
      </ul>
    </div>
  )
})
