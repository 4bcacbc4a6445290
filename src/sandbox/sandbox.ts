import { Hono } from 'hono'
import { createControl, type SandboxControl } from './control.ts'
import { registerControlRoutes } from './control-routes.ts'
import { isDropResponse } from './faults.ts'
import { observe, type AppEnv, type SandboxBindings } from './middleware.ts'
import { resolveOptions, type SandboxOptions } from './options.ts'
import { problemResponse } from './problem.ts'
import { registerProviderRoutes } from './provider-routes.ts'
import { createState } from './state.ts'

export interface Sandbox {
  /**
   * The Web-standard handler. Mounted in Node, pass `@hono/node-server`'s bindings as `env` so an
   * injected `drop` can cut the socket; without them a drop rejects like `fetch` on a network error.
   */
  fetch(request: Request, env?: SandboxBindings): Promise<Response>
  control: SandboxControl
  /** Cancels pending reviews, ends stalled requests, abandons webhook deliveries. */
  close(): void
}

// `@hono/node-server` writes nothing for a response carrying this header.
const ALREADY_SENT_HEADER = 'x-hono-already-sent'

/** The provider emulator as a Web-standard `Request -> Response` handler with its controls. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const state = createState(resolveOptions(options))
  const control = createControl(state)

  const root = new Hono<AppEnv>()
  root.use('*', observe(state))
  const app = root.basePath(state.options.basePath)
  registerProviderRoutes(app, state)
  registerControlRoutes(app, state, control)
  root.notFound((c) =>
    problemResponse(
      404,
      'not_found',
      `Nothing answers ${c.req.method} ${new URL(c.req.url).pathname}.`,
    ),
  )
  root.onError((error) => {
    state.options.log(`internal error: ${error instanceof Error ? error.stack : String(error)}`)
    return problemResponse(500, 'internal_error', 'The sandbox failed unexpectedly.')
  })

  return {
    async fetch(request, env) {
      const response = await root.fetch(request, env ?? {})
      if (!isDropResponse(response)) return response
      const socket = env?.incoming?.socket
      if (socket) {
        socket.destroy()
        return new Response(null, { headers: { [ALREADY_SENT_HEADER]: 'true' } })
      }
      throw new TypeError('fetch failed', {
        cause: new Error('The sandbox dropped the connection (injected fault).'),
      })
    },
    control,
    close() {
      state.closing.abort()
      state.reviews.clear()
      state.webhook.close()
    },
  }
}
