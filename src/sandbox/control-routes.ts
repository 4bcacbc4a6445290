import type { Context, Hono } from 'hono'
import { BodyTooLargeError, readTextLimited } from '../core/read-limited.ts'
import type { SandboxControl } from './control.ts'
import { FAULT_KINDS, FAULT_ROUTES, type FaultKind, type FaultRoute } from './faults.ts'
import { authenticate, type AppEnv } from './middleware.ts'
import { bodyTooLarge, jsonResponse, problemResponse } from './problem.ts'
import { isScenarioId, SCENARIOS } from './scenarios.ts'
import type { SandboxState } from './state.ts'

type Json = Record<string, unknown>

/** Largest control body: every call's JSON is a few fields. */
export const MAX_CONTROL_BODY_BYTES = 16 * 1024

/** The JSON object body of a control call, read under a limit; an empty body reads as `{}`. */
async function readJson(c: Context<AppEnv>): Promise<Json | Response> {
  let text: string
  try {
    text = await readTextLimited(c.req.raw, MAX_CONTROL_BODY_BYTES)
  } catch (error) {
    if (error instanceof BodyTooLargeError) return bodyTooLarge(error.limit)
    throw error
  }
  if (text.trim() === '') return {}
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
    return problemResponse(400, 'invalid_content_type', 'Send control calls as application/json.')
  }
  try {
    const body: unknown = JSON.parse(text)
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Json
  } catch {
    // Answered below.
  }
  return problemResponse(400, 'malformed_body', 'The body must be a JSON object.')
}

function invalid(param: string, detail: string): Response {
  return problemResponse(422, 'invalid_parameter', detail, { param })
}

function settingsBody(control: SandboxControl) {
  const settings = control.settings()
  return {
    review_delay_ms: settings.reviewDelayMs,
    max_file_size: settings.maxFileSize,
    rate_limit: { limit: settings.rateLimit.limit, window_ms: settings.rateLimit.windowMs },
  }
}

function faultsBody(control: SandboxControl) {
  return {
    data: control.faults().map((fault) => ({
      route: fault.route,
      kind: fault.kind,
      delay_ms: fault.delayMs ?? null,
      times: fault.times ?? 1,
    })),
  }
}

/** `/sandbox/*`: the HTTP twin of `SandboxControl`, for standalone use. Bearer-authenticated. */
export function registerControlRoutes(
  app: Hono<AppEnv>,
  state: SandboxState,
  control: SandboxControl,
): void {
  app.use('/sandbox/*', authenticate(state))

  app.post('/sandbox/customers', async (c) => {
    const body = await readJson(c)
    if (body instanceof Response) return body
    if (!isScenarioId(body.scenario)) {
      return invalid('scenario', `scenario must be one of ${SCENARIOS.join(', ')}.`)
    }
    return jsonResponse(201, control.createCustomer(body.scenario))
  })

  app.post('/sandbox/reviews', async (c) => {
    const body = await readJson(c)
    if (body instanceof Response) return body
    const { customer_id: customerId, type, outcome, message } = body
    if (typeof customerId !== 'string' || !control.customer(customerId)) {
      return problemResponse(404, 'customer_not_found', 'No customer has that customer_id.', {
        param: 'customer_id',
      })
    }
    if (outcome !== 'approved' && outcome !== 'rejected') {
      return invalid('outcome', 'outcome must be approved or rejected.')
    }
    if (message !== undefined && message !== null && typeof message !== 'string') {
      return invalid('message', 'message must be a string.')
    }
    if (type !== undefined && typeof type !== 'string') {
      return invalid('type', 'type must be a string.')
    }
    if (typeof type === 'string') {
      // Decided now: the customer as it stands after the review (its webhook already answered).
      try {
        return jsonResponse(
          200,
          await control.review(customerId, type, outcome, message ?? undefined),
        )
      } catch {
        return problemResponse(409, 'document_not_in_review', `No ${type} document is in review.`, {
          param: 'type',
        })
      }
    }
    control.forceNextReview(customerId, outcome, message ?? undefined)
    return jsonResponse(202, { customer_id: customerId, outcome, message: message ?? null })
  })

  app.get('/sandbox/faults', () => jsonResponse(200, faultsBody(control)))
  app.delete('/sandbox/faults', () => {
    control.clearFaults()
    return new Response(null, { status: 204 })
  })
  app.post('/sandbox/faults', async (c) => {
    const body = await readJson(c)
    if (body instanceof Response) return body
    const { route = 'upload', kind, delay_ms: delayMs, times } = body
    if (!FAULT_ROUTES.includes(route as FaultRoute)) {
      return invalid('route', `route must be one of ${FAULT_ROUTES.join(', ')}.`)
    }
    if (!FAULT_KINDS.includes(kind as FaultKind)) {
      return invalid('kind', `kind must be one of ${FAULT_KINDS.join(', ')}.`)
    }
    if (delayMs !== undefined && (typeof delayMs !== 'number' || !(delayMs >= 0))) {
      return invalid('delay_ms', 'delay_ms must be a number of milliseconds.')
    }
    if (times !== undefined && (!Number.isInteger(times) || (times as number) < 1)) {
      return invalid('times', 'times must be a whole number ≥ 1.')
    }
    control.injectFault({
      route: route as FaultRoute,
      kind: kind as FaultKind,
      ...(delayMs === undefined ? {} : { delayMs }),
      ...(times === undefined ? {} : { times: times as number }),
    })
    return jsonResponse(201, faultsBody(control))
  })

  app.get('/sandbox/documents', (c) => {
    const customerId = c.req.query('customer_id')
    return jsonResponse(200, { data: control.documents(customerId || undefined) })
  })

  app.post('/sandbox/reset', async (c) => {
    const body = await readJson(c)
    if (body instanceof Response) return body
    const customerId = body.customer_id
    if (customerId === undefined || customerId === null) {
      control.reset()
    } else if (typeof customerId === 'string' && control.customer(customerId)) {
      control.reset(customerId)
    } else {
      return problemResponse(404, 'customer_not_found', 'No customer has that customer_id.', {
        param: 'customer_id',
      })
    }
    return new Response(null, { status: 204 })
  })

  app.get('/sandbox/settings', () => jsonResponse(200, settingsBody(control)))
  app.patch('/sandbox/settings', async (c) => {
    const body = await readJson(c)
    if (body instanceof Response) return body
    const delay = body.review_delay_ms
    if (delay !== undefined) {
      if (typeof delay !== 'number' || !(delay >= 0)) {
        return invalid('review_delay_ms', 'review_delay_ms must be a number ≥ 0.')
      }
      control.setReviewDelay(delay)
    }
    return jsonResponse(200, settingsBody(control))
  })

  app.post('/sandbox/tokens/expire', () => {
    control.expireTokens()
    return new Response(null, { status: 204 })
  })
}
