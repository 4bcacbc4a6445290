// The provider's access token as the shared store keeps it: sealed with AES-GCM under a key
// derived from the client secret, so every instance (holding the secret) can open it and whoever
// reads the store alone cannot use it.

const encoder = new TextEncoder()
const SALT = encoder.encode('kyc-uploader/provider-token/v1')
// Binds a sealed value to its purpose: a ciphertext copied to another key does not open.
const PURPOSE = encoder.encode('provider-token')

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0))

export interface TokenSeal {
  seal(text: string): Promise<string>
  /** The sealed text, or `null` when it was not sealed with this key (or was altered). */
  open(sealed: string): Promise<string | null>
}

/**
 * AES-256-GCM with a key derived by HKDF-SHA-256 from the client secret (the client id as its
 * `info`): a fresh 96-bit IV per value, stored as `v1.{iv}.{ciphertext}` in base64.
 */
export function tokenSeal(clientId: string, clientSecret: string): TokenSeal {
  const key = crypto.subtle
    .importKey('raw', encoder.encode(clientSecret), 'HKDF', false, ['deriveKey'])
    .then((secret) =>
      crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: SALT, info: encoder.encode(clientId) },
        secret,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      ),
    )
  return {
    async seal(text) {
      const iv = crypto.getRandomValues(new Uint8Array(12))
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: PURPOSE },
        await key,
        encoder.encode(text),
      )
      return `v1.${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`
    },
    async open(sealed) {
      const [version, iv, data] = sealed.split('.')
      if (version !== 'v1' || !iv || !data) return null
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: fromBase64(iv), additionalData: PURPOSE },
          await key,
          fromBase64(data),
        )
        return new TextDecoder().decode(plain)
      } catch {
        return null
      }
    },
  }
}
