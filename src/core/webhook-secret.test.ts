import { checkWebhookSecret } from './webhook-secret.ts'

const key = (bytes: number) => `whsec_${Buffer.alloc(bytes, 7).toString('base64')}`

it.each(['whsec_', 'whsec_!!!!', 'whsec_a', 'whsec_abc', 'abc', '', key(24).slice(6), key(8)])(
  'refuses the malformed or weak secret %j',
  (secret) => {
    expect(() => checkWebhookSecret(secret)).toThrow(TypeError)
  },
)

it('accepts secrets as Standard Webhooks issues them', () => {
  expect(checkWebhookSecret(key(24))).toBe(24)
  expect(checkWebhookSecret(key(32))).toBe(32)
  expect(checkWebhookSecret(key(64))).toBe(64)
})
