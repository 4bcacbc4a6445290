// Ways a file reaches a dropzone in the tests: the file input, a synthetic drop (Playwright's
// `locator.drop`), and a trusted drop of real files from disk through Chromium's own drag
// machinery (CDP `Input.dispatchDragEvent`, the same path an OS drag takes; folders included).
import { expect, type FileChooser, type Locator, type Page } from '@playwright/test'
import { documentOf, fixtureBytes } from './test.ts'

export interface MemoryFile {
  name: string
  mimeType: string
  buffer: Buffer
}

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  gif: 'image/gif',
  txt: 'text/plain',
  exe: 'application/x-msdownload',
}

/** The MIME type a desktop browser derives from a file name (empty when it knows none). */
export function mimeFromName(name: string): string {
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase()
  return MIME_BY_EXTENSION[extension] ?? ''
}

/** A fixture's bytes under any name, typed as a browser would type that name. */
export function memoryFile(fixtureName: string, name = fixtureName): MemoryFile {
  return { name, mimeType: mimeFromName(name), buffer: fixtureBytes(fixtureName) }
}

/** The `<input type=file>` of a document's chooser (gallery and files, not the camera). */
export function fileInputOf(page: Page, type: string): Locator {
  return documentOf(page, type).locator('input[type="file"]:not([capture])')
}

/** The take-a-photo `<input type=file capture>` of a document (touch screens only). */
export function cameraInputOf(page: Page, type: string): Locator {
  return documentOf(page, type).locator('input[type="file"][capture]')
}

/** The dropzone of a document: its first button (cancel and retry come after it). */
export function dropzoneOf(page: Page, type: string): Locator {
  return documentOf(page, type).getByRole('button').first()
}

/**
 * Drops files from disk (paths; a directory drops as a folder) with trusted drag events, as
 * when a user drags them from a file manager.
 */
export async function dropFromDisk(page: Page, target: Locator, paths: string[]): Promise<void> {
  await target.scrollIntoViewIfNeeded()
  const box = await target.boundingBox()
  if (!box) throw new Error('the drop target is not visible')
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  const session = await page.context().newCDPSession(page)
  const data = { items: [], files: paths, dragOperationsMask: 1 }
  try {
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
      await session.send('Input.dispatchDragEvent', { type, x, y, data })
    }
  } finally {
    await session.detach()
  }
}

/**
 * File choosers as they open. Listening from the start turns Chromium's chooser interception on
 * before any key is pressed (a `waitForEvent` right before the key press can lose that race).
 */
export function watchFileChoosers(page: Page) {
  const opened: FileChooser[] = []
  page.on('filechooser', (chooser) => opened.push(chooser))
  return {
    async next(): Promise<FileChooser> {
      await expect.poll(() => opened.length, { message: 'a file chooser opens' }).toBeGreaterThan(0)
      return opened.shift() as FileChooser
    },
  }
}
