import { BodyTooLargeError, limitBody } from './size-limit.ts'

function streamOf(chunks: number[]): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let index = 0
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const size = chunks[index++]
        if (size === undefined) controller.close()
        else controller.enqueue(new Uint8Array(size))
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, pulled: () => index }
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let total = 0
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) total += chunk.length
  return total
}

describe('limitBody', () => {
  it('passes a body at the limit through, reporting each chunk', async () => {
    const seen: number[] = []
    const { stream } = streamOf([4, 4, 2])
    const limited = limitBody(stream, 10, { onChunk: (n) => seen.push(n), onExceeded: () => {} })
    expect(await drain(limited)).toBe(10)
    expect(seen).toEqual([4, 4, 2])
  })

  it('fails once past the limit and reports it once', async () => {
    const onExceeded = vi.fn()
    const { stream } = streamOf([6, 6, 6])
    await expect(drain(limitBody(stream, 10, { onExceeded }))).rejects.toBeInstanceOf(
      BodyTooLargeError,
    )
    expect(onExceeded).toHaveBeenCalledExactlyOnceWith(12)
  })

  it('pulls from the source only as fast as the consumer reads', async () => {
    const { stream, pulled } = streamOf(Array.from({ length: 100 }, () => 1024))
    const reader = limitBody(stream, 1 << 20, { onExceeded: () => {} }).getReader()
    await reader.read()
    await reader.read()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(pulled()).toBeLessThanOrEqual(3)
    await reader.cancel()
  })
})
