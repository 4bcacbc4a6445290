import { expect, test } from './support/test.ts'

// While the customer loads, the widget holds the room its cards will take: a slow first read
// moves nothing on the page (no layout shift from the loading state to the cards).
test(
  'the loading state is as tall as the cards that replace it',
  { tag: '@phone' },
  async ({ page }) => {
    const response = await page.request.post('/demo-api/scenario', {
      data: { scenario: 'company' },
    })
    expect(response.ok()).toBe(true)
    // A slow network's first read, long enough to look at the loading state; the event stream is
    // held as well, since its first message would fill the cards too.
    await page.route('**/api/kyc/customers/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500))
      await route.continue()
    })
    await page.goto('/')
    const widget = page.locator('[data-kyc-uploader]')
    // The demo mounts the widget before its session arrives and mounts it again, keyed by the
    // customer, once it has: measure the second one (the first can be replaced mid-measure).
    await expect(page.locator('.demo-scenario')).toHaveText(/\w/)
    await expect(widget).toHaveAttribute('data-state', 'loading')
    await expect(page.locator('.kyc-skeleton__card')).toHaveCount(4)
    const loadingHeight = (await widget.boundingBox())?.height ?? 0

    // Layout shifts from here on (the page around the widget has settled: only the widget changes).
    await page.evaluate(() => {
      const store = window as unknown as { __shift: number }
      store.__shift = 0
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          value: number
          hadRecentInput: boolean
        })[]) {
          if (!entry.hadRecentInput) store.__shift += entry.value
        }
      }).observe({ type: 'layout-shift' })
    })
    await expect(widget).toHaveAttribute('data-state', 'ready', { timeout: 15_000 })
    await expect(page.locator('li.kyc-card')).toHaveCount(4)
    await page.waitForTimeout(300) // let the observer hear of the last frame
    const readyHeight = (await widget.boundingBox())?.height ?? 0
    const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift)

    expect(
      Math.abs(readyHeight - loadingHeight),
      `${loadingHeight} px -> ${readyHeight} px`,
    ).toBeLessThanOrEqual(2)
    expect(shift).toBeLessThan(0.01)
  },
)
