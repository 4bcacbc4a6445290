import { createAbortScope } from './abort-scope.ts'
import { type ProxyContext, providerFailure } from './context.ts'
import { jsonResponse, parseJson, passedThroughHeaders, ProblemError } from './problem.ts'
import { callProvider, type ProviderAnswer } from './provider.ts'
import { pickPublicCustomer } from './public-fields.ts'

async function getCustomerOnce(
  context: ProxyContext,
  customerId: string,
  token: string,
  clientSignal: AbortSignal,
): Promise<ProviderAnswer> {
  const scope = createAbortScope({ timeoutMs: context.timeoutMs, idle: false, clientSignal })
  try {
    const init = {
      method: 'GET',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    }
    // A read is idempotent: a reset connection gets one more try.
    return await callProvider(
      context.fetch,
      `${context.baseUrl}/customers/${customerId}`,
      init,
      scope,
      () => init,
    )
  } finally {
    scope.dispose()
  }
}

/**
 * `GET /customers/{id}`: reads the customer with the cached token (once more with a fresh token
 * when the provider says 401) and answers only `id`, `status` and `kyc`.
 */
export async function readCustomer(
  context: ProxyContext,
  customerId: string,
  request: Request,
): Promise<Response> {
  let token = await context.tokens.get()
  let answer = await getCustomerOnce(context, customerId, token, request.signal)
  if (answer.status === 401) {
    context.tokens.invalidate(token)
    token = await context.tokens.get()
    answer = await getCustomerOnce(context, customerId, token, request.signal)
  }
  if (answer.status !== 200) throw providerFailure(answer)
  const customer = pickPublicCustomer(parseJson(answer.bodyText))
  if (customer === null || customer.id !== customerId) {
    throw new ProblemError(
      502,
      'invalid_provider_response',
      'The KYC provider answer was not understood.',
    )
  }
  return jsonResponse(200, customer, passedThroughHeaders(answer.headers))
}
