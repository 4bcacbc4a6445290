/**
 * Test helper: checks a real HTTP response against openapi/kyc-api.yaml, the API's single source
 * of truth. Node only (reads the file from disk); for tests, never for the browser bundle.
 *
 * ```ts
 * const response = await fetch(`${url}/customers/${id}`, { headers })
 * const customer = await expectResponseMatchesContract('GET', '/customers/{customer_id}', response)
 * ```
 *
 * What is checked, for the operation and status:
 * - the status is one the operation documents;
 * - every documented header is present when required (`X-RateLimit-*` on every answer,
 *   `Retry-After` on a 429) and its value fits the header's schema;
 * - `Content-Type` is the documented media type (`application/problem+json` for errors);
 * - the JSON body validates against the documented schema. Objects are checked closed: a field the
 *   contract does not name is a violation, so what we send stays documented.
 */
import {
  CONTRACT_FILE,
  componentRef,
  contract,
  describeErrors,
  isObject,
  resolve,
  validator,
  type JsonObject,
} from './contract-document.ts'

import type { components } from '../api/generated/schema.ts'

export { CONTRACT_FILE }

/** A schema of the contract's `components.schemas`: `Customer`, `PublicCustomer`, `Problem`, … */
export type SchemaName = keyof components['schemas'] & string

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Header access: a Fetch `Headers`, or a plain record such as Node's `IncomingHttpHeaders`. */
export type HeadersLike = Headers | Record<string, string | string[] | number | undefined>

/** A response already read: `body` is the parsed JSON (or the raw text when it was not JSON). */
export interface ContractResponse {
  status: number
  headers: HeadersLike
  body: unknown
}

export interface ContractCheckOptions {
  /**
   * Validate the body against this schema of `components.schemas` instead of the operation's own,
   * e.g. `'PublicCustomer'` for the host proxy's reduced customer. Status and headers are still
   * checked against the operation. Default: the operation's schema.
   */
  schema?: SchemaName
  /**
   * Skip the headers check: for a response that is not the provider's, such as the proxy's, whose
   * headers are its own. Default: false.
   */
  skipHeaders?: boolean
}

/** The path templates the contract documents, e.g. `/customers/{customer_id}`. */
export function contractPaths(): string[] {
  const { document } = contract()
  return Object.keys(isObject(document.paths) ? document.paths : {})
}

/**
 * Finds the documented template for a path: the template itself, or a concrete path or URL whose
 * end matches one (`http://127.0.0.1:4010/v3/customers/cust_…` gives `/customers/{customer_id}`).
 */
function templateOf(path: string): string {
  const templates = contractPaths()
  if (templates.includes(path)) return path
  const pathname = /^https?:\/\//.test(path) ? new URL(path).pathname : path.split('?')[0]!
  const match = templates.find((template) => {
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')
    return new RegExp(`${pattern}/?$`).test(pathname)
  })
  if (!match) {
    throw new Error(`${CONTRACT_FILE} documents no path like ${path} (${templates.join(', ')})`)
  }
  return match
}

function operationResponses(method: HttpMethod, path: string): JsonObject {
  const { document } = contract()
  const template = templateOf(path)
  const paths = document.paths as JsonObject
  const item = resolve(document, paths[template])
  const operation = isObject(item) ? item[method.toLowerCase()] : undefined
  if (!isObject(operation) || !isObject(operation.responses)) {
    throw new Error(`${CONTRACT_FILE} documents no ${method} ${template}`)
  }
  return operation.responses
}

function headerValue(headers: HeadersLike, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name)
  const key = Object.keys(headers).find(
    (candidate) => candidate.toLowerCase() === name.toLowerCase(),
  )
  const value = key === undefined ? undefined : headers[key]
  if (value === undefined) return null
  return Array.isArray(value) ? value.join(', ') : String(value)
}

