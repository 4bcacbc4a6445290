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
import { readFileSync } from 'node:fs'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { parse } from 'yaml'

/** Where the contract lives, relative to the repository root. */
export const CONTRACT_FILE = 'openapi/kyc-api.yaml'

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
  schema?: string
  /**
   * Skip the headers check: for a response that is not the provider's, such as the proxy's, whose
   * headers are its own. Default: false.
   */
  skipHeaders?: boolean
}

type JsonObject = { [key: string]: unknown }

const BASE = 'https://kyc-uploader.invalid/openapi'

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Makes every object schema closed (`additionalProperties: false`) unless it says otherwise, and
 * points `#/components/schemas/X` refs at the registered copy. Members of an `allOf` stay open:
 * each only refines the others, and closing one would reject the fields the others declare.
 */
function prepare(node: unknown, inAllOf = false): unknown {
  if (Array.isArray(node)) return node.map((item) => prepare(item, inAllOf))
  if (!isObject(node)) return node
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', `${BASE}#/$defs/`)
    } else if (key === 'allOf' && Array.isArray(value)) {
      out.allOf = value.map((item) => prepare(item, true))
    } else if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, prepare(schema)]),
      )
    } else {
      out[key] = prepare(value)
    }
  }
  const open = 'additionalProperties' in node || 'unevaluatedProperties' in node
  if ('properties' in node && !inAllOf && !open) out.additionalProperties = false
  return out
}

interface Contract {
  document: JsonObject
  ajv: Ajv2020
  validators: Map<string, ValidateFunction>
}

let loaded: Contract | undefined

function contract(): Contract {
  if (loaded) return loaded
  const text = readFileSync(new URL(`../../${CONTRACT_FILE}`, import.meta.url), 'utf8')
  const document = parse(text) as JsonObject
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false })
  addFormats(ajv)
  ajv.addFormat('binary', true)
  ajv.addVocabulary(['x-ours', 'example'])
  const components = isObject(document.components) ? document.components : {}
  ajv.addSchema({ $id: BASE, $defs: prepare(components.schemas ?? {}) })
  loaded = { document, ajv, validators: new Map() }
  return loaded
}

/** A `$ref` to `components.schemas[name]`; throws when the contract has no such schema. */
function componentRef(document: JsonObject, name: string): JsonObject {
  const schemas = isObject(document.components) ? document.components.schemas : undefined
  if (!isObject(schemas) || !Object.hasOwn(schemas, name)) {
    throw new Error(`${CONTRACT_FILE} has no schema ${name}`)
  }
  return { $ref: `#/components/schemas/${name}` }
}

/** Follows a local `$ref` (`#/components/responses/X`, `#/components/headers/Y`). */
function resolve(document: JsonObject, node: unknown): unknown {
  if (!isObject(node) || typeof node.$ref !== 'string') return node
  const pointer = node.$ref.replace(/^#\//, '').split('/')
  let target: unknown = document
  for (const part of pointer) {
    target = isObject(target) ? target[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined
  }
  if (target === undefined) throw new Error(`${CONTRACT_FILE}: unresolved $ref ${node.$ref}`)
  return resolve(document, target)
}

function validator(key: string, schema: unknown): ValidateFunction {
  const { ajv, validators } = contract()
  let validate = validators.get(key)
  if (!validate) {
    validate = ajv.compile(prepare(schema) as JsonObject)
    validators.set(key, validate)
  }
  return validate
}

/**
 * A `oneOf` of `const`s (how the contract lists codes with their meanings) fails with one error
 * per branch; this folds them into one line naming the allowed values.
 */
function foldConstChoices(errors: ErrorObject[]): ErrorObject[] {
  const choices = new Map<string, unknown[]>()
  for (const error of errors) {
    if (error.keyword === 'const' && /\/oneOf\/\d+\/const$/.test(error.schemaPath)) {
      const list = choices.get(error.instancePath) ?? []
      list.push(error.params.allowedValue)
      choices.set(error.instancePath, list)
    }
  }
  return errors.flatMap((error) => {
    const allowed = choices.get(error.instancePath)
    if (!allowed) return [error]
    if (error.keyword === 'const' && /\/oneOf\/\d+\/const$/.test(error.schemaPath)) return []
    if (error.keyword !== 'oneOf') return [error]
    return [
      { ...error, keyword: 'enum', message: 'must be one of', params: { allowedValues: allowed } },
    ]
  })
}

function describeErrors(where: string, errors: ErrorObject[] | null | undefined): string[] {
  const lines = foldConstChoices(errors ?? []).map((error) => {
    const at = `${where}${error.instancePath}`
    const detail =
      error.keyword === 'additionalProperties'
        ? ` (undocumented: ${JSON.stringify(error.params.additionalProperty)})`
        : error.keyword === 'const'
          ? ` (${JSON.stringify(error.params.allowedValue)})`
          : error.keyword === 'enum'
            ? ` (${JSON.stringify(error.params.allowedValues)})`
            : ''
    return `${at} ${error.message ?? 'is invalid'}${detail}`
  })
  return [...new Set(lines)]
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
export function schemaViolations(name: string, value: unknown): string[] {
  const validate = validator(`schema ${name}`, componentRef(contract().document, name))
  return validate(value) ? [] : describeErrors(name, validate.errors)
}

/** Fails the test, listing every violation, when `value` breaks `components.schemas[name]`. */
export function expectMatchesSchema(name: string, value: unknown): void {
  const violations = schemaViolations(name, value)
  if (violations.length > 0) {
    throw new Error(
      `Value does not match ${CONTRACT_FILE} schema ${name}:\n` +
        violations.map((line) => `  - ${line}`).join('\n'),
    )
  }
}
