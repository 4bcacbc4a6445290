/** Hands out at most `max` slots at once; waiters are served first come, first served. */
export interface Limiter {
  /**
   * Waits for a free slot and resolves with the function that frees it (call it exactly once).
   * Rejects with `signal.reason` if the signal aborts while waiting, and takes no slot.
   */
  acquire(signal?: AbortSignal): Promise<() => void>
  /** Slots in use. */
  readonly active: number
  /** Callers waiting for a slot. */
  readonly waiting: number
}

interface Waiter {
  grant: () => void
  signal: AbortSignal | undefined
  onAbort: () => void
}

export function createLimiter(max: number): Limiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer`)
  let active = 0
  const queue: Waiter[] = []

  function release() {
    active -= 1
    const next = queue.shift()
    if (next) {
      next.signal?.removeEventListener('abort', next.onAbort)
      active += 1
      next.grant()
    }
  }

  function slot(): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      release()
    }
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason)
      if (active < max) {
        active += 1
        return Promise.resolve(slot())
      }
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          grant: () => resolve(slot()),
          signal,
          onAbort: () => {
            const index = queue.indexOf(waiter)
            if (index >= 0) queue.splice(index, 1)
            reject(signal?.reason)
          },
        }
        queue.push(waiter)
        signal?.addEventListener('abort', waiter.onAbort, { once: true })
      })
    },
    get active() {
      return active
    },
    get waiting() {
      return queue.length
    },
  }
}
