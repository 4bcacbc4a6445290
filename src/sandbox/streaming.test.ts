import { request as httpRequest } from 'node:http'
import { contractViolations } from '../testing/openapi.ts'
import type { SandboxServer } from './node-server.ts'
import { pdfBytes } from '../core/testing/files.ts'
import {
  BOUNDARY,
  multipartBody,
  PATIENTLY,
  requestToken,
  startTestSandbox,
  uploadRaw,
} from './testing/http.ts'

const MAX_FILE_SIZE = 256 * 1024
const PLANNED_FILE_SIZE = 32 * 1024 * 1024
const CHUNK = 64 * 1024

let server: SandboxServer
let lines: string[]

beforeEach(async () => {
  lines = []
  server = await startTestSandbox({ maxFileSize: MAX_FILE_SIZE, log: (line) => lines.push(line) })
})
afterEach(() => server.close())

describe('a streamed upload over the size limit', () => {
  it('is answered 422 file_too_large long before the client has sent it all', async () => {
    const token = await requestToken(server.url)
    const customerId = server.sandbox.control.createCustomer('company').id
    const head = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="type"\r\n\r\nccmei\r\n` +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n%PDF-1.7\n',
    )
    const filler = Buffer.alloc(CHUNK, 0x41)
    const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`)
    const total = head.length + PLANNED_FILE_SIZE + tail.length

    let written = 0
    let answered: { status: number; body: string; writtenBefore: number } | undefined
    const request = httpRequest(`${server.url}/customers/${customerId}/documents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': total,
      },
    })
    const response = new Promise<void>((resolve, reject) => {
      request.on('response', (incoming) => {
        const writtenBefore = written
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('end', () => {
          answered = {
            status: incoming.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            writtenBefore,
          }
          expect(
            contractViolations('POST', '/customers/{customer_id}/documents', {
              status: incoming.statusCode ?? 0,
              headers: incoming.headers as Record<string, string>,
              body: JSON.parse(answered.body),
            }),
          ).toEqual([])
          resolve()
        })
      })
      request.on('error', reject)
    })
    request.on('error', () => {}) // the server may close while we still write

    request.write(head)
    written += head.length
    while (!answered && written < total - tail.length && !request.destroyed) {
      const flushed = request.write(filler)
      written += filler.length
      if (!flushed) await new Promise((resolve) => setTimeout(resolve, 5))
      else await new Promise((resolve) => setImmediate(resolve))
    }
    await response
    request.destroy()

    expect(answered?.status).toBe(422)
    expect(JSON.parse(answered?.body ?? '{}')).toMatchObject({ code: 'file_too_large' })
    // The sandbox read a little past the limit, then answered; the client had most still to send.
    expect(answered?.writtenBefore).toBeLessThan(total / 4)
    expect(server.sandbox.control.documents(customerId)).toEqual([])
  })
})

describe('a client that gives up mid-upload', () => {
  it('leaves no document behind, and the sandbox keeps serving', async () => {
    const token = await requestToken(server.url)
    const customerId = server.sandbox.control.createCustomer('company').id
    const file = pdfBytes({ pages: 1, padding: 200 * 1024 })
    const body = multipartBody([
      { name: 'type', data: 'ccmei' },
      { name: 'file', fileName: 'ccmei.pdf', contentType: 'application/pdf', data: file },
    ])
    const request = httpRequest(`${server.url}/customers/${customerId}/documents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': body.length,
      },
    })
    const closed = new Promise((resolve) => request.on('close', resolve))
    request.on('error', () => {})
    request.on('response', () => {
      throw new Error('the sandbox answered an incomplete upload')
    })
    request.write(body.subarray(0, body.length - 1000))
    await new Promise((resolve) => setTimeout(resolve, 100))
    request.destroy()
    await closed
    await vi.waitFor(
      () =>
        expect(lines.some((line) => line.startsWith('POST') && line.includes('/documents'))).toBe(
          true,
        ),
      PATIENTLY,
    )
    expect(server.sandbox.control.documents(customerId)).toEqual([])

    const whole = await uploadRaw(server.url, customerId, token, body)
    expect(whole.status).toBe(201)
    expect(server.sandbox.control.documents(customerId)).toMatchObject([{ size: file.length }])
  })
})
