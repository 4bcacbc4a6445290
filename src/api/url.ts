/**
 * `baseUrl` (without its trailing slashes) followed by `path`, a relative base resolved against
 * the page as a browser's `fetch` would resolve it. The same URL in a browser; outside one (a
 * host's tests in jsdom) Node's `fetch` gets the absolute URL it needs instead of failing.
 */
export function apiUrl(baseUrl: string, path: string): string {
  const url = `${baseUrl.replace(/\/+$/, '')}${path}`
  if (typeof document === 'undefined' || /^[a-z][a-z\d+.-]*:/i.test(url)) return url
  return new URL(url, document.baseURI).href
}
