import { existsSync } from 'node:fs'
import { storyIds } from '../src/showcase/story-index.ts'
import { expectNoAxeViolations } from './support/axe.ts'
import { fileInputOf, memoryFile } from './support/files.ts'
import { documentOf, expect, expectedMessage, test } from './support/test.ts'

test.describe('axe-core finds no violation', () => {
  test(
    'on the demo: pending documents, a refused file, light and dark, both languages',
    {
      tag: '@phone',
    },
    async ({ page, openDemo }) => {
      await openDemo()
      await expectNoAxeViolations(page, 'the demo, light, pt-BR')

      await fileInputOf(page, 'ccmei').setInputFiles(memoryFile('iphone-photo.heic'))
      await expect(documentOf(page, 'ccmei')).toContainText(expectedMessage('file_heic'))
      await expectNoAxeViolations(page, 'the demo with a refused file')

      await page.goto('/?locale=en&theme=dark')
      await expect(documentOf(page, 'ccmei')).toBeVisible()
      await expectNoAxeViolations(page, 'the demo, dark, en')
    },
  )

  test(
    'on the demo with reviewed documents (approved, rejected with a message)',
    {
      tag: '@phone',
    },
    async ({ page, openDemo }) => {
      await openDemo({ scenario: 'rejected' })
      await expect(page.locator('[data-kyc-type][data-status="rejected"]')).toHaveCount(1)
      await expectNoAxeViolations(page, 'the rejected scenario')
      await page.goto('/?theme=dark')
      await expect(page.locator('[data-kyc-type][data-status="rejected"]')).toHaveCount(1)
      await expectNoAxeViolations(page, 'the rejected scenario, dark')
    },
  )

  test('on the onboarding example', { tag: '@phone' }, async ({ page }) => {
    await page.goto('/onboarding.html')
    await expect(page.locator('[data-kyc-uploader] [data-kyc-type]').first()).toBeVisible()
    await expectNoAxeViolations(page, 'the onboarding page')
  })
})

// The showcase (showcase.html, src/showcase/) renders every state of the widget from fixtures.
test.describe('showcase stories', () => {
  test('the showcase index links every story', async ({ page }) => {
    expect(existsSync('showcase.html')).toBe(true)
    expect(storyIds.length, 'src/showcase/story-index.ts lists the stories').toBeGreaterThan(0)
    await page.goto('/showcase.html')
    for (const id of storyIds) {
      await expect(page.locator(`a[href$="story=${encodeURIComponent(id)}"]`)).toHaveCount(1)
    }
  })

  for (const id of storyIds) {
    test(`story ${id}: axe-clean, screenshot saved`, async ({ page }, testInfo) => {
      await page.goto(`/showcase.html?story=${encodeURIComponent(id)}`)
      await expect(page.locator('[data-story-ready]')).toHaveCount(1)
      await expect(page.locator('[data-story-error]')).toHaveCount(0)
      await expectNoAxeViolations(page, `story ${id}`)
      await page.screenshot({
        path: `test-results/showcase/${testInfo.project.name}/${id}.png`,
        fullPage: true,
      })
    })
  }
})
