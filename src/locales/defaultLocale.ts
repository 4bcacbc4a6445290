import type { KycLocale, KycStrings } from './types.ts'

/**
 * Stands in for the default locale while it loads: its tag, its loading text (and the prompt
 * the skeleton outlines), and what the widget says if the strings do not arrive. The widget shows only those states until they do.
 */
export const LOADING_LOCALE: KycLocale = {
  tag: 'pt-BR',
  strings: {
    'state.loading': 'Carregando documentos…',
    'state.error': 'Não foi possível carregar seus documentos. {message}',
    'state.retry': 'Tentar novamente',
    'error.network_error': 'Sem conexão com o servidor. Verifique sua internet.',
    // Drawn as bars by the loading skeleton, so its outline wraps where the cards' prompt will.
    'dropzone.prompt': 'Arraste o arquivo até aqui ou clique para escolher',
  } as KycStrings,
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
