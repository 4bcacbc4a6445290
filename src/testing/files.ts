// Real files for a host's tests, carried by the package as bytes: a PDF, a camera photo and a
// PNG screenshot that pass the widget's checks (made by scripts/make-testing-fixtures.mjs; see
// fixtures/README.md).
import pdfDataUrl from './fixtures/document.pdf?inline'
import photoDataUrl from './fixtures/camera-photo.jpg?inline'
import screenshotDataUrl from './fixtures/screenshot.png?inline'

/** A test file as Playwright's `setInputFiles` takes it: `{ name, mimeType, buffer }`. */
export interface TestFilePayload {
  name: string
  mimeType: string
  buffer: Buffer
}

export type TestFileKind = 'pdf' | 'photo' | 'screenshot'

function payload(name: string, mimeType: string, dataUrl: string): TestFilePayload {
  return { name, mimeType, buffer: Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64') }
}

const PAYLOADS: Record<TestFileKind, TestFilePayload> = {
  // A 3-page A4 PDF printed by Chromium (a CCMEI certificate), 27 KB.
  pdf: payload('ccmei.pdf', 'application/pdf', pdfDataUrl),
  // A phone's JPEG of an identity card on a table, 1200 × 900 with EXIF (make, model, date; no
  // GPS), 80 KB: sharp and well lit, so the photo checks raise no warning.
  photo: payload('rg-frente.jpg', 'image/jpeg', photoDataUrl),
  // A 1280 × 800 PNG screenshot of a bank statement page, 15 KB.
  screenshot: payload('extrato.png', 'image/png', screenshotDataUrl),
}

/**
 * The fixture files as `{ name, mimeType, buffer }`, for Playwright:
 * `await input.setInputFiles(testFiles.pdf)`. Each call of a getter gives a fresh copy.
 */
export const testFiles: Readonly<Record<TestFileKind, TestFilePayload>> = {
  get pdf() {
    return copy(PAYLOADS.pdf)
  },
  get photo() {
    return copy(PAYLOADS.photo)
  },
  get screenshot() {
    return copy(PAYLOADS.screenshot)
  },
}

function copy({ name, mimeType, buffer }: TestFilePayload): TestFilePayload {
  return { name, mimeType, buffer: Buffer.from(buffer) }
}

/**
 * A fixture as a `File` of this environment (jsdom's in a jsdom test), for Testing Library:
 * `await userEvent.upload(input, testFile('pdf'))`. `name` renames it (the sandbox rejects a
 * file whose name contains "reject" when its review is left to the delay).
 */
export function testFile(kind: TestFileKind, name?: string | undefined): File {
  const { buffer, mimeType, name: defaultName } = PAYLOADS[kind]
  return new File([new Uint8Array(buffer)], name ?? defaultName, { type: mimeType })
}
