import { copyFileSync, mkdirSync } from 'node:fs'
import { fileInputOf, memoryFile } from './support/files.ts'
import { documentOf, expect, expectedMessage, test } from './support/test.ts'

// Screenshots of the demo in a telling state: one document approved, one rejected with the
// reviewer's message, one refused before sending, one still to do. The desktop one is the README's.
test('demo screenshot', { tag: '@phone' }, async ({ page, openDemo }, testInfo) => {
  await openDemo()
  await fileInputOf(page, 'ccmei').setInputFiles(memoryFile('ccmei-multipage.pdf', 'ccmei.pdf'))
  await fileInputOf(page, 'identity_card_front').setInputFiles(
    memoryFile('camera-photo.jpg', 'rg-frente-reject.jpg'),
  )
  await fileInputOf(page, 'identity_card_back').setInputFiles(
    memoryFile('iphone-photo.heic', 'rg-verso.heic'),
  )
  await expect(documentOf(page, 'ccmei')).toHaveAttribute('data-status', 'approved', {
    timeout: 20_000,
  })
  await expect(documentOf(page, 'identity_card_front')).toHaveAttribute('data-status', 'rejected', {
    timeout: 20_000,
  })
  await expect(documentOf(page, 'identity_card_back')).toContainText(
    expectedMessage('file_heic', { name: 'rg-verso.heic' }),
  )

  const path = `test-results/screenshots/demo-${testInfo.project.name}.png`
  await page.screenshot({ path, fullPage: true })
  // UPDATE_SCREENSHOTS=1 npm run test:e2e refreshes the README's picture; otherwise it stays put.
  if (process.env.UPDATE_SCREENSHOTS && testInfo.project.name === 'desktop') {
    mkdirSync('docs/screenshots', { recursive: true })
    copyFileSync(path, 'docs/screenshots/demo.png')
  }
})
