import type { Hono } from 'hono'
import { BodyTooLargeError, readTextLimited } from '../core/read-limited.ts'
import { parseBasicCredentials } from './auth.ts'
import { authenticate, faultInjection, rateLimit, type AppEnv } from './middleware.ts'
import { bodyTooLarge, customerNotFound, jsonResponse, problemResponse } from './problem.ts'
import type { SandboxState } from './state.ts'
import { handleUpload } from './upload.ts'

const MAX_FORM_BYTES = 4096

/** The provider's own API: token, customers, upload. */
export function registerProviderRoutes(app: Hono<AppEnv>, state: SandboxState): void {
  const limited = rateLimit(state)
  const authenticated = authenticate(state)

  app.post('/auth/token', faultInjection(state, 'token'), limited, async (c) => {
    const credentials = parseBasicCredentials(c.req.header('authorization') ?? null)
    if (!credentials || !state.tokens.accepts(credentials)) {
      return problemResponse(
        401,
        'invalid_client',
        'Authenticate with HTTP Basic client_id:client_secret.',
        {
          headers: { 'www-authenticate': 'Basic realm="sandbox"' },
        },
      )
    }
    const contentType = c.req.header('content-type') ?? ''
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType)) {
      return problemResponse(
        400,
        'invalid_content_type',
        'Send grant_type=client_credentials as application/x-www-form-urlencoded.',
      )
    }
    let text: string
    try {
      text = await readTextLimited(c.req.raw, MAX_FORM_BYTES)
    } catch (error) {
      if (error instanceof BodyTooLargeError) return bodyTooLarge(error.limit)
      throw error
    }
    if (new URLSearchParams(text).get('grant_type') !== 'client_credentials') {
      return problemResponse(400, 'malformed_body', 'Send grant_type=client_credentials.', {
        param: 'grant_type',
      })
    }
    return jsonResponse(200, state.tokens.issue(credentials.id), {
      'cache-control': 'no-store',
    })
  })

  app.get('/customers', faultInjection(state, 'customer'), limited, authenticated, () =>
    jsonResponse(200, { data: state.store.customers() }),
  )

  app.get(
    '/customers/:customerId',
    faultInjection(state, 'customer'),
    limited,
    authenticated,
    (c) => {
      const customerId = c.req.param('customerId')
      const customer = state.store.customer(customerId)
      if (!customer) {
        return customerNotFound(customerId)
      }
      return jsonResponse(200, customer)
    },
  )

  app.post(
    '/customers/:customerId/documents',
    faultInjection(state, 'upload'),
    limited,
    authenticated,
    (c) =>
      handleUpload(c.req.raw, c.req.param('customerId'), c.get('clientId'), {
        store: state.store,
        idempotency: state.idempotency,
        maxFileSize: state.options.maxFileSize,
        accepted: state.accepted,
        processingDelayMs: c.get('processingDelayMs') ?? 0,
        closing: state.closing.signal,
      }),
  )
}
