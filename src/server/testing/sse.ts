import type { PublicCustomer } from '../public-fields.ts'

export interface StatusEvent {
  id: string
  customer: PublicCustomer
  at: number
}

const open = new Set<AbortController>()

/** Closes every stream `openEvents` opened: call it after each test. */
export function closeEventStreams(): void {
  for (const controller of open) controller.abort()
  open.clear()
}

/** Opens a stream and collects its `status` events (and heartbeats) as they arrive. */
export async function openEvents(url: string, headers: Record<string, string>) {
  const controller = new AbortController()
  open.add(controller)
  const response = await fetch(url, { headers, signal: controller.signal })
  const events: StatusEvent[] = []
  let heartbeats = 0
  let ended = false
  if (response.ok && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    void (async () => {
      let buffer = ''
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) {
            ended = true
            return
          }
          buffer += value
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            if (block.startsWith(': ping')) heartbeats += 1
            const id = /^id: (.*)$/m.exec(block)?.[1]
            const data = /^data: (.*)$/m.exec(block)?.[1]
            if (id !== undefined && data !== undefined) {
              events.push({ id, customer: JSON.parse(data) as PublicCustomer, at: Date.now() })
            }
          }
        }
      } catch {
        // Aborted by the test.
      }
    })()
  }
  return {
    response,
    events,
    heartbeats: () => heartbeats,
    /** The server closed the stream. */
    ended: () => ended,
    close: () => controller.abort(),
  }
}
