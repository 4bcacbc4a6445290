/** Why the proxy itself gave up on an upstream call. */
export type AbortCause =
  'timeout' | 'deadline' | 'client_closed' | 'body_too_large' | 'malformed_body'

/** One upstream call's abort signal with the proxy's reasons to pull it. */
export interface AbortScope {
  readonly signal: AbortSignal
  /** The proxy's reason, once it aborted; `undefined` while running or when fetch failed alone. */
  readonly cause: AbortCause | undefined
  abort(cause: AbortCause): void
  /** Progress: restarts an idle timer. No effect on a total deadline. */
  touch(): void
  /** Clears the timer and the listener on the browser's request. */
  dispose(): void
}

/**
 * A deadline for one upstream call, total (`idle: false`, for small calls) or idle (`idle: true`:
 * every `touch()` restarts it, so a slow but moving upload is never cut while a stalled one is).
 * An idle scope may also have a total `deadlineMs` that no progress moves (cause `deadline`), so
 * a body trickling one byte at a time cannot hold the call open forever. The browser going away
 * (`clientSignal`) aborts too.
 */
export function createAbortScope(options: {
  timeoutMs: number
  idle: boolean
  deadlineMs?: number | undefined
  clientSignal?: AbortSignal | undefined
}): AbortScope {
  const controller = new AbortController()
  let cause: AbortCause | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let deadline: ReturnType<typeof setTimeout> | undefined

  const abort = (reason: AbortCause): void => {
    if (controller.signal.aborted) return
    cause = reason
    clearTimeout(timer)
    clearTimeout(deadline)
    controller.abort(new Error(`kyc-proxy: upstream call aborted (${reason})`))
  }
  const arm = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => abort('timeout'), options.timeoutMs)
  }
  const onClientAbort = (): void => abort('client_closed')

  arm()
  if (options.deadlineMs !== undefined) {
    deadline = setTimeout(() => abort('deadline'), options.deadlineMs)
  }
  if (options.clientSignal?.aborted) abort('client_closed')
  else options.clientSignal?.addEventListener('abort', onClientAbort, { once: true })

  return {
    signal: controller.signal,
    get cause() {
      return cause
    },
    abort,
    touch() {
      if (options.idle && !controller.signal.aborted) arm()
    },
    dispose() {
      clearTimeout(timer)
      clearTimeout(deadline)
      options.clientSignal?.removeEventListener('abort', onClientAbort)
    },
  }
}
