/**
 * Reports an error thrown by the host's own code as an uncaught one would be: `reportError` where
 * the browser has it (the page's `error` event, which error trackers listen to), else thrown
 * again from a microtask. Never into the widget, which keeps working.
 */
export function reportHostError(error: unknown): void {
  if (typeof reportError === 'function') reportError(error)
  else
    queueMicrotask(() => {
      throw error
    })
}

/**
 * Calls a host callback (`onError`, `onUploaded`, `onEvent`…): what it throws, or the promise it
 * returns rejects with, is reported (`reportHostError`) and goes no further, so a bug in the
 * host's handler cannot unmount the widget or stop an upload's bookkeeping half-way.
 */
export function callHost<Args extends unknown[]>(
  callback: ((...args: Args) => unknown) | undefined,
  ...args: Args
): void {
  if (!callback) return
  try {
    const result = callback(...args)
    if (result instanceof Promise) result.catch(reportHostError)
  } catch (error) {
    reportHostError(error)
  }
}
