import { useEffect, useState } from 'react'
import { loadDefaultLocale, loadedDefaultLocale } from '../locales/defaultLocale.ts'
import type { KycLocale } from '../locales/types.ts'

/**
 * The locale to speak: the host's, else the default (pt-BR), which is loaded on first use and is
 * `undefined` until it arrives (also during a server render).
 */
export function useLocale(chosen: KycLocale | undefined): KycLocale | undefined {
  const [fallback, setFallback] = useState(loadedDefaultLocale)
  const needed = !chosen && !fallback
  useEffect(() => {
    if (!needed) return
    let mounted = true
    // A failed load leaves the loading state; the next widget mounted tries again.
    loadDefaultLocale().then(
      (locale) => mounted && setFallback(locale),
      () => {},
    )
    return () => {
      mounted = false
    }
  }, [needed])
  return chosen ?? fallback
}
