import { IDLE_ENTRY, createUploadStore } from './uploadStore.ts'

describe('the upload store', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('turns a burst of progress events into one update per frame, keeping the latest', () => {
    const store = createUploadStore()
    store.set('cnh', { ...IDLE_ENTRY, attempt: 1, state: 'uploading' })
    const updates = vi.fn()
    store.subscribe(updates)

    for (let loaded = 1; loaded <= 100; loaded += 1) {
      store.progress('cnh', 1, { loaded: loaded * 1000, total: 100_000 })
    }
    expect(updates).not.toHaveBeenCalled()
    vi.advanceTimersByTime(16)
    expect(updates).toHaveBeenCalledTimes(1)
    expect(store.get('cnh').progress).toEqual({ loaded: 100_000, total: 100_000 })
  })

  it('drops progress of an attempt that was cancelled or replaced', () => {
    const store = createUploadStore()
    store.set('cnh', { ...IDLE_ENTRY, attempt: 1, state: 'uploading' })
    store.progress('cnh', 1, { loaded: 10, total: 100 })
    store.set('cnh', { ...IDLE_ENTRY, attempt: 2 })
    vi.advanceTimersByTime(16)
    expect(store.get('cnh').progress).toBeNull()
    expect(store.update('cnh', 1, { state: 'failed' })).toBe(false)
    expect(store.get('cnh').state).toBe('idle')
  })

  it('aborts every upload in flight when the widget goes away', () => {
    const store = createUploadStore()
    const controllers = [new AbortController(), new AbortController()]
    store.set('cnh', { ...IDLE_ENTRY, state: 'uploading', controller: controllers[0] ?? null })
    store.set('selfie', { ...IDLE_ENTRY, state: 'queued', controller: controllers[1] ?? null })
    store.abortAll()
    expect(controllers.map((controller) => controller.signal.aborted)).toEqual([true, true])
  })
})
