// `npm run sandbox`: the provider sandbox alone, on PORT (default 4010), settings from SANDBOX_*.
import {
  SCENARIOS,
  sandboxOptionsFromEnv,
  seedCustomer,
  startSandboxServer,
} from '../src/sandbox/index.ts'

const port = Number(process.env.PORT ?? 4010)
const options = sandboxOptionsFromEnv(process.env)
const server = await startSandboxServer({
  ...options,
  port,
  host: process.env.HOST ?? '127.0.0.1',
  log: (line) => console.log(`[sandbox] ${line}`),
})

const settings = server.sandbox.control.settings()
console.log(`KYC provider sandbox on ${server.url}`)
console.log(
  `  client id: ${options.clientId ?? 'sandbox'} (secret from SANDBOX_CLIENT_SECRET, or the default)`,
)
console.log(
  `  review delay: ${settings.reviewDelayMs} ms, max file size: ${settings.maxFileSize} bytes`,
)
console.log(
  `  rate limit: ${settings.rateLimit.limit} requests per ${settings.rateLimit.windowMs / 1000} s`,
)
if (options.webhook) console.log(`  webhooks to: ${options.webhook.url}`)
console.log('  seeded customers:')
for (const scenario of SCENARIOS)
  console.log(`    ${scenario.padEnd(11)} ${seedCustomer(scenario).id}`)

function stop() {
  server.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
