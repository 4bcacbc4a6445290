import type { KycLocale, KycStrings } from './types.ts'

/**
 * Stands in for the default locale while it loads: its tag and its loading text, nothing else.
 * The widget shows only the loading state until the real strings are there.
 */
export const LOADING_LOCALE: KycLocale = {
  tag: 'pt-BR',
  strings: { 'state.loading': 'Carregando documentos…' } as KycStrings,
}

let loaded: KycLocale | undefined
let loading: Promise<KycLocale> | undefined

/** The default locale (pt-BR) if this page has loaded it already. */
export function loadedDefaultLocale(): KycLocale | undefined {
  return loaded
}

/**
 * Loads the default locale, pt-BR, once per page. It is a chunk of its own, so a page that
 * passes a `locale` never downloads it. After a failed load the next call tries again.
 */
export function loadDefaultLocale(): Promise<KycLocale> {
  loading ??= import('./pt-BR.ts').then(
    (module) => (loaded = module.ptBR),
    (error: unknown) => {
      loading = undefined
      throw error
    },
  )
  return loading
}
