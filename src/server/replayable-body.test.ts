import { replayableBody } from './replayable-body.ts'

const bytes = (...values: number[]) => new Uint8Array(values)

function sourceOf(chunks: Uint8Array[]) {
  let cancelled = false
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks.shift()
        if (next) controller.enqueue(next)
        else controller.close()
      },
      cancel() {
        cancelled = true
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, cancelled: () => cancelled }
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<number[]> {
  return [...new Uint8Array(await new Response(stream).arrayBuffer())]
}

it('a second attempt gets the bytes the first one took, then the rest, in order', async () => {
  const source = sourceOf([bytes(1, 2), bytes(3), bytes(4, 5)])
  const body = replayableBody(source.stream, 16)
  const first = body.first.getReader()
  expect((await first.read()).value).toEqual(bytes(1, 2))
  const again = body.again()
  expect(again).not.toBeNull()
  expect(await readAll(again as ReadableStream<Uint8Array>)).toEqual([1, 2, 3, 4, 5])
  expect(body.ended).toBe(true)
  await expect(first.read()).rejects.toThrow('superseded')
})

it('once more than the window has passed there is no second attempt', async () => {
  const body = replayableBody(sourceOf([bytes(1, 2, 3), bytes(4, 5, 6)]).stream, 4)
  expect(await readAll(body.first)).toEqual([1, 2, 3, 4, 5, 6])
  expect(body.again()).toBeNull()
})

it('release lets go of the source: it is cancelled and no attempt follows', async () => {
  const source = sourceOf([bytes(1), bytes(2)])
  const body = replayableBody(source.stream, 16)
  await body.first.getReader().read()
  body.release()
  await vi.waitFor(() => expect(source.cancelled()).toBe(true))
  expect(body.again()).toBeNull()
})
