import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { sanitize } from '../src/showcase/csf.ts'
import { storyIds } from '../src/showcase/story-index.ts'
import { expectNoAxeViolations } from './support/axe.ts'
import { memoryFile } from './support/files.ts'
import { expect, test } from './support/test.ts'

// The showcase (showcase.html, src/showcase/) renders every state of the widget from fixtures.
// Each group page (`?title=<group>`) shows its stories side by side: axe scans it and each story
// is photographed there. Every story's own URL (`?story=<id>`) is opened too.
const groups = [...new Set(storyIds.map((id) => id.split('--')[0] ?? id))]

// One page per story (over fifty now) and a screenshot of each: more than the default 45 s on a
// busy two-core machine.
test.describe.configure({ timeout: 120_000 })

test('the showcase lists every story, and every story URL renders', async ({ page }) => {
  expect(existsSync('showcase.html')).toBe(true)
  expect(storyIds.length, 'src/showcase/story-index.ts lists the stories').toBeGreaterThan(0)
  await page.goto('/showcase.html')
  for (const id of storyIds) {
    await expect(page.locator(`a[href$="story=${encodeURIComponent(id)}"]`)).toHaveCount(1)
  }
  for (const id of storyIds) {
    await page.goto(`/showcase.html?story=${encodeURIComponent(id)}`)
    await expect(page.locator(`[data-story="${id}"][data-story-ready]`), id).toHaveCount(1)
    await expect(page.locator('[data-story-error]'), id).toHaveCount(0)
  }
})

for (const group of groups) {
  test(`showcase group ${group}: axe-clean, every story photographed`, async ({ page }) => {
    const ids = storyIds.filter((id) => id.startsWith(`${group}--`))
    await page.goto(`/showcase.html?title=${encodeURIComponent(sanitize(group))}`)
    await expect(page.locator('[data-story-ready]')).toHaveCount(ids.length)
    await expect(page.locator('[data-story-error]')).toHaveCount(0)
    await expectNoAxeViolations(page, `the showcase group ${group}`)

    for (const id of ids) {
      await page
        .locator(`[data-story="${id}"]`)
        .screenshot({ path: `test-results/showcase/${id}.png` })
    }
    const path = `test-results/screenshots/showcase-${group}.png`
    await page.screenshot({ path, fullPage: true })
    // UPDATE_SCREENSHOTS=1 refreshes the README's picture; otherwise it stays put.
    if (process.env.UPDATE_SCREENSHOTS && group === 'states') {
      mkdirSync('docs/screenshots', { recursive: true })
      copyFileSync(path, 'docs/screenshots/showcase.png')
    }
  })
}

test('the live events story lists onEvent as the user goes: a dark photo sent anyway, a PDF', async ({
  page,
}) => {
  await page.goto('/showcase.html?story=events--live')
  await expect(page.locator('[data-kyc-uploader][data-state="ready"]')).toHaveCount(1)
  const list = page.locator('.showcase-events__list')
  await expect(list.locator('[data-event="documents_shown"]')).toHaveCount(1)

  // A dark photo waits for the user; sent anyway, it goes.
  const front = page.locator('li.kyc-card[data-kyc-type="identity_card_front"]')
  await front
    .locator('input[type=file]:not([capture])')
    .setInputFiles(memoryFile('dark-photo.jpg', 'rg.jpg'))
  await front.locator('[data-action="send-anyway"]').click()
  await page
    .locator('li.kyc-card[data-kyc-type="ccmei"] input[type=file]:not([capture])')
    .setInputFiles(memoryFile('ccmei-multipage.pdf'))
  await expect(front).toHaveAttribute('data-status', /submitted|approved/)
  await expect(list.locator('[data-event="upload_succeeded"]')).toHaveCount(2)

  const names = await list
    .locator('li')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-event')))
  expect(names.slice(0, 5)).toEqual([
    'documents_shown',
    'file_picked',
    'photo_checked',
    'photo_sent_anyway',
    'upload_started',
  ])
  expect(names).toEqual(expect.arrayContaining(['file_picked', 'upload_started']))
  await expect(list.locator('[data-event="photo_checked"]')).toContainText('"dark"')
})

test('the viewfinder stories play their canvas feed, with no camera asked for', async ({
  page,
}) => {
  await page.goto('/showcase.html?title=viewfinder')
  const dialogs = page.locator('[data-kyc-viewfinder]')
  await expect(dialogs).toHaveCount(storyIds.filter((id) => id.startsWith('viewfinder--')).length)
  // Every state with a picture shows the canvas's 480 × 640 frames (a phone held upright); starting and failed show none.
  const fed = page.locator(
    '[data-kyc-viewfinder]:not([data-state="starting"]):not([data-state="failed"]) video',
  )
  const count = await fed.count()
  expect(count).toBeGreaterThan(10)
  await expect
    .poll(() =>
      fed.evaluateAll(
        (videos: HTMLVideoElement[]) => videos.filter((v) => v.videoWidth === 480).length,
      ),
    )
    .toBe(count)
  const black = page.locator('[data-kyc-viewfinder][data-state="starting"] video')
  expect(await black.evaluate((video: HTMLVideoElement) => video.videoWidth)).toBe(0)
})
