import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import {
  CONTRACT_FILE,
  contractPaths,
  contractViolations,
  expectMatchesSchema,
  expectResponseMatchesContract,
  schemaViolations,
  type SchemaName,
} from './openapi.ts'

const CUSTOMER_ID = 'cust_550e8400e29b41d4a716446655440000'
const RATE_LIMIT = {
  'X-RateLimit-Limit': '100',
  'X-RateLimit-Remaining': '99',
  'X-RateLimit-Reset': '1772366400',
}

function customer() {
  return {
    id: CUSTOMER_ID,
    status: 'pending_kyc',
    cpf: '12345678909',
    cnpj: '12345678000195',
    name: 'Maria Silva',
    email: 'maria@example.com',
    phone: '+5511999999999',
    trading_name: 'Maria Doces',
    external_id: null,
    kyc: [
      {
        kind: 'document',
        type: 'ccmei',
        description: 'Certificado MEI',
        status: 'rejected',
        message: 'Documento ilegível',
        uploaded_at: '2026-03-01T12:00:00Z',
      },
      {
        kind: 'data',
        type: 'address',
        description: 'Endereço',
        message: null,
        uploaded_at: null,
      },
    ],
    created_at: '2026-03-01T10:00:00Z',
    updated_at: '2026-03-01T12:00:00Z',
  }
}

function problem(status: number, code: string) {
  return { type: `https://errors.example/${code}`, title: 'Error', status, detail: 'Why.', code }
}

function json(body: unknown, status = 200, headers: Record<string, string> = RATE_LIMIT) {
  const contentType = status >= 400 ? 'application/problem+json' : 'application/json'
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': contentType, ...headers },
  })
}

describe('contractViolations', () => {
  it('accepts a customer that matches the contract', () => {
    const violations = contractViolations('GET', '/customers/{customer_id}', {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', ...RATE_LIMIT },
      body: customer(),
    })
    expect(violations).toEqual([])
  })

  it('names each missing or malformed rate-limit header', () => {
    const violations = contractViolations('GET', '/customers/{customer_id}', {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-ratelimit-limit': 'many' },
      body: customer(),
    })
    expect(violations).toEqual([
      'header X-RateLimit-Limit must be an integer, got "many"',
      'header X-RateLimit-Remaining is missing',
      'header X-RateLimit-Reset is missing',
    ])
  })

  it('reports undocumented fields, bad ids, unknown enum values and bad timestamps', () => {
    const body = {
      ...customer(),
      id: 'cust_123',
      status: 'blocked',
      created_at: 'yesterday',
      risk_score: 3,
    }
    const violations = contractViolations('GET', '/customers/{customer_id}', {
      status: 200,
      headers: { 'content-type': 'application/json', ...RATE_LIMIT },
      body,
    })
    expect(violations).toEqual(
      expect.arrayContaining([
        'body must NOT have additional properties (undocumented: "risk_score")',
        'body/id must match pattern "^cust_[0-9a-f]{32}$"',
        expect.stringMatching(/^body\/status must be equal to one of the allowed values/),
        'body/created_at must match format "date-time"',
      ]),
    )
  })

  it('requires problem+json and a listed code on errors', () => {
    const ok = contractViolations('POST', '/customers/{customer_id}/documents', {
      status: 422,
      headers: { 'content-type': 'application/problem+json', ...RATE_LIMIT },
      body: { ...problem(422, 'file_too_large'), param: 'file' },
    })
    expect(ok).toEqual([])

    const wrong = contractViolations('POST', '/customers/{customer_id}/documents', {
      status: 422,
      headers: { 'content-type': 'application/json', ...RATE_LIMIT },
      body: problem(400, 'too_big'),
    })
    expect(wrong).toEqual(
      expect.arrayContaining([
        'content-type is "application/json", documented: application/problem+json',
        'body/status must be equal to constant (422)',
        expect.stringMatching(/^body\/code must be one of \(\[.*"file_too_large".*\]\)$/),
      ]),
    )
    expect(wrong.filter((line) => line.startsWith('body/code'))).toHaveLength(1)
  })

  it('requires Retry-After on a 429', () => {
    const violations = contractViolations('GET', '/customers', {
      status: 429,
      headers: { 'content-type': 'application/problem+json', ...RATE_LIMIT },
      body: problem(429, 'rate_limit_exceeded'),
    })
    expect(violations).toEqual(['header Retry-After is missing'])
  })

  it('rejects a status the operation does not document', () => {
    const violations = contractViolations('GET', '/customers/{customer_id}', {
      status: 403,
      headers: RATE_LIMIT,
      body: problem(403, 'forbidden'),
    })
    expect(violations).toEqual([
      'status 403 is not documented (documented: 200, 401, 404, 429, 500)',
    ])
  })

  it('checks the proxy reduced view against another schema on request', () => {
    const full = { status: 200, headers: { 'content-type': 'application/json' }, body: customer() }
    const reduced = { ...full, body: { id: CUSTOMER_ID, status: 'active', kyc: [] } }
    const options = { schema: 'PublicCustomer', skipHeaders: true } as const
    expect(contractViolations('GET', '/customers/{customer_id}', reduced, options)).toEqual([])
    expect(contractViolations('GET', '/customers/{customer_id}', full, options)).toContain(
      'body must NOT have additional properties (undocumented: "cpf")',
    )
  })

  it('matches a concrete path or URL to its template, and refuses an unknown one', () => {
    const response = {
      status: 201,
      headers: { 'content-type': 'application/json', ...RATE_LIMIT, 'idempotent-replayed': 'yes' },
      body: {
        id: 'doc_0f8fad5bd9cb469fa16570867728950e',
        type: 'ccmei',
        status: 'submitted',
        uploaded_at: '2026-03-01T12:00:00Z',
        created_at: '2026-03-01T12:00:00Z',
        updated_at: '2026-03-01T12:00:00Z',
      },
    }
    const url = `http://127.0.0.1:4010/v3/customers/${CUSTOMER_ID}/documents`
    expect(contractViolations('POST', url, response)).toEqual([
      'header Idempotent-Replayed must be equal to one of the allowed values (["true"])',
    ])
    expect(() => contractViolations('GET', '/v3/accounts', response)).toThrow(/no path like/)
    expect(() => contractViolations('DELETE', '/customers/{customer_id}', response)).toThrow(
      /documents no DELETE/,
    )
  })
})

