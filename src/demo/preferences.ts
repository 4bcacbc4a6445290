// The demo's locale and theme live in the URL (`?locale=en&theme=dark`), so a link or a reload
// keeps them and the e2e suite can open any combination directly.
import { en } from '../locales/en.ts'
import { es } from '../locales/es.ts'
import { ptBR } from '../locales/pt-BR.ts'
import type { KycLocale } from '../locales/types.ts'

export const LOCALES: Record<string, { label: string; locale: KycLocale }> = {
  'pt-BR': { label: 'Português (Brasil)', locale: ptBR },
  en: { label: 'English', locale: en },
  es: { label: 'Español', locale: es },
}

export type Theme = 'light' | 'dark'

export interface Preferences {
  locale: string
  theme: Theme
}

export function readPreferences(search: string): Preferences {
  const params = new URLSearchParams(search)
  const locale = params.get('locale') ?? 'pt-BR'
  return {
    locale: locale in LOCALES ? locale : 'pt-BR',
    theme: params.get('theme') === 'dark' ? 'dark' : 'light',
  }
}

/** Writes the preferences to the URL and the page's `data-theme` (never an inline style). */
export function applyPreferences(preferences: Preferences): void {
  const url = new URL(window.location.href)
  url.searchParams.set('locale', preferences.locale)
  url.searchParams.set('theme', preferences.theme)
  window.history.replaceState(null, '', url)
  document.documentElement.dataset.theme = preferences.theme
  document.documentElement.lang = preferences.locale
}
