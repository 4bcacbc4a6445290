// Session riding from a sibling origin of the same site (issue #13, 1): a page on another port of
// localhost, which SameSite=Lax cookies do not stop, posts to the victim's proxy with the victim's
// cookie, once as a no-cors fetch and once as an auto-submitted multipart form. Both get 403 and
// nothing is stored.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from './support/test.ts'

let attacker: Server
let attackerOrigin: string

function attackPage(target: string): string {
  return `<!doctype html><html><body>
<form id="form" method="post" enctype="multipart/form-data" action="${target}">
  <input name="type" value="ccmei"><input type="file" name="file" id="file">
</form>
<script>
  const pdf = new File(['%PDF-1.4\\n1 0 obj<<>>endobj\\ntrailer<<>>\\n%%EOF\\n'], 'planted.pdf', { type: 'application/pdf' })
  const data = new FormData()
  data.set('type', 'ccmei')
  data.set('file', pdf)
  const picked = new DataTransfer()
  picked.items.add(pdf)
  document.getElementById('file').files = picked.files
  fetch('${target}', { method: 'POST', mode: 'no-cors', credentials: 'include', body: data })
    .catch(() => {})
    .then(() => { document.title = 'fetched'; document.getElementById('form').submit() })
</script></body></html>`
}

test.beforeAll(async () => {
  attacker = createServer((request, response) => {
    const target = new URL(request.url ?? '/', 'http://x').searchParams.get('target') ?? ''
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(attackPage(target))
  })
  await new Promise<void>((resolve) => attacker.listen(0, 'localhost', resolve))
  attackerOrigin = `http://localhost:${(attacker.address() as AddressInfo).port}`
})

test.afterAll(async () => {
  await new Promise((resolve) => attacker.close(resolve))
})

test('a page on a sibling origin cannot upload with the visitor’s cookie: form and no-cors fetch get 403, nothing stored', async ({
  page,
  baseURL,
  openDemo,
  storedDocuments,
}) => {
  const { customerId } = await openDemo()
  const target = `${baseURL}/api/kyc/customers/${customerId}/documents`
  expect(new URL(target).hostname).toBe(new URL(attackerOrigin).hostname) // same site
  expect(new URL(target).origin).not.toBe(attackerOrigin) // another origin

  // The answer shown after the form's navigation makes Chromium ask the demo for a favicon.
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }))
  const statuses: number[] = []
  page.on('response', (response) => {
    if (response.url() === target) statuses.push(response.status())
  })
  await page.goto(`${attackerOrigin}/?target=${encodeURIComponent(target)}`)
  // The form's submission navigates to the proxy's answer.
  await page.waitForURL(target)
  expect(statuses).toEqual([403, 403])
  expect(await page.locator('body').textContent()).toContain('cross_origin_request')

  expect(await storedDocuments()).toEqual([])
})
