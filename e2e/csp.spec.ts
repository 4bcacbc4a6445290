import { expect, test } from './support/test.ts'

// Every test runs with the auto fixture in support/test.ts failing on any CSP violation or console
// error. These check the policy itself, and that it is really enforced.
const PAGES = ['/', '/onboarding.html', '/showcase.html', '/phone.html']

test('every page is served with the strict policy: no inline script or style, no eval', async ({
  page,
}) => {
  for (const path of PAGES) {
    const response = await page.request.get(path)
    expect(response.status(), path).toBe(200)
    const policy = response.headers()['content-security-policy'] ?? ''
    expect(policy, path).toContain("default-src 'self'")
    expect(policy, path).toContain("script-src 'self';")
    expect(policy, path).toContain("style-src 'self';")
    expect(policy, path).toContain("object-src 'none'")
    expect(policy, path).toContain("base-uri 'none'")
    expect(policy, path).toContain("frame-ancestors 'none'")
    expect(policy, path).not.toMatch(/unsafe-|nonce-/)
    expect(policy, `${path}: no bare * source`).not.toMatch(/\s\*(;|\s|$)/)
  }
})

test('the policy is enforced: an injected inline script does not run, and is reported', async ({
  page,
  pageProblems,
}) => {
  await page.goto('/')
  await expect(page.locator('[data-kyc-uploader]')).toBeVisible()

  const ran = await page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.__injected = true'
    document.body.append(script)
    return (window as unknown as { __injected?: boolean }).__injected === true
  })

  expect(ran).toBe(false)
  await expect.poll(() => pageProblems.some((problem) => /CSP violation/.test(problem))).toBe(true)
  // Seen and expected: clear them so the fixture's own check passes.
  pageProblems.length = 0
})

test.describe('npm run dev (Vite with hot reload)', () => {
  test.use({ baseURL: `http://localhost:${Number(process.env.E2E_DEV_PORT ?? 5198)}` })

  test('renders the widget under its per-response nonce policy, with no violation', async ({
    page,
  }) => {
    const response = await page.goto('/')
    const policy = response?.headers()['content-security-policy'] ?? ''
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+';/)
    expect(policy).not.toContain('unsafe-')
    await expect(page.locator('[data-kyc-uploader] [data-kyc-type]').first()).toBeVisible({
      timeout: 30_000,
    })
  })
})
