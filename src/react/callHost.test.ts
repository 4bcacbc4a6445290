import { callHost } from './callHost.ts'

describe('callHost', () => {
  afterEach(() => vi.unstubAllGlobals())

  it("hands what a callback throws, or its promise rejects with, to the page's reportError", async () => {
    const reportError = vi.fn()
    vi.stubGlobal('reportError', reportError)
    const thrown = new Error('sync bug')
    const rejected = new Error('async bug')
    expect(() =>
      callHost(() => {
        throw thrown
      }),
    ).not.toThrow()
    callHost(async () => Promise.reject(rejected))
    await vi.waitFor(() => expect(reportError.mock.calls).toEqual([[thrown], [rejected]]))
  })

  it('without reportError throws it again from a microtask, as an uncaught error, never to the caller', () => {
    vi.stubGlobal('reportError', undefined)
    const later = vi.fn<(task: () => void) => void>()
    vi.stubGlobal('queueMicrotask', later)
    const thrown = new Error('bug')
    callHost((value: number) => {
      if (value === 1) throw thrown
    }, 1)
    expect(later).toHaveBeenCalledTimes(1)
    expect(() => later.mock.calls[0]?.[0]()).toThrow(thrown)
  })

  it('passes the arguments and ignores a missing callback', () => {
    const callback = vi.fn()
    callHost(callback, 'ccmei', 'approved')
    callHost(undefined)
    expect(callback).toHaveBeenCalledWith('ccmei', 'approved')
  })
})
