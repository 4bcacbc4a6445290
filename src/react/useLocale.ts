import { useCallback, useEffect, useState } from 'react'
import { loadDefaultLocale, loadedDefaultLocale } from '../locales/defaultLocale.ts'
import type { KycLocale } from '../locales/types.ts'

export interface LocaleState {
  /** The host's locale, else the default (pt-BR) once loaded; `undefined` until then (and in SSR). */
  locale: KycLocale | undefined
  /** The default locale could not be loaded (its chunk did not arrive). */
  failed: boolean
  /** Tries loading the default locale again. */
  retry: () => void
}

/**
 * The locale to speak: the host's, else the default (pt-BR), loaded on first use. A failed load
 * is reported rather than left as an endless loading state, and can be tried again.
 */
export function useLocale(chosen: KycLocale | undefined): LocaleState {
  const [fallback, setFallback] = useState(loadedDefaultLocale)
  const [failed, setFailed] = useState(false)
  const [attempt, setAttempt] = useState(0)
  const needed = !chosen && !fallback
  useEffect(() => {
    if (!needed) return
    let mounted = true
    loadDefaultLocale().then(
      (locale) => mounted && setFallback(locale),
      () => mounted && setFailed(true),
    )
    return () => {
      mounted = false
    }
  }, [needed, attempt])
  const retry = useCallback(() => {
    setFailed(false)
    setAttempt((count) => count + 1)
  }, [])
  return { locale: chosen ?? fallback, failed: needed && failed, retry }
}
