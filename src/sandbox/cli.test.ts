// The sandbox command (`npx kyc-uploader-sandbox`, `npm run sandbox`) reads the README's variables.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { runSandboxCommand } from './cli.ts'
import type { SandboxServer } from './node-server.ts'

const SECRET = `whsec_${Buffer.from('cli-test-webhook-secret!').toString('base64')}`
let server: SandboxServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

it('serves on PORT and sends signed webhooks to SANDBOX_WEBHOOK_URL', async () => {
  const received: { headers: Record<string, string>; body: string }[] = []
  const receiver = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      received.push({ headers: request.headers as Record<string, string>, body })
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`
  const lines: string[] = []
  try {
    server = await runSandboxCommand(
      {
        PORT: '0',
        SANDBOX_REVIEW_DELAY_MS: '20',
        SANDBOX_WEBHOOK_URL: hookUrl,
        SANDBOX_WEBHOOK_SECRET: SECRET,
      },
      (line) => lines.push(line),
    )
    expect(lines[0]).toBe(`KYC provider sandbox on ${server.url}`)
    expect(lines).toContain(`  webhooks to: ${hookUrl}`)
    expect(lines).toContain('  review delay: 20 ms, max file size: 10485760 bytes')

    const customer = server.sandbox.control.createCustomer('company')
    server.sandbox.control.submitDocument(customer.id, 'ccmei')
    await vi.waitFor(() => expect(received).toHaveLength(2)) // submitted, then approved
    const approved = received[1]!
    const event = new Webhook(SECRET).verify(approved.body, approved.headers) as {
      type: string
      data: { id: string; kyc: { type: string; status: string }[] }
    }
    expect(event.type).toBe('customer.kyc_updated')
    expect(event.data.id).toBe(customer.id)
    expect(event.data.kyc.find((item) => item.type === 'ccmei')?.status).toBe('approved')
  } finally {
    receiver.close()
  }
})

it('says there are no webhooks without the variables, and refuses a malformed setting by name', async () => {
  const lines: string[] = []
  server = await runSandboxCommand({ PORT: '0' }, (line) => lines.push(line))
  expect(lines).toContain('  webhooks: none (set SANDBOX_WEBHOOK_URL and SANDBOX_WEBHOOK_SECRET)')
  await expect(runSandboxCommand({ PORT: 'eighty' }, () => {})).rejects.toThrow(/PORT/)
  await expect(
    runSandboxCommand({ PORT: '0', SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:1/hooks' }, () => {}),
  ).rejects.toThrow(/SANDBOX_WEBHOOK_SECRET/)
})
