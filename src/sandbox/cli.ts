// The sandbox as a command: `npx kyc-uploader-sandbox` (the package's bin) and `npm run sandbox`.
import { sandboxOptionsFromEnv } from './options.ts'
import { SCENARIOS, seedCustomer } from './scenarios.ts'
import { startSandboxServer, type SandboxServer } from './node-server.ts'

/**
 * Starts the sandbox on `PORT` (default 4010) and `HOST` (default 127.0.0.1), its settings from
 * the `SANDBOX_*` variables (`sandboxOptionsFromEnv`: credentials, review delay, limits, and
 * `SANDBOX_WEBHOOK_URL` with `SANDBOX_WEBHOOK_SECRET` for webhooks), and says where it is, with
 * the seeded customers' ids. Throws, naming the variable, on a malformed setting.
 */
export async function runSandboxCommand(
  env: Record<string, string | undefined>,
  print: (line: string) => void = console.log,
): Promise<SandboxServer> {
  const port = env.PORT === undefined || env.PORT === '' ? 4010 : Number(env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`)
  }
  const options = sandboxOptionsFromEnv(env)
  const server = await startSandboxServer({
    ...options,
    port,
    host: env.HOST || '127.0.0.1',
    log: (line) => print(`[sandbox] ${line}`),
  })
  const settings = server.sandbox.control.settings()
  print(`KYC provider sandbox on ${server.url}`)
  print(
    `  client id: ${options.clientId ?? 'sandbox'} (secret from SANDBOX_CLIENT_SECRET, or the default)`,
  )
  print(
    `  review delay: ${settings.reviewDelayMs} ms, max file size: ${settings.maxFileSize} bytes`,
  )
  print(
    `  rate limit: ${settings.rateLimit.limit} requests per ${settings.rateLimit.windowMs / 1000} s`,
  )
  print(
    options.webhook
      ? `  webhooks to: ${options.webhook.url}`
      : '  webhooks: none (set SANDBOX_WEBHOOK_URL and SANDBOX_WEBHOOK_SECRET)',
  )
  print('  seeded customers:')
  for (const scenario of SCENARIOS) print(`    ${scenario.padEnd(11)} ${seedCustomer(scenario).id}`)
  return server
}

/** Runs the command until SIGINT or SIGTERM; a bad setting ends it with its message, exit code 1. */
export async function main(): Promise<void> {
  let server: SandboxServer
  try {
    server = await runSandboxCommand(process.env)
  } catch (error) {
    console.error(`kyc-uploader-sandbox: ${error instanceof Error ? error.message : error}`)
    process.exit(1)
  }
  const stop = () => void server.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
