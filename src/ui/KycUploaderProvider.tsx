import { createContext, useContext, type Provider, type ProviderProps } from 'react'
import type { KycUploaderViewModel } from '../react/types.ts'

/** What the parts read from their surroundings instead of taking it as props. */
export type KycUploaderContextValue = Pick<
  KycUploaderViewModel,
  'strings' | 'localeTag' | 'maxFileSize'
>

const KycUploaderContext = createContext<KycUploaderContextValue | null>(null)

/**
 * Gives the parts (`DocumentCard`, `StatusBadge`, …) their strings, locale tag and size limit:
 * `<KycUploaderProvider value={model}>`, where `model` is `useKycUploader`'s result (or any
 * object with `strings`, `localeTag` and `maxFileSize`). `KycUploaderView` sets it itself; wrap
 * in it the parts you render in your own markup.
 */
export const KycUploaderProvider = KycUploaderContext.Provider as Provider<KycUploaderContextValue>

/** Props of `KycUploaderProvider`: `value` and `children`. */
export type KycUploaderProviderProps = ProviderProps<KycUploaderContextValue>

/**
 * The surrounding `KycUploaderProvider`'s value. Outside one, a clear error rather than a default:
 * the default locale is a chunk loaded on demand, which a part rendering on its own cannot wait for.
 */
export function useKycUploaderContext(): KycUploaderContextValue {
  const value = useContext(KycUploaderContext)
  if (!value) {
    throw new Error(
      'kyc-uploader: its parts need <KycUploaderView> or <KycUploaderProvider value={…}> around them',
    )
  }
  return value
}
