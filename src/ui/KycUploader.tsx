import type { KycUploaderOptions } from '../react/types.ts'
import { useKycUploader } from '../react/useKycUploader.ts'
import { KycUploaderView } from './KycUploaderView.tsx'

export interface KycUploaderProps extends KycUploaderOptions {
  /** Extra class on the root element, beside `kyc-uploader`. Default: none. */
  className?: string
}

/** The drop-in widget: `useKycUploader` rendered by `KycUploaderView`. Import `styles.css` once. */
export function KycUploader({ className, ...options }: KycUploaderProps) {
  return <KycUploaderView {...useKycUploader(options)} className={className} />
}