function headerViolations(
  key: string,
  documented: JsonObject,
  headers: HeadersLike,
  document: JsonObject,
): string[] {
  const violations: string[] = []
  for (const [name, declared] of Object.entries(documented)) {
    const header = resolve(document, declared)
    if (!isObject(header)) continue
    const value = headerValue(headers, name)
    if (value === null) {
      if (header.required === true) violations.push(`header ${name} is missing`)
      continue
    }
    const schema = isObject(header.schema) ? header.schema : {}
    const integer = schema.type === 'integer'
    if (integer && !/^-?\d+$/.test(value.trim())) {
      violations.push(`header ${name} must be an integer, got ${JSON.stringify(value)}`)
      continue
    }
    const validate = validator(`${key} header ${name}`, schema)
    if (!validate(integer ? Number(value.trim()) : value)) {
      violations.push(...describeErrors(`header ${name}`, validate.errors))
    }
  }
  return violations
}

/**
 * Everything in `response` that breaks the contract for `method` `path`, as readable lines; empty
 * when it conforms. `path` is a template (`/customers/{customer_id}`) or a concrete path or URL.
 * Throws only when the contract documents no such operation.
 */
export function contractViolations(
  method: HttpMethod,
  path: string,
  response: ContractResponse,
  options: ContractCheckOptions = {},
): string[] {
  const { document } = contract()
  const responses = operationResponses(method, path)
  const status = String(response.status)
  const declared =
    responses[status] ?? responses[`${status[0]}XX`] ?? responses.default ?? undefined
  if (declared === undefined) {
    return [`status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`]
  }
  const documented = resolve(document, declared)
  if (!isObject(documented)) return []
  const key = `${method} ${templateOf(path)} ${status}`
  const violations: string[] = []

  if (!options.skipHeaders && isObject(documented.headers)) {
    violations.push(...headerViolations(key, documented.headers, response.headers, document))
  }

  const content = isObject(documented.content) ? documented.content : {}
  const mediaTypes = Object.keys(content)
  if (mediaTypes.length === 0) return violations
  const contentType = headerValue(response.headers, 'content-type')
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
  if (!mediaTypes.includes(mediaType)) {
    violations.push(
      `content-type is ${JSON.stringify(contentType)}, documented: ${mediaTypes.join(', ')}`,
    )
  }
  const chosen = mediaTypes.includes(mediaType) ? mediaType : mediaTypes[0]!
  const media = content[chosen]
  const schema = options.schema
    ? componentRef(document, options.schema)
    : isObject(media)
      ? media.schema
      : undefined
  if (schema === undefined) return violations
  const validate = validator(`${key} ${chosen} ${options.schema ?? ''}`, schema)
  if (!validate(response.body)) violations.push(...describeErrors('body', validate.errors))
  return violations
}

/**
 * Fails the test with every violation listed when `response` breaks the contract for `method`
 * `path` (see `contractViolations`). Takes a Fetch `Response`, which it reads from a clone, or an
 * already read `ContractResponse`. Resolves to the parsed body, so the test can go on with it.
 */
export async function expectResponseMatchesContract(
  method: HttpMethod,
  path: string,
  response: Response | ContractResponse,
  options: ContractCheckOptions = {},
): Promise<unknown> {
  let read: ContractResponse
  let notJson: string | undefined
  if (response instanceof Response) {
    const text = await response.clone().text()
    let body: unknown = text
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      notJson = `body is not JSON: ${JSON.stringify(text.slice(0, 80))}`
    }
    read = { status: response.status, headers: response.headers, body }
  } else {
    read = response
  }
  const violations = contractViolations(method, path, read, options)
  if (notJson) violations.unshift(notJson)
  if (violations.length > 0) {
    throw new Error(
      `${method} ${path} answered ${read.status}, which breaks ${CONTRACT_FILE}:\n` +
        violations.map((line) => `  - ${line}`).join('\n'),
    )
  }
  return read.body
}

/** Everything in `value` that breaks `components.schemas[name]`, checked closed; empty if none. */
export function schemaViolations(name: SchemaName, value: unknown): string[] {
  const validate = validator(`schema ${name}`, componentRef(contract().document, name))
  return validate(value) ? [] : describeErrors(name, validate.errors)
}

/** Fails the test, listing every violation, when `value` breaks `components.schemas[name]`. */
export function expectMatchesSchema(name: SchemaName, value: unknown): void {
  const violations = schemaViolations(name, value)
  if (violations.length > 0) {
    throw new Error(
      `Value does not match ${CONTRACT_FILE} schema ${name}:\n` +
        violations.map((line) => `  - ${line}`).join('\n'),
    )
  }
}
