import { BodyTooLargeError, readTextLimited } from './read-limited.ts'

/** An endless body that counts what was pulled from it. */
function endlessBody(chunk = 64 * 1024) {
  let pulled = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk
      controller.enqueue(new Uint8Array(chunk).fill(0x20))
    },
  })
  return { body, pulled: () => pulled }
}

it('reads a body under the limit', async () => {
  const request = new Request('http://x/', { method: 'POST', body: '{"a":1}' })
  expect(await readTextLimited(request, 16)).toBe('{"a":1}')
})

it('stops an endless body one chunk past the limit', async () => {
  const { body, pulled } = endlessBody()
  const request = new Request('http://x/', { method: 'POST', body, duplex: 'half' } as RequestInit)
  await expect(readTextLimited(request, 4096)).rejects.toThrow(BodyTooLargeError)
  expect(pulled()).toBeLessThanOrEqual(4 * 64 * 1024)
})

it('refuses a declared Content-Length over the limit before reading', async () => {
  const { body, pulled } = endlessBody()
  const request = new Request('http://x/', {
    method: 'POST',
    body,
    duplex: 'half',
    headers: { 'content-length': String(300 * 1024 * 1024) },
  } as RequestInit)
  await expect(readTextLimited(request, 4096)).rejects.toThrow(BodyTooLargeError)
  expect(pulled()).toBeLessThanOrEqual(2 * 64 * 1024)
})
