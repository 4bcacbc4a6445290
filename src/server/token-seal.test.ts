import { tokenSeal } from './token-seal.ts'

const TOKEN = JSON.stringify({ token: 'tok_live_9f8e7d6c5b4a', refreshAt: 1_800_000_000_000 })

it('seals with AES-GCM under the client secret: another instance with the secret opens it', async () => {
  const sealed = await tokenSeal('client', 'secret-a').seal(TOKEN)
  expect(sealed).toMatch(/^v1\.[A-Za-z0-9+/]{16}\.[A-Za-z0-9+/=]+$/)
  expect(sealed).not.toContain('tok_live')
  expect(await tokenSeal('client', 'secret-a').open(sealed)).toBe(TOKEN)
  // A fresh IV each time: the same token never seals to the same text.
  expect(await tokenSeal('client', 'secret-a').seal(TOKEN)).not.toBe(sealed)
})

it('whoever lacks the secret, or alters the value, gets nothing', async () => {
  const sealed = await tokenSeal('client', 'secret-a').seal(TOKEN)
  expect(await tokenSeal('client', 'secret-b').open(sealed)).toBeNull()
  expect(await tokenSeal('other-client', 'secret-a').open(sealed)).toBeNull()
  const [version, iv, data = ''] = sealed.split('.')
  const flipped = `${data.slice(0, 4)}${data[4] === 'A' ? 'B' : 'A'}${data.slice(5)}`
  expect(await tokenSeal('client', 'secret-a').open(`${version}.${iv}.${flipped}`)).toBeNull()
  expect(await tokenSeal('client', 'secret-a').open(TOKEN)).toBeNull() // a clear value
})
