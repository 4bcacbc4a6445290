/** Shortest signing key accepted, in bytes: Standard Webhooks issues 24 to 64. */
export const MIN_WEBHOOK_KEY_BYTES = 16

const SECRET_PATTERN = /^whsec_((?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)$/

/**
 * Checks a Standard Webhooks secret (`whsec_` + base64 of the key) and answers its key length.
 * Throws for anything else: an empty key (`whsec_`), characters outside base64 (`whsec_!!!!`),
 * a truncated one (`whsec_a`) or a key too short to resist guessing. A lenient decoder would turn
 * each of these into an empty or tiny HMAC key, the same forgeable signature for all of them.
 */
export function checkWebhookSecret(secret: unknown, name = 'webhook secret'): number {
  const match = typeof secret === 'string' ? SECRET_PATTERN.exec(secret) : null
  const encoded = match?.[1]
  if (!encoded) {
    throw new TypeError(`${name} must be "whsec_" followed by the base64 of the signing key`)
  }
  const bytes =
    (encoded.length / 4) * 3 - (encoded.endsWith('==') ? 2 : encoded.endsWith('=') ? 1 : 0)
  if (bytes < MIN_WEBHOOK_KEY_BYTES) {
    throw new TypeError(
      `${name} is too short: its key has ${bytes} bytes, at least ${MIN_WEBHOOK_KEY_BYTES} are needed`,
    )
  }
  return bytes
}
