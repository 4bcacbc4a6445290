import type { Customer } from '../api/types.ts'
import type { SandboxServer } from './node-server.ts'
import { SCENARIOS, seedCustomer } from './scenarios.ts'
import { customerStatusOf } from './store.ts'
import { control, get, requestToken, startTestSandbox } from './testing/http.ts'

let server: SandboxServer
let token: string

beforeEach(async () => {
  server = await startTestSandbox()
  token = await requestToken(server.url)
})
afterEach(() => server.close())

// Independent check-digit rules (Receita Federal), to prove the seeds look like real documents.
function validCpf(cpf: string): boolean {
  if (!/^\d{11}$/.test(cpf) || /^(\d)\1+$/.test(cpf)) return false
  const digits = [...cpf].map(Number)
  const check = (length: number) => {
    const sum = digits.slice(0, length).reduce((total, d, i) => total + d * (length + 1 - i), 0)
    const rest = (sum * 10) % 11
    return rest === 10 ? 0 : rest
  }
  return check(9) === digits[9] && check(10) === digits[10]
}

function validCnpj(cnpj: string): boolean {
  if (!/^\d{14}$/.test(cnpj)) return false
  const digits = [...cnpj].map(Number)
  const check = (length: number) => {
    const weights =
      length === 12 ? [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] : [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
    const sum = weights.reduce((total, w, i) => total + w * (digits[i] ?? 0), 0)
    return sum % 11 < 2 ? 0 : 11 - (sum % 11)
  }
  return check(12) === digits[12] && check(13) === digits[13]
}

describe('GET /customers', () => {
  it('lists the five seeded scenarios as { data }', async () => {
    const response = await get(server.url, '/customers', token)
    expect(response.status).toBe(200)
    const { data } = (await response.json()) as { data: Customer[] }
    expect(data.map((customer) => customer.id)).toEqual(SCENARIOS.map((s) => seedCustomer(s).id))
  })

  it('seeds realistic Brazilian customers with valid CPF/CNPJ and +55 phones', async () => {
    const { data } = (await (await get(server.url, '/customers', token)).json()) as {
      data: Customer[]
    }
    for (const customer of data) {
      expect(customer.id).toMatch(/^cust_[0-9a-f]{32}$/)
      expect(validCpf(customer.cpf ?? '')).toBe(true)
      if (customer.cnpj !== null) expect(validCnpj(customer.cnpj ?? '')).toBe(true)
      expect(customer.phone).toMatch(/^\+55\d{10,11}$/)
      expect(customer.status).toBe(customerStatusOf(customer.kyc))
    }
  })

  it('covers the cases the widget must handle', async () => {
    const byScenario = Object.fromEntries(SCENARIOS.map((s) => [s, seedCustomer(s)]))
    expect(byScenario.company?.kyc.map((item) => [item.type, item.status])).toEqual([
      ['ccmei', 'pending'],
      ['identity_card_front', 'pending'],
      ['identity_card_back', 'pending'],
      ['selfie', 'pending'],
    ])
    expect(byScenario['person-cnh']?.kyc.map((item) => item.type)).toEqual(['cnh', 'selfie'])
    const mixedKinds = byScenario.mixed?.kyc.map((item) => `${item.kind}:${item.type}`)
    expect(mixedKinds).toContain('data:mother_name')
    expect(mixedKinds).toContain('document:biometrics')
    const rejected = byScenario.rejected?.kyc.find((item) => item.status === 'rejected')
    expect(rejected?.message).toBe('A foto está desfocada; envie uma imagem nítida do documento.')
    expect(byScenario.approved?.status).toBe('active')
  })
})

describe('GET /customers/{id}', () => {
  it('returns the customer with its kyc array', async () => {
    const id = seedCustomer('person-cnh').id
    const response = await get(server.url, `/customers/${id}`, token)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual(seedCustomer('person-cnh'))
  })

  it.each(['cust_00000000000000000000000000000000', 'not-an-id', '..%2F..%2Fetc'])(
    'answers 404 customer_not_found for %s',
    async (id) => {
      const response = await get(server.url, `/customers/${id}`, token)
      expect(response.status).toBe(404)
      expect(await response.json()).toMatchObject({ status: 404, code: 'customer_not_found' })
    },
  )
})

describe('fresh copies for demo visitors and tests', () => {
  it('clones a scenario under a new random id (in-process)', () => {
    const first = server.sandbox.control.createCustomer('company')
    const second = server.sandbox.control.createCustomer('company')
    expect(first.id).toMatch(/^cust_[0-9a-f]{32}$/)
    expect(first.id).not.toBe(second.id)
    expect(first.id).not.toBe(seedCustomer('company').id)
    expect(first.kyc).toEqual(seedCustomer('company').kyc)
  })

  it('clones over HTTP, and the copy is served like any customer', async () => {
    const response = await control(server.url, token, 'POST', '/customers', {
      scenario: 'rejected',
    })
    expect(response.status).toBe(201)
    const created = (await response.json()) as Customer
    const fetched = await get(server.url, `/customers/${created.id}`, token)
    expect(await fetched.json()).toEqual(created)
    const bad = await control(server.url, token, 'POST', '/customers', { scenario: 'nope' })
    expect(bad.status).toBe(422)
  })
})

describe('customerStatusOf', () => {
  const item = (status: string) => ({ kind: 'document', type: status, status })
  it.each([
    [['approved', 'approved'], 'active'],
    [['approved', 'submitted'], 'under_review'],
    [['submitted', 'pending'], 'pending_kyc'],
    [['approved', 'rejected'], 'pending_kyc'],
    [[], 'active'],
  ])('%j gives %s', (statuses, expected) => {
    expect(customerStatusOf(statuses.map(item))).toBe(expected)
  })
})
