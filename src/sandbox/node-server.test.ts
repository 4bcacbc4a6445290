import { Agent, request } from 'node:http'
import { type SandboxServer, startSandboxServer } from './node-server.ts'

let server: SandboxServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

it('keeps idle connections 65 s and says so, so pooled clients drop them before it does', async () => {
  server = await startSandboxServer({ port: 0 })
  // node:http rather than fetch: fetch hides the hop-by-hop Keep-Alive header.
  const agent = new Agent({ keepAlive: true })
  const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
    const outgoing = request(`${server?.url}/customers/nobody`, { agent }, (response) => {
      response.resume()
      resolve(response.headers['keep-alive']?.toString())
    })
    outgoing.on('error', reject)
    outgoing.end()
  }).finally(() => agent.destroy())
  expect(keepAlive).toBe('timeout=65')
})
