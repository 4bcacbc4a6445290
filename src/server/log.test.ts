import { formatLogLine } from './log.ts'

describe('formatLogLine', () => {
  it('names method, path, status, duration and the problem code', () => {
    expect(
      formatLogLine({
        method: 'POST',
        path: '/api/kyc/customers/cust_0123456789abcdef0123456789abcdef/documents',
        status: 422,
        durationMs: 12.4,
        code: 'file_too_large',
      }),
    ).toBe(
      'kyc-proxy POST /api/kyc/customers/cust_0123456789abcdef0123456789abcdef/documents 422 12ms file_too_large',
    )
  })

  it('cuts a long path and replaces an odd method', () => {
    const line = formatLogLine({
      method: 'm\nx',
      path: `/${'a'.repeat(500)}`,
      status: 404,
      durationMs: 1,
    })
    expect(line).toMatch(/^kyc-proxy OTHER \/a{199}… 404 1ms$/)
  })
})
