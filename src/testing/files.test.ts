// The kit's fixture files are what the issue asks of them: real files the widget accepts as they
// are, by type, extension and signature, and a photo its quality checks pass without a warning.
import { execFileSync } from 'node:child_process'
import { ANALYSIS_EDGE, grayscale, measurePhoto, qualityWarnings } from '../capture/quality.ts'
import { validateDocumentFile } from '../core/validate.ts'
import { testFile, testFiles, type TestFileKind } from './files.ts'

it.each([
  ['pdf', 'pdf', 3],
  ['photo', 'jpeg', null],
  ['screenshot', 'png', null],
] as const)(
  '%s passes the widget’s checks as a %s',
  async (kind: TestFileKind, detected, pages) => {
    const file = testFile(kind)
    const result = await validateDocumentFile(file)
    expect(result).toMatchObject({ ok: true, kind: detected })
    if (pages !== null) expect(result).toMatchObject({ pages })
    expect(file.type).toBe(testFiles[kind].mimeType)
    expect(file.size).toBe(testFiles[kind].buffer.length)
    expect(file.size).toBeLessThan(100_000)
  },
)

it('gives each caller its own copy, renamed on request', () => {
  const first = testFiles.pdf
  first.buffer.fill(0)
  expect(testFiles.pdf.buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  expect(testFile('pdf', 'contrato.pdf').name).toBe('contrato.pdf')
})

it('has a camera photo that the photo checks pass without a warning', () => {
  // The worker measures a grayscale copy of at most ANALYSIS_EDGE px; ImageMagick makes it here.
  const { buffer } = testFiles.photo
  const size = execFileSync('/usr/bin/identify', ['-format', '%w %h', 'jpeg:-'], { input: buffer })
    .toString()
    .split(' ')
    .map(Number)
  const [width = 0, height = 0] = size
  const scale = ANALYSIS_EDGE / Math.max(width, height)
  const small = { width: Math.round(width * scale), height: Math.round(height * scale) }
  const rgba = execFileSync(
    '/usr/bin/convert',
    ['jpeg:-', '-resize', `${small.width}x${small.height}!`, '-depth', '8', 'rgba:-'],
    { input: buffer, maxBuffer: 16 * 1024 * 1024 },
  )
  const stats = measurePhoto(grayscale(new Uint8Array(rgba)), small.width, small.height, {
    width,
    height,
  })
  expect({ width, height }).toEqual({ width: 1200, height: 900 })
  expect(qualityWarnings(stats)).toEqual([])
})
