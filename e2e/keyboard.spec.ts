import { watchFileChoosers } from './support/files.ts'
import { documentOf, expect, fixture, test } from './support/test.ts'

const TYPES = ['ccmei', 'identity_card_front', 'identity_card_back', 'selfie']

test('keyboard only: Tab reaches each dropzone in order, Enter opens the file chooser', async ({
  page,
  openDemo,
}) => {
  const choosers = watchFileChoosers(page)
  await openDemo()
  await page.locator('body').focus()

  for (const type of TYPES) {
    // Tab until focus lands inside this document; every stop on the way must be visible.
    let reached = false
    for (let presses = 0; presses < 15 && !reached; presses += 1) {
      await page.keyboard.press('Tab')
      const focused = page.locator(':focus')
      await expect(focused).toBeVisible()
      reached =
        (await focused.evaluate((element) =>
          element.closest('[data-kyc-type]')?.getAttribute('data-kyc-type'),
        )) === type
    }
    expect(reached, `Tab reaches the ${type} dropzone`).toBe(true)
    await expect(page.locator(':focus')).toHaveAttribute('role', 'button')

    await page.keyboard.press('Enter')
    await (await choosers.next()).setFiles(fixture('camera-photo.jpg'))
    await expect(documentOf(page, type)).toHaveAttribute('data-status', 'submitted')
    // The review (1.5 s) replaces the card's controls; tab on once it has, not while it does.
    await expect(documentOf(page, type)).toHaveAttribute('data-status', 'approved')
    // The dropzone went away under focus (upload, then review): focus stayed on its card.
    await expect(documentOf(page, type)).toBeFocused()
  }
})

test('keyboard only: Space opens the file chooser too, and focus stays visible', async ({
  page,
  openDemo,
}) => {
  const choosers = watchFileChoosers(page)
  await openDemo({ scenario: 'person-cnh' })
  const dropzone = documentOf(page, 'cnh').getByRole('button').first()
  await dropzone.focus()
  const outline = await dropzone.evaluate((element) => {
    const style = getComputedStyle(element)
    return `${style.outlineStyle} ${style.outlineWidth} ${style.boxShadow}`
  })
  expect(outline, 'a visible focus indicator').not.toMatch(/^none 0px none$/)

  await page.keyboard.press('Space')
  await (await choosers.next()).setFiles(fixture('ccmei-multipage.pdf'))
  await expect(documentOf(page, 'cnh')).toHaveAttribute('data-status', 'submitted')
})
