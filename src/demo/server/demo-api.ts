// The demo's own backend: who the visitor is (a cookie naming a fresh sandbox customer) and the
// sandbox controls the demo page shows. A Web-standard handler, mounted by scripts/dev.mjs under
// /demo-api/. It stands in for a host's session layer; it is not part of the widget.
import { BodyTooLargeError, readTextLimited } from '../../core/read-limited.ts'
import { FAULT_KINDS, type FaultKind } from '../../sandbox/faults.ts'

/** What the demo needs from the sandbox's control surface (src/sandbox). */
export interface DemoSandboxControl {
  createCustomer(scenarioId: string): { id: string }
  /** Deletes a customer the demo made, once no session names it. */
  forgetCustomer(customerId: string): void
  /** The review delay of this customer's documents only (each visitor has their own). */
  setReviewDelay(ms: number, customerId: string): void
  forceNextReview(customerId: string, outcome: 'approved' | 'rejected', message?: string): void
  injectFault(fault: {
    route: 'upload' | 'customer' | 'any'
    kind: DemoFaultKind
    delayMs?: number
    times?: number
    customerId?: string
  }): void
  /** Faults still waiting, each visitor's among them. */
  faults(): readonly { customerId?: string | undefined }[]
  documents(customerId?: string): readonly unknown[]
}

export type DemoFaultKind = FaultKind

/**
 * Faults a visitor may inject into their next upload: every kind the sandbox has. Each is scoped
 * to the visitor's customer, `token_expired` (the provider refusing the proxy's token for that
 * upload) included, so no other visitor's upload meets it.
 */
export const DEMO_FAULTS: readonly DemoFaultKind[] = FAULT_KINDS

export interface DemoApiOptions {
  control: DemoSandboxControl
  /** Scenario ids the visitor may pick; the first is the default. */
  scenarios: readonly string[]
  /** One line per scenario, shown in the picker. Default: the ids. */
  scenarioLabels?: Readonly<Record<string, string>>
  /** The sandbox's review delay at start, in milliseconds. */
  reviewDelayMs: number
  /** Where the API is mounted. Default: `/demo-api`. */
  prefix?: string
  /**
   * Most sessions kept in memory, their customers with them: past it, the oldest session that
   * never did anything goes first, then the oldest of the rest. Default: 10 000.
   */
  maxSessions?: number
  /** New sessions one client address may start a minute (a classroom shares one). Default: 100. */
  maxNewSessionsPerMinute?: number
}

/** What the server knows of the request beside it: who sent it. */
export interface DemoRequestInfo {
  /** The client's address (the socket's), for the per-client limit on new sessions. */
  clientAddress?: string | undefined
}

export interface DemoApi {
  /** Serves `{prefix}/…`; answers 404 for anything else. */
  fetch(request: Request, info?: DemoRequestInfo): Promise<Response>
  /** The customer id of the visitor who sent `request`, for the proxy's `authorize`. */
  customerIdOf(request: Request): string | null
}

interface Session {
  customerId: string
  scenario: string
  /** This visitor's review delay; another visitor's choice never changes it. */
  reviewDelayMs: number
}

/** Sessions that did something (came back, read, uploaded) and those that never did, oldest first. */
interface SessionBook {
  idle: Map<string, Session>
  active: Map<string, Session>
}

const COOKIE = 'kyc_demo_session'
const MAX_REVIEW_DELAY_MS = 120_000
/** Faults one visitor may have waiting at once (each waits for that visitor's next upload). */
export const MAX_WAITING_FAULTS = 10
/** Largest body the demo API reads: its JSON is a field or two. */
export const MAX_DEMO_BODY_BYTES = 4096

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  })
}

function cookieValue(request: Request, name: string): string | null {
  const header = request.headers.get('cookie')
  if (!header) return null
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return null
}

/**
 * Counts what each client address does in fixed windows; `refuse` answers 429 with
 * `Retry-After` past `limit`. Addresses whose window has passed are dropped as others come, so
 * the table holds at most the addresses of one window.
 */
function createClientLimiter(limit: number, windowMs: number) {
  const windows = new Map<string, { count: number; resetAt: number }>()
  return {
    refuse(client: string): Response | null {
      const now = Date.now()
      for (const [address, window] of windows) {
        if (window.resetAt > now) break // insertion order is reset order
        windows.delete(address)
      }
      const window = windows.get(client) ?? { count: 0, resetAt: now + windowMs }
      window.count += 1
      windows.set(client, window)
      if (window.count <= limit) return null
      const seconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000))
      return json({ error: 'too_many_sessions' }, 429, { 'retry-after': String(seconds) })
    },
  }
}

