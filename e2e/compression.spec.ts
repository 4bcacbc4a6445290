import { expect, test } from './support/test.ts'

// The production demo sends its scripts and styles compressed, as a host's production server
// would: what Lighthouse and a phone on a slow network see.
test('the demo loads its scripts and styles compressed', async ({ page, openDemo }) => {
  await openDemo()
  const resources = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => /\/assets\/.+\.(js|css)$/.test(new URL(entry.name).pathname))
      .map(({ name, encodedBodySize, decodedBodySize }) => ({
        name: new URL(name).pathname,
        encodedBodySize,
        decodedBodySize,
      })),
  )
  expect(resources.some((resource) => resource.name.endsWith('.js'))).toBe(true)
  expect(resources.some((resource) => resource.name.endsWith('.css'))).toBe(true)
  for (const resource of resources) {
    if (resource.decodedBodySize < 1024) continue
    // Minified JS and CSS compress to well under half.
    expect(resource.encodedBodySize, resource.name).toBeLessThan(resource.decodedBodySize / 2)
  }
})
