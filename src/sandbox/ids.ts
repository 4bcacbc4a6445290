/** `prefix` + 32 random hex digits, the provider's id shape (`cust_…`, `doc_…`). */
export function randomId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return prefix + Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** ISO 8601 timestamp of a clock reading. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString()
}
