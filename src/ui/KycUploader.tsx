import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import type { KycUploaderOptions } from '../react/types.ts'
import { useKycUploader } from '../react/useKycUploader.ts'
import { KycUploaderView } from './KycUploaderView.tsx'

type RootProps = Omit<ComponentPropsWithoutRef<'div'>, 'children' | keyof KycUploaderOptions>

/**
 * `KycUploaderOptions`, plus any attribute of the root `<div>` (`id`, `aria-*`, `data-*`,
 * handlers; `className` is added to ours). `onError` is the option, not the DOM event.
 */
export interface KycUploaderProps extends KycUploaderOptions, RootProps {}

// Every option, so that none lands on the root element (the type says when one is missing).
const OPTIONS: Record<keyof KycUploaderOptions, true> = {
  customerId: true,
  baseUrl: true,
  getToken: true,
  fetch: true,
  credentials: true,
  locale: true,
  strings: true,
  maxFileSize: true,
  pollInterval: true,
  hideDataItems: true,
  photos: true,
  rememberFileNames: true,
  handoff: true,
  queryClient: true,
  onUploaded: true,
  onStatusChange: true,
  onComplete: true,
  onError: true,
  onUnauthorized: true,
  onBiometrics: true,
  onEvent: true,
}

/** The drop-in widget: `useKycUploader` rendered by `KycUploaderView`. Import `styles.css` once. */
export const KycUploader = forwardRef<HTMLDivElement, KycUploaderProps>(
  function KycUploader(props, ref) {
    const root: Record<string, unknown> = { ...props }
    for (const option in OPTIONS) delete root[option]
    return <KycUploaderView {...useKycUploader(props)} {...(root as RootProps)} ref={ref} />
  },
)