function randomId(): string {
  const bytes = new Uint8Array(18)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

async function readJson(request: Request): Promise<Record<string, unknown>> {
  const text = await readTextLimited(request, MAX_DEMO_BODY_BYTES)
  const value: unknown = text === '' ? {} : JSON.parse(text)
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('not an object')
  return value as Record<string, unknown>
}

/** Creates the demo backend over a sandbox. */
export function createDemoApi(options: DemoApiOptions): DemoApi {
  const prefix = options.prefix ?? '/demo-api'
  const maxSessions = options.maxSessions ?? 10_000
  const defaultScenario = options.scenarios[0]
  if (defaultScenario === undefined) throw new Error('createDemoApi needs at least one scenario')
  const book: SessionBook = { idle: new Map(), active: new Map() }
  const newSessions = createClientLimiter(options.maxNewSessionsPerMinute ?? 100, 60_000)

  function evictOverflow() {
    // Each session has a customer of its own: a forgotten session's customer goes too, so the
    // sandbox holds as many visitors as the demo does, however many come. Sessions nobody used
    // go first, so a flood of new ones cannot push out the visitors using the demo.
    while (book.idle.size + book.active.size > maxSessions) {
      const from = book.idle.size > 0 ? book.idle : book.active
      const [oldest, session] = from.entries().next().value as [string, Session]
      from.delete(oldest)
      options.control.forgetCustomer(session.customerId)
    }
  }

  /** The session of this request's cookie, marked as used (and so kept before idle ones). */
  function sessionOf(request: Request): Session | null {
    const id = cookieValue(request, COOKIE)
    if (!id) return null
    const session = book.active.get(id) ?? book.idle.get(id)
    if (!session) return null
    book.idle.delete(id)
    book.active.delete(id)
    book.active.set(id, session)
    return session
  }

  /**
   * Gives the visitor a fresh customer of `scenario`, in a new session with a new cookie; the
   * review delay the visitor chose before, if any, carries over.
   */
  function startSession(
    scenario: string,
    reviewDelayMs = options.reviewDelayMs,
    active = false,
  ): { session: Session; cookie: string } {
    const id = randomId()
    const customerId = options.control.createCustomer(scenario).id
    if (reviewDelayMs !== options.reviewDelayMs) {
      options.control.setReviewDelay(reviewDelayMs, customerId)
    }
    const session = { customerId, scenario, reviewDelayMs }
    ;(active ? book.active : book.idle).set(id, session)
    evictOverflow()
    return { session, cookie: `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax` }
  }

  function describe(session: Session) {
    return {
      customerId: session.customerId,
      scenario: session.scenario,
      scenarios: options.scenarios.map((id) => ({ id, label: options.scenarioLabels?.[id] ?? id })),
      reviewDelayMs: session.reviewDelayMs,
      faults: DEMO_FAULTS,
    }
  }

  async function route(request: Request, path: string, client: string): Promise<Response> {
    const method = request.method
    if (path === '/health' && method === 'GET') return new Response('ok')

    if (method === 'GET' && path === '/session') {
      const session = sessionOf(request)
      if (session) return json(describe(session))
      const refused = newSessions.refuse(client)
      if (refused) return refused
      const started = startSession(defaultScenario as string)
      return json(describe(started.session), 200, { 'set-cookie': started.cookie })
    }

    if (method !== 'POST') {
      return method === 'GET' ? json({ error: 'not_found' }, 404) : json({ error: 'method' }, 405)
    }
    // A JSON body cannot be sent cross-site without a preflight, which this API never grants.
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      return json({ error: 'json_required' }, 415)
    }
    let body: Record<string, unknown>
    try {
      body = await readJson(request)
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return json({ error: 'body_too_large' }, 413, { connection: 'close' })
      }
      return json({ error: 'malformed_body' }, 400)
    }

    if (path === '/scenario' || path === '/reset') {
      const current = sessionOf(request)
      const scenario = path === '/reset' ? (current?.scenario ?? defaultScenario) : body.scenario
      if (typeof scenario !== 'string' || !options.scenarios.includes(scenario)) {
        return json({ error: 'unknown_scenario' }, 422)
      }
      const refused = newSessions.refuse(client)
      if (refused) return refused
      // Picking a scenario is using the demo: this session is kept like a returning visitor's.
      const started = startSession(scenario as string, current?.reviewDelayMs, true)
      return json(describe(started.session), 200, { 'set-cookie': started.cookie })
    }

    const session = sessionOf(request)
    if (!session) return json({ error: 'no_session' }, 401)

    switch (path) {
      case '/review-delay': {
        const ms = body.ms
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > MAX_REVIEW_DELAY_MS) {
          return json({ error: 'invalid_delay' }, 422)
        }
        session.reviewDelayMs = Math.round(ms)
        options.control.setReviewDelay(session.reviewDelayMs, session.customerId)
        return json(describe(session))
      }
      case '/force-reject': {
        const message =
          typeof body.message === 'string' && body.message.trim() !== ''
            ? body.message.slice(0, 500)
            : undefined
        options.control.forceNextReview(session.customerId, 'rejected', message)
        return json({ ok: true })
      }
      case '/fault': {
        const kind = body.kind
        if (typeof kind !== 'string' || !DEMO_FAULTS.includes(kind as DemoFaultKind)) {
          return json({ error: 'unknown_fault' }, 422)
        }
        const waiting = options.control
          .faults()
          .filter((fault) => fault.customerId === session.customerId).length
        if (waiting >= MAX_WAITING_FAULTS) return json({ error: 'too_many_faults' }, 429)
        const delayMs = typeof body.delayMs === 'number' ? body.delayMs : undefined
        // Scoped to this visitor's customer: another visitor's upload never meets it.
        options.control.injectFault({
          route: 'upload',
          kind: kind as DemoFaultKind,
          times: 1,
          customerId: session.customerId,
          ...(delayMs === undefined ? {} : { delayMs }),
        })
        return json({ ok: true })
      }
      default:
        return json({ error: 'not_found' }, 404)
    }
  }

  return {
    async fetch(request, info = {}) {
      const url = new URL(request.url)
      if (!url.pathname.startsWith(`${prefix}/`)) return json({ error: 'not_found' }, 404)
      const path = url.pathname.slice(prefix.length)
      if (request.method === 'GET' && path === '/documents') {
        const session = sessionOf(request)
        if (!session) return json({ error: 'no_session' }, 401)
        return json({ documents: options.control.documents(session.customerId) })
      }
      return route(request, path, info.clientAddress ?? 'unknown')
    },
    customerIdOf(request) {
      return sessionOf(request)?.customerId ?? null
    },
  }
}
