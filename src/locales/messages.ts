import { displayFileName, formatBytes, interpolate } from './format.ts'
import type { KycStrings, MessageCode } from './types.ts'

/** What a message is made from: a code, and for API errors the server's `detail`. */
export interface MessageSource {
  code: string
  /** The server's explanation, shown (as text) when the code has no message of its own. */
  detail?: string | undefined
  /** Template values, e.g. `{ name, max }`; a numeric `max` is shown as a size. */
  params?: Record<string, string | number> | undefined
}

// Fails to compile when a code lacks its `error.<code>` string.
type MissingMessages = Exclude<`error.${MessageCode}`, keyof KycStrings>
const everyCodeHasAMessage: [MissingMessages] extends [never] ? true : false = true
void everyCodeHasAMessage

/** The strings' own text for `key` (never one inherited from `Object.prototype`). */
function ownString(strings: KycStrings, key: string): string | undefined {
  return Object.hasOwn(strings, key)
    ? (strings as unknown as Record<string, string>)[key]
    : undefined
}

/**
 * The message for a failure: the translated text of its `code`, else the server's `detail`,
 * else the generic message. Always plain text; the caller renders it as text.
 */
export function messageFor(source: MessageSource, strings: KycStrings, tag: string): string {
  const template = ownString(strings, `error.${source.code}`)
  if (template === undefined) {
    return source.detail?.trim() ? source.detail.trim() : strings['error.generic']
  }
  const params: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(source.params ?? {})) {
    params[key] =
      key === 'max' && typeof value === 'number'
        ? formatBytes(value, tag)
        : key === 'name' && typeof value === 'string'
          ? displayFileName(value)
          : value
  }
  return interpolate(template, params)
}

/** The label of a document type: the strings' own, else the provider's description, else the key. */
export function labelFor(
  item: { type: string; description?: string | null | undefined },
  strings: KycStrings,
): string {
  return ownString(strings, `label.${item.type}`) ?? (item.description?.trim() || item.type)
}
