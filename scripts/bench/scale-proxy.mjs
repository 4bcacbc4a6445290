// One proxy instance for the scale bench, in its own process so its memory is its own. Started
// by scripts/bench/scale.mjs with the settings in the environment; prints `READY <url>`.
import { createServer } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { createKycProxy } from '../../dist/server.js'
import { createRedisStore } from '../../dist/server/redis.js'

const env = process.env
const store = env.SCALE_REDIS_URL
  ? await createRedisStore({
      url: env.SCALE_REDIS_URL,
      keyPrefix: env.SCALE_KEY_PREFIX,
      // The parent counts these: an outage or a refused command during the run.
      log: (line) => console.log(`STORE ${line}`),
    })
  : undefined
const proxy = createKycProxy({
  providerBaseUrl: env.SCALE_PROVIDER_URL,
  clientId: 'sandbox',
  clientSecret: 'sandbox-secret',
  prefix: '/api/kyc',
  ...(store ? { store } : {}),
  ...(env.SCALE_WEBHOOK_SECRET ? { webhookSecret: env.SCALE_WEBHOOK_SECRET } : {}),
  events: { maxStreamsPerSession: 4 },
  log: () => {},
  // The bench's session: the cookie names the customer.
  authorize: (request) => /sid=(cust_[0-9a-f]{32})/.exec(request.headers.get('cookie') ?? '')?.[1],
})

function memory() {
  globalThis.gc?.()
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage()
  return { rss, heapUsed, external, arrayBuffers }
}

const listener = getRequestListener(proxy, { overrideGlobalObjects: false })
const server = createServer((request, response) => {
  if (request.url === '/__memory') {
    response.writeHead(200, { 'content-type': 'application/json' })
    return void response.end(JSON.stringify(memory()))
  }
  return void listener(request, response)
})
server.keepAliveTimeout = 65_000
server.headersTimeout = 66_000
server.listen(Number(env.SCALE_PORT ?? 0), '127.0.0.1', () => {
  console.log(`READY http://127.0.0.1:${server.address().port}`)
})
