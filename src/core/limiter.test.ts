import { createLimiter } from './limiter.ts'

describe('createLimiter', () => {
  it('lets three run at once and starts the fourth when one finishes, in arrival order', async () => {
    const limiter = createLimiter(3)
    const started: number[] = []
    const releases: Array<() => void> = []
    const jobs = [1, 2, 3, 4, 5].map((id) =>
      limiter.acquire().then((release) => {
        started.push(id)
        releases.push(release)
      }),
    )
    await Promise.all(jobs.slice(0, 3))
    expect(started).toEqual([1, 2, 3])
    expect(limiter.active).toBe(3)
    expect(limiter.waiting).toBe(2)

    releases[1]?.()
    await jobs[3]
    expect(started).toEqual([1, 2, 3, 4])
    expect(limiter.active).toBe(3)
    expect(limiter.waiting).toBe(1)
  })

  it('ignores a second release of the same slot', async () => {
    const limiter = createLimiter(1)
    const release = await limiter.acquire()
    release()
    release()
    expect(limiter.active).toBe(0)
    const again = await limiter.acquire()
    expect(limiter.active).toBe(1)
    again()
  })

  it('drops a waiter whose signal aborts, without taking its slot', async () => {
    const limiter = createLimiter(1)
    const first = await limiter.acquire()
    const controller = new AbortController()
    const waiting = limiter.acquire(controller.signal)
    const third = limiter.acquire()
    controller.abort(new Error('cancelled'))
    await expect(waiting).rejects.toThrow('cancelled')
    expect(limiter.waiting).toBe(1)
    first()
    const thirdRelease = await third
    expect(limiter.active).toBe(1)
    thirdRelease()
    expect(limiter.active).toBe(0)
  })

  it('rejects at once when the signal has already aborted', async () => {
    const limiter = createLimiter(2)
    await expect(limiter.acquire(AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone')
    expect(limiter.active).toBe(0)
  })

  it('refuses a limit below one', () => {
    expect(() => createLimiter(0)).toThrow(RangeError)
  })
})
