// Test helpers for continue on the phone: ask for a link, open its page, confirm it.
import type { Stack } from './stack.ts'

export const HANDOFF = { pageUrl: '/phone.html' }

export interface Issued {
  id: string
  url: string
  expiresAt: number
  code: string | null
}

export async function issue(current: Stack, customerId: string, cookie: string): Promise<Issued> {
  const response = await current.request(`/customers/${customerId}/handoff`, {
    method: 'POST',
    cookie,
  })
  expect(response.status).toBe(201)
  return (await response.json()) as Issued
}

/** The phone opens the link: a top-level navigation, redirects not followed. */
export const open = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { redirect: 'manual', headers: { 'sec-fetch-site': 'none', ...headers } })

/** The person presses "continue" on the link's page (a same-origin form post). */
export const confirm = (link: Issued, headers: Record<string, string> = {}, code = link.code) =>
  fetch(link.url, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'sec-fetch-site': 'same-origin',
      origin: new URL(link.url).origin,
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: code === null ? '' : `code=${code}`,
  })

export const cookieOf = (response: Response) =>
  (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
