import type { KycLocale, KycStringOverrides, KycStrings } from './types.ts'

/** Fills `{name}`-style placeholders. Unknown placeholders stay as written. */
export function interpolate(template: string, params: Record<string, string | number> = {}) {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in params ? String(params[key]) : match,
  )
}

// Bidi controls (LRM, RLM, ALM, the embeddings and overrides, the isolates): invisible, yet they
// reorder what follows, so `fatura\u202Egpj.exe` would read as "fatura…exe.jpg".
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g

/**
 * A file name as shown to people: each bidi control character becomes its visible code, e.g.
 * `fatura[U+202E]gpj.exe`, so a name cannot pass itself off as another. The file is still sent
 * under its real name.
 */
export function displayFileName(name: string): string {
  return name.replace(
    BIDI_CONTROLS,
    (char) => `[U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`,
  )
}

/** A locale's strings with a host's overrides applied key by key (an `undefined` one overrides nothing). */
export function resolveStrings(
  locale: KycLocale,
  overrides?: KycStringOverrides | undefined,
): KycStrings {
  if (!overrides) return locale.strings
  const strings: Record<string, string> = { ...locale.strings }
  for (const [key, text] of Object.entries(overrides)) if (text !== undefined) strings[key] = text
  return strings as unknown as KycStrings
}

const BYTE_UNITS = [
  ['gigabyte', 1024 ** 3],
  ['megabyte', 1024 ** 2],
  ['kilobyte', 1024],
] as const

/** A size in the locale's words, e.g. `10 MB`, `1,5 MB`, `312 kB` (binary multiples). */
export function formatBytes(bytes: number, tag: string): string {
  const [unit, size] = BYTE_UNITS.find(([, size]) => bytes >= size) ?? ['byte', 1]
  const value = bytes / size
  return new Intl.NumberFormat(tag, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && unit !== 'byte' ? 1 : 0,
  }).format(value)
}

/** A timestamp as a short local date and time; the input back when it is not a date. */
export function formatDateTime(iso: string, tag: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'short' }).format(date)
}