describe('expectResponseMatchesContract', () => {
  it('resolves to the parsed body and leaves the response unread', async () => {
    const response = json({ data: [customer()] })
    const body = await expectResponseMatchesContract('GET', '/customers', response)
    expect(body).toEqual({ data: [customer()] })
    expect(response.bodyUsed).toBe(false)
  })

  it('fails with every violation listed', async () => {
    const response = json(problem(401, 'token_expired'), 401, {})
    await expect(expectResponseMatchesContract('GET', '/customers', response)).rejects.toThrow(
      [
        'GET /customers answered 401, which breaks openapi/kyc-api.yaml:',
        '  - header X-RateLimit-Limit is missing',
        '  - header X-RateLimit-Remaining is missing',
        '  - header X-RateLimit-Reset is missing',
      ].join('\n'),
    )
  })

  it('reports an HTML error page as not JSON', async () => {
    const response = new Response('<html>Bad gateway</html>', {
      status: 500,
      headers: { 'content-type': 'text/html', ...RATE_LIMIT },
    })
    await expect(
      expectResponseMatchesContract('GET', `/customers/${CUSTOMER_ID}`, response),
    ).rejects.toThrow(/body is not JSON: "<html>Bad gateway<\/html>"/)
  })
})

describe('schemaViolations', () => {
  it('checks a value against a named schema, such as a webhook payload', () => {
    const event = {
      type: 'customer.kyc_updated',
      timestamp: '2026-03-01T12:00:00Z',
      data: { id: CUSTOMER_ID, external_id: 'user-42', status: 'under_review', kyc: [] },
    }
    expect(() => expectMatchesSchema('KycUpdatedEvent', event)).not.toThrow()
    expect(schemaViolations('KycUpdatedEvent', { ...event, data: { id: CUSTOMER_ID } })).toEqual([
      "KycUpdatedEvent/data must have required property 'external_id'",
      "KycUpdatedEvent/data must have required property 'status'",
      "KycUpdatedEvent/data must have required property 'kyc'",
    ])
    expect(() => schemaViolations('Nope' as SchemaName, {})).toThrow(/has no schema Nope/)
  })
})

// The contract's own conventions, so that an edit cannot quietly drop one.
describe(CONTRACT_FILE, () => {
  const document = parse(readFileSync(CONTRACT_FILE, 'utf8'))
  const resolve = (node: { $ref?: string }) =>
    node.$ref ? document.components.responses[node.$ref.split('/').pop()!] : node

  const operations = contractPaths().flatMap((path) =>
    Object.entries(document.paths[path])
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({ path, method, operation: operation as never })),
  )

  it('documents the four operations the project uses', () => {
    expect(operations.map(({ method, path }) => `${method} ${path}`).sort()).toEqual([
      'get /customers',
      'get /customers/{customer_id}',
      'post /auth/token',
      'post /customers/{customer_id}/documents',
    ])
  })

  it.each(operations)(
    '$method $path: rate-limit headers everywhere, problem+json on errors',
    ({ operation }) => {
      const responses = (operation as { responses: Record<string, { $ref?: string }> }).responses
      for (const [status, declared] of Object.entries(responses)) {
        const response = resolve(declared)
        expect(Object.keys(response.headers), status).toEqual(
          expect.arrayContaining([
            'X-RateLimit-Limit',
            'X-RateLimit-Remaining',
            'X-RateLimit-Reset',
          ]),
        )
        const mediaTypes = Object.keys(response.content)
        expect(mediaTypes, status).toEqual([
          Number(status) >= 400 ? 'application/problem+json' : 'application/json',
        ])
        if (status === '429') expect(Object.keys(response.headers)).toContain('Retry-After')
      }
    },
  )

  it('holds examples that validate against their own schemas', () => {
    const schemas: Record<string, { examples?: unknown[] }> = document.components.schemas
    const withExamples = Object.entries(schemas).filter(([, schema]) => schema.examples)
    expect(withExamples.length).toBeGreaterThan(0)
    for (const [name, schema] of withExamples) {
      for (const example of schema.examples!) {
        expect(schemaViolations(name as SchemaName, example)).toEqual([])
      }
    }
  })
})
