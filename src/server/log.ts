export interface RequestLogEntry {
  method: string
  /** The URL's pathname only: the query string is never logged. */
  path: string
  status: number
  durationMs: number
  /** The problem code, when the answer was an error. */
  code?: string | undefined
}

const MAX_LOGGED_PATH = 200

/**
 * One line per request, e.g. `kyc-proxy POST /api/kyc/customers/cust_…/documents 201 84ms`.
 * Built only from the method, path, status, duration and problem code: no header, token, secret
 * or body can reach it.
 */
export function formatLogLine(entry: RequestLogEntry): string {
  const path =
    entry.path.length > MAX_LOGGED_PATH ? `${entry.path.slice(0, MAX_LOGGED_PATH)}…` : entry.path
  const method = /^[A-Z]{1,16}$/.test(entry.method) ? entry.method : 'OTHER'
  const line = `kyc-proxy ${method} ${path} ${entry.status} ${Math.round(entry.durationMs)}ms`
  return entry.code ? `${line} ${entry.code}` : line
}
