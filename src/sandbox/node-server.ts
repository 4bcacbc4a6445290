import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import type { SandboxOptions } from './options.ts'
import { createSandbox, type Sandbox } from './sandbox.ts'

export interface SandboxServerOptions extends SandboxOptions {
  /** Port to listen on; 0 picks a free one. Default: 4010. */
  port?: number | undefined
  /** Interface to bind. Default: `127.0.0.1`. */
  host?: string | undefined
}

export interface SandboxServer {
  /** Base URL including the base path, e.g. `http://127.0.0.1:4010/v3`. */
  url: string
  sandbox: Sandbox
  close(): Promise<void>
}

/** How long an idle keep-alive connection stays open, in ms. */
export const SANDBOX_KEEP_ALIVE_TIMEOUT_MS = 65_000

/** Serves a fresh sandbox over HTTP. */
export async function startSandboxServer(
  options: SandboxServerOptions = {},
): Promise<SandboxServer> {
  const { port = 4010, host = '127.0.0.1', ...sandboxOptions } = options
  const sandbox = createSandbox(sandboxOptions)
  const server: Server = createServer(
    // Leave the process's global Request/Response alone: the host may be a test runner or a dev
    // server with its own handlers.
    getRequestListener((request, env) => sandbox.fetch(request, env), {
      overrideGlobalObjects: false,
    }),
  )
  // Outlive the clients' idle pooled connections, as production load balancers do (60 s or more):
  // with Node's default 5 s a client such as undici can reuse a connection just as the server
  // closes it, and the request fails with ECONNRESET. headersTimeout must exceed keepAliveTimeout.
  server.keepAliveTimeout = SANDBOX_KEEP_ALIVE_TIMEOUT_MS
  server.headersTimeout = SANDBOX_KEEP_ALIVE_TIMEOUT_MS + 1000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const basePath = (sandboxOptions.basePath ?? '/v3').replace(/\/+$/, '')
  return {
    url: `http://${shownHost}:${address.port}${basePath}`,
    sandbox,
    close: () =>
      new Promise<void>((resolve) => {
        sandbox.close()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
