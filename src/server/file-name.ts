/** Longest file name forwarded to the provider, in characters, extension included. */
export const MAX_FILE_NAME_LENGTH = 100

// Control characters, format characters (bidi overrides and isolates, zero-width joiners…),
// line and paragraph separators, private use and unassigned code points.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/gu
// Characters Windows refuses in names, and quotes a back office might not escape.
const RESERVED = /["*:<>?|`]/g
const EXTENSION = /\.([\p{L}\p{N}]{1,10})$/u

/**
 * The file name as the provider's back office will show it: no folders (`../`, `C:\`), no
 * control or bidi characters (an `exe.pdf` that reads as `fdp.exe`), no characters a file system
 * refuses, at most `MAX_FILE_NAME_LENGTH` characters with the extension kept. An empty result
 * becomes `document` plus the extension.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? ''
  const cleaned = base
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/[\s.]+$/, '')
  const extension = EXTENSION.exec(cleaned)?.[0] ?? ''
  // Leading dots would hide the file on Unix and make `..`: gone, as are trailing ones.
  const stem = [...cleaned.slice(0, cleaned.length - extension.length).replace(/^[\s.]+/, '')]
    .slice(0, MAX_FILE_NAME_LENGTH - extension.length)
    .join('')
    .replace(/[\s.]+$/, '')
  return `${stem || 'document'}${extension}`
}
