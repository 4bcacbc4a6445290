import { createAbortScope } from './abort-scope.ts'
import { type ProxyContext, providerFailure } from './context.ts'
import { jsonResponse, parseJson, passedThroughHeaders, ProblemError } from './problem.ts'
import { callProvider, type ProviderAnswer } from './provider.ts'
import { pickPublicCustomer } from './public-fields.ts'
import { type MaskedIdentity, maskedIdentityOf } from './handoff/identity.ts'
import type { ProviderRead } from './status/status-cache.ts'

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

/** How long a read with no known status to fall back on waits for the provider budget. */
const PATIENT_READ_MS = 5000

/** The provider's `updated_at` of a customer answer, in ms; 0 when it has none. */
function versionOf(bodyText: string): number {
  const body = parseJson(bodyText) as { updated_at?: unknown } | undefined
  const parsed = typeof body?.updated_at === 'string' ? Date.parse(body.updated_at) : NaN
  return Number.isFinite(parsed) ? parsed : 0
}

/**
 * Reads the customer from the provider with the cached token (once more with a fresh token when
 * the provider says 401), reduced to `id`, `status` and `kyc`, plus the masked identity a
 * hand-off link's page shows (which never reaches the widget).
 */
export async function fetchCustomer(
  context: ProxyContext,
  customerId: string,
  signal: AbortSignal,
  budgetWaitMs = 0,
): Promise<ProviderRead & { identity: MaskedIdentity | null }> {
  let token = await context.tokens.get()
  await context.budget.spend('read', { customerId, waitMs: budgetWaitMs })
  let answer = await getCustomerOnce(context, customerId, token, signal)
  if (answer.status === 401) {
    context.tokens.invalidate(token)
    token = await context.tokens.get()
    await context.budget.spend('read', { customerId })
    answer = await getCustomerOnce(context, customerId, token, signal)
  }
  if (answer.status !== 200) throw providerFailure(answer)
  const body = parseJson(answer.bodyText)
  const customer = pickPublicCustomer(body)
  if (customer === null || customer.id !== customerId) {
    throw new ProblemError(
      502,
      'invalid_provider_response',
      'The KYC provider answer was not understood.',
    )
  }
  return {
    customer,
    version: versionOf(answer.bodyText),
    headers: answer.headers,
    identity: maskedIdentityOf(body),
  }
}

/**
 * `GET /customers/{id}`: the customer's `id`, `status` and `kyc`, from the status cache when it
 * knows them fresh, else from the provider (one call for everyone asking). `Age` says how old
 * the view is; when the provider is busy or down, the last known view is served with its age.
 */
export async function readCustomer(context: ProxyContext, customerId: string): Promise<Response> {
  // The provider call is shared by everyone asking, so one browser leaving does not cancel it.
  const read = await context.status.read(customerId, (patient) =>
    fetchCustomer(context, customerId, new AbortController().signal, patient ? PATIENT_READ_MS : 0),
  )
  const headers = read.providerHeaders ? passedThroughHeaders(read.providerHeaders) : new Headers()
  headers.set('age', String(Math.floor(read.ageMs / 1000)))
  if (read.stale) headers.set('x-kyc-stale', 'true')
  return jsonResponse(200, read.customer, headers)
}

/**
 * Whose documents a hand-off link is for, masked, read from the provider when the link is made;
 * the view that read brings updates the status cache too.
 */
export async function readMaskedIdentity(
  context: ProxyContext,
  customerId: string,
): Promise<MaskedIdentity | null> {
  const read = await fetchCustomer(
    context,
    customerId,
    new AbortController().signal,
    PATIENT_READ_MS,
  )
  await context.status.apply(read.customer, read.version).catch(() => {})
  return read.identity
}
