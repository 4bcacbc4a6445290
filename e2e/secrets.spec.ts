// Nothing the browser loads holds the provider's secret or a provider token: every page, script,
// stylesheet and API answer of a real session (an upload included) is searched for them.
import { documentOf, expect, fixture, test } from './support/test.ts'

const SECRET = process.env.SANDBOX_CLIENT_SECRET ?? 'sandbox-secret'
// The sandbox's access tokens start with this prefix (src/sandbox/auth.ts).
const TOKEN_PREFIX = 'sbx_at_'

test('no page, asset or answer the browser gets holds the secret or a token', async ({
  page,
  openDemo,
}) => {
  const bodies: { url: string; text: string }[] = []
  page.on('response', async (response) => {
    const text = await response.text().catch(() => '')
    bodies.push({ url: response.url(), text })
  })

  await openDemo()
  await page
    .locator('[data-kyc-type="ccmei"] input[type=file]')
    .setInputFiles(fixture('ccmei-multipage.pdf'))
  await expect(documentOf(page, 'ccmei')).toHaveAttribute('data-status', 'submitted')
  for (const path of ['/onboarding.html', '/showcase.html']) {
    await page.goto(path)
    await page.waitForLoadState('networkidle')
  }

  const scripts = bodies.filter((body) => /\.js($|\?)/.test(body.url))
  expect(scripts.length).toBeGreaterThan(0)
  for (const { url, text } of bodies) {
    expect(text, url).not.toContain(SECRET)
    expect(text, url).not.toContain(TOKEN_PREFIX)
  }
})
