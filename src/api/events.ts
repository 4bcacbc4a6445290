import type { Customer } from './types.ts'

/**
 * Follows a customer's status pushed by the proxy (`GET …/customers/{id}/events`, Server-Sent
 * Events): `onStatus` gets each view, `onHealth` whether the stream is open. The browser
 * reconnects by itself, sending `Last-Event-ID`; a server without the route (404) or refusing
 * it closes the stream for good, and the caller keeps polling. Only for the page's own origin:
 * a cross-origin base URL (a provider reached with `getToken`) is not streamed. Answers the
 * function that closes it.
 */
export function followCustomerEvents(
  url: string,
  onStatus: (customer: Customer) => void,
  onHealth: (healthy: boolean) => void,
): () => void {
  if (
    typeof EventSource === 'undefined' ||
    new URL(url, location.href).origin !== location.origin
  ) {
    return () => {}
  }
  const source = new EventSource(url)
  source.onopen = () => onHealth(true)
  source.onerror = () => onHealth(false)
  source.addEventListener('status', (event) => {
    try {
      onStatus(JSON.parse((event as MessageEvent<string>).data) as Customer)
    } catch {
      // A garbled event changes nothing; the next poll or event will.
    }
  })
  return () => source.close()
}
