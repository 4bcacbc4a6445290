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

  test('on the demo with reviewed documents (approved, rejected with a message)', async ({
    page,
    openDemo,
  }) => {
    await openDemo({ scenario: 'rejected' })
    await expect(page.locator('[data-kyc-type][data-status="rejected"]')).toHaveCount(1)
    await expectNoAxeViolations(page, 'the rejected scenario')
    await page.goto('/?theme=dark')
    await expect(page.locator('[data-kyc-type][data-status="rejected"]')).toHaveCount(1)
    await expectNoAxeViolations(page, 'the rejected scenario, dark')
  })

  test('on the onboarding example', { tag: '@phone' }, async ({ page }) => {
    await page.goto('/onboarding.html')
    await expect(page.locator('[data-kyc-uploader] [data-kyc-type]').first()).toBeVisible()
    await expectNoAxeViolations(page, 'the onboarding page')
  })
})
