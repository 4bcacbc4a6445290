import type { DocumentStatus } from '../core/status.ts'
import { useKycUploaderContext } from './KycUploaderProvider.tsx'

export interface ReviewMessageProps {
  status: DocumentStatus
  /** The reviewer's words, from the server: rendered as text. */
  message: string | null
}

/** Why a rejected item was refused; nothing for other statuses or without a message. */
export function ReviewMessage({ status, message }: ReviewMessageProps) {
  const { strings } = useKycUploaderContext()
  if (status !== 'rejected' || !message) return null
  return (
    <p className="kyc-card__message">
      <span className="kyc-card__message-title">{strings['review.message']}</span> {message}
    </p>
  )
}
