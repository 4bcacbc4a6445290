import { problemResponse } from './problem.ts'

export type FaultKind = '500' | '429' | 'drop' | 'slow' | 'stall' | 'html502' | 'token_expired'
export type FaultRoute = 'upload' | 'customer' | 'any'

/** A `slow` fault's wait when the fault names none. */
export const DEFAULT_SLOW_MS = 2000

export const FAULT_KINDS: readonly FaultKind[] = [
  '500',
  '429',
  'drop',
  'slow',
  'stall',
  'html502',
  'token_expired',
]
export const FAULT_ROUTES: readonly FaultRoute[] = ['upload', 'customer', 'any']

/** A failure to inflict on the next matching requests. */
export interface FaultSpec {
  /** `upload`: POST …/documents; `customer`: GET /customers[/{id}]; `any`: every provider call. */
  route: FaultRoute
  /**
   * `500` internal_error problem; `429` rate_limit_exceeded with `Retry-After`; `html502` a
   * gateway's HTML page; `slow` takes `delayMs` to answer (an upload: after reading its body,
   * and nothing is stored if the client leaves during the wait); `stall` reads the body and
   * never answers until the client gives up; `drop` reads part of the body and cuts the connection;
   * `token_expired` answers 401 `token_expired` as if the caller's token had expired (scoped to one
   * customer, unlike `POST /sandbox/tokens/expire`, which expires every token).
   */
  kind: FaultKind
  /** `slow`: the wait (default 2000 ms). `429`: the `Retry-After`, rounded up to seconds (1 s). */
  delayMs?: number | undefined
  /** How many matching requests it hits. Default: 1. */
  times?: number | undefined
  /** Only requests for this customer (`…/customers/{id}…`). Default: any customer. */
  customerId?: string | undefined
}

/** Which fault routes a request of this kind matches. */
export type RequestRoute = 'upload' | 'customer' | 'token'

/** Faults waiting for requests, consumed first in, first out. */
export class FaultQueue {
  #faults: Array<Required<Omit<FaultSpec, 'delayMs' | 'customerId'>> & FaultSpec> = []

  add(spec: FaultSpec): void {
    this.#faults.push({ ...spec, times: Math.max(1, spec.times ?? 1) })
  }

  take(route: RequestRoute, customerId?: string): FaultSpec | undefined {
    const index = this.#faults.findIndex(
      (fault) =>
        (fault.route === 'any' || fault.route === route) &&
        (fault.customerId === undefined || fault.customerId === customerId),
    )
    const fault = this.#faults[index]
    if (!fault) return undefined
    fault.times -= 1
    if (fault.times <= 0) this.#faults.splice(index, 1)
    return fault.delayMs === undefined
      ? { route: fault.route, kind: fault.kind }
      : { route: fault.route, kind: fault.kind, delayMs: fault.delayMs }
  }

  list(): FaultSpec[] {
    return this.#faults.map((fault) => ({ ...fault }))
  }

  clear(): void {
    this.#faults = []
  }

  /** Drops the faults scoped to this customer. */
  forget(customerId: string): void {
    this.#faults = this.#faults.filter((fault) => fault.customerId !== customerId)
  }
}

// Marks the answer the sandbox's `fetch` turns into a cut connection; it never reaches a client.
const DROP_HEADER = 'x-sandbox-drop-connection'

export function isDropResponse(response: Response): boolean {
  return response.headers.get(DROP_HEADER) === 'true'
}

/** Resolves after `ms`, or as soon as a signal aborts. */
/** Resolves after `ms`, or as soon as one of `signals` aborts. */
export function wait(ms: number, signals: AbortSignal[]): Promise<void> {
  return new Promise((resolve) => {
    if (signals.some((signal) => signal.aborted)) return resolve()
    const done = () => {
      clearTimeout(timer)
      for (const signal of signals) signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = ms === Infinity ? undefined : setTimeout(done, ms)
    for (const signal of signals) signal.addEventListener('abort', done, { once: true })
  })
}

/** Reads the request body until `limit` bytes arrived (or it ended), discarding them. */
async function readSome(request: Request, limit: number): Promise<void> {
  const reader = request.body?.getReader()
  if (!reader) return
  let received = 0
  try {
    while (received < limit) {
      const { done, value } = await reader.read()
      if (done) break
      received += value.length
    }
    if (received >= limit) await reader.cancel().catch(() => {})
  } catch {
    // The client went away first; nothing to do.
  } finally {
    reader.releaseLock()
  }
}

const GATEWAY_PAGE = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>
`

/**
 * Inflicts a fault. Returns the answer to send, or `null` when the request should now be handled
 * normally (after a `slow` wait). `closing` aborts when the sandbox closes, ending stalls.
 */
export async function applyFault(
  fault: FaultSpec,
  request: Request,
  closing: AbortSignal,
  now: () => number = Date.now,
): Promise<Response | null> {
  switch (fault.kind) {
    case '500':
      return problemResponse(500, 'internal_error', 'The provider failed (injected fault).')
    case '429': {
      const seconds = Math.max(1, Math.ceil((fault.delayMs ?? 1000) / 1000))
      return problemResponse(
        429,
        'rate_limit_exceeded',
        `Too many requests; retry in ${seconds} s (injected fault).`,
        {
          headers: {
            'retry-after': String(seconds),
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(Math.ceil(now() / 1000) + seconds),
          },
        },
      )
    }
    case 'token_expired':
      return problemResponse(
        401,
        'token_expired',
        'The access token has expired (injected fault).',
        {
          headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        },
      )
    case 'html502':
      return new Response(GATEWAY_PAGE, {
        status: 502,
        headers: { 'content-type': 'text/html; charset=utf-8' },
      })
    case 'slow':
      await wait(fault.delayMs ?? DEFAULT_SLOW_MS, [request.signal, closing])
      return request.signal.aborted || closing.aborted ? clientGone() : null
    case 'stall':
      await readSome(request, Infinity)
      await wait(Infinity, [request.signal, closing])
      return clientGone()
    case 'drop': {
      const length = Number(request.headers.get('content-length') ?? '0')
      await readSome(request, Math.max(1, Math.floor(length / 2)))
      return new Response(null, { status: 599, headers: { [DROP_HEADER]: 'true' } })
    }
  }
}

/** An answer nobody will read: the client left before it was ready. */
export function clientGone(): Response {
  return problemResponse(400, 'client_closed_request', 'The client closed the request.')
}
