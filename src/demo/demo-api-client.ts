// The demo page's calls to its own backend (/demo-api/, served by scripts/dev.mjs). Not part of
// the widget: a host has its own session layer and never exposes sandbox controls.

export interface DemoScenario {
  id: string
  label: string
}

export type DemoFault = '500' | '429' | 'drop' | 'slow' | 'stall' | 'html502' | 'token_expired'

export interface DemoSession {
  customerId: string
  scenario: string
  scenarios: DemoScenario[]
  reviewDelayMs: number
  faults: DemoFault[]
}

async function call<T>(path: string, body?: Record<string, unknown>): Promise<T> {
  const response = await fetch(`/demo-api${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : null,
    credentials: 'same-origin',
  })
  if (!response.ok) throw new Error(`${path} answered ${response.status}`)
  return (await response.json()) as T
}

export const demoApi = {
  /** The visitor's session; the first call gives them a fresh customer of the default scenario. */
  session: () => call<DemoSession>('/session'),
  /** A fresh customer of `scenario`. */
  pickScenario: (scenario: string) => call<DemoSession>('/scenario', { scenario }),
  /** A fresh customer of the current scenario: start over. */
  reset: () => call<DemoSession>('/reset', {}),
  setReviewDelay: (ms: number) => call<DemoSession>('/review-delay', { ms }),
  forceReject: (message?: string) =>
    call<{ ok: true }>('/force-reject', message ? { message } : {}),
  injectFault: (kind: DemoFault) => call<{ ok: true }>('/fault', { kind }),
}
