// Test documents for the benchmarks: valid PDFs of an exact size, written once to a temp folder.
// The padding sits in a PDF comment inside the page's content stream, so the file stays a PDF
// that passes the signature, ending and encryption checks of the widget, the proxy and sandbox.
import { createWriteStream } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

const encoder = new TextEncoder()

/** The bytes of a one-page PDF of exactly `size` bytes (at least ~600). */
export function pdfOfSize(size) {
  const pieces = (padding) => {
    const content = `BT /F1 12 Tf 72 720 Td (KYC benchmark document) Tj ET\n% ${padding}\n`
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      `<< /Length ${content.length} >>\nstream\n${content}endstream`,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]
    let body = '%PDF-1.4\n'
    const offsets = []
    objects.forEach((object, index) => {
      offsets.push(body.length)
      body += `${index + 1} 0 obj\n${object}\nendobj\n`
    })
    const xref =
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
      offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('') +
      `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${body.length}\n%%EOF\n`
    return body + xref
  }
  // The padding length changes the /Length digits and offsets; settle it in two passes.
  let padding = Math.max(0, size - pieces('').length)
  for (let pass = 0; pass < 3; pass += 1) {
    const text = pieces('x'.repeat(padding))
    if (text.length === size) return encoder.encode(text)
    padding += size - text.length
  }
  throw new Error(`cannot make a PDF of exactly ${size} bytes`)
}

/** Writes (once) a PDF of `size` bytes into `dir` and returns its path. */
export async function pdfFile(dir, size) {
  await mkdir(dir, { recursive: true })
  const path = join(dir, `document-${size}.pdf`)
  const existing = await stat(path).catch(() => null)
  if (existing?.size === size) return path
  const bytes = pdfOfSize(size)
  await new Promise((resolve, reject) => {
    const out = createWriteStream(path)
    out.on('error', reject)
    out.end(bytes, resolve)
  })
  return path
}
