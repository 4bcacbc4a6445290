import { CUSTOMER_ID_PATTERN, matchKycRoute, normalizePrefix } from './routes.ts'

const ID = 'cust_0123456789abcdef0123456789abcdef'

describe('matchKycRoute', () => {
  it('matches the two served paths under the prefix', () => {
    expect(matchKycRoute(`/api/kyc/customers/${ID}`, '/api/kyc')).toMatchObject({
      name: 'customer',
      customerId: ID,
    })
    expect(matchKycRoute(`/api/kyc/customers/${ID}/documents`, '/api/kyc')).toMatchObject({
      name: 'documents',
      customerId: ID,
    })
    expect(matchKycRoute(`/customers/${ID}`, '')).toMatchObject({ name: 'customer' })
  })

  it('accepts an id written with percent-encoded letters, and returns it decoded', () => {
    expect(matchKycRoute(`/customers/%63ust_${ID.slice(5)}`, '')?.customerId).toBe(ID)
  })

  it.each([
    ['parent segment', `/customers/../customers/${ID}`],
    ['encoded dots', `/customers/%2e%2e/${ID}`],
    ['encoded slash inside the id', `/customers/${ID}%2fdocuments`],
    ['overlong id', `/customers/${ID}0`],
    ['short id', `/customers/${ID.slice(0, -1)}`],
    ['uppercase hex', `/customers/${ID.toUpperCase()}`],
    ['unicode look-alike', `/customers/${ID.replace('c', '\u0441')}`],
    ['encoded unicode', `/customers/cust_${'%EF%BC%90'.repeat(32)}`],
    ['broken percent-encoding', `/customers/cust_%zz`],
    ['null byte', `/customers/${ID}%00`],
    ['trailing slash', `/customers/${ID}/`],
    ['double slash', `/customers//${ID}`],
    ['unknown sub-resource', `/customers/${ID}/biometrics`],
    ['documents with an id', `/customers/${ID}/documents/doc_1`],
    ['collection', '/customers'],
    ['outside the prefix', `/other/customers/${ID}`],
    ['prefix without separator', `/api/kycx/customers/${ID}`],
  ])('rejects %s', (_name, path) => {
    const prefixed = path.startsWith('/customers') ? `/api/kyc${path}` : path
    expect(matchKycRoute(prefixed, '/api/kyc')).toBeNull()
  })

  it('rejects a very long segment without decoding it', () => {
    expect(matchKycRoute(`/customers/${'%41'.repeat(10_000)}`, '')).toBeNull()
  })
})

describe('normalizePrefix', () => {
  it('drops a trailing slash and rejects relative prefixes', () => {
    expect(normalizePrefix('/api/kyc/')).toBe('/api/kyc')
    expect(normalizePrefix('')).toBe('')
    expect(() => normalizePrefix('api/kyc')).toThrow(TypeError)
  })
})

it('the id pattern is the provider’s: cust_ and 32 lowercase hex digits', () => {
  expect(CUSTOMER_ID_PATTERN.test(ID)).toBe(true)
  expect(CUSTOMER_ID_PATTERN.test(`${ID}\n`)).toBe(false)
})
