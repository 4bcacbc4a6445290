// openapi/kyc-api.yaml loaded once and compiled for validation: component schemas registered with
// ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses), objects closed, local refs followed, errors
// turned into readable lines. `openapi.ts` builds the response checks on it.
import { readFileSync } from 'node:fs'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { parse } from 'yaml'

/** Where the contract lives, relative to the repository root. */
export const CONTRACT_FILE = 'openapi/kyc-api.yaml'

export type JsonObject = { [key: string]: unknown }

const BASE = 'https://kyc-uploader.invalid/openapi'

export function isObject(value: unknown): value is JsonObject {
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

/** The parsed contract and its compiled validators, loaded on first use. */
export function contract(): Contract {
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
export function componentRef(document: JsonObject, name: string): JsonObject {
  const schemas = isObject(document.components) ? document.components.schemas : undefined
  if (!isObject(schemas) || !Object.hasOwn(schemas, name)) {
    throw new Error(`${CONTRACT_FILE} has no schema ${name}`)
  }
  return { $ref: `#/components/schemas/${name}` }
}

/** Follows a local `$ref` (`#/components/responses/X`, `#/components/headers/Y`). */
export function resolve(document: JsonObject, node: unknown): unknown {
  if (!isObject(node) || typeof node.$ref !== 'string') return node
  const pointer = node.$ref.replace(/^#\//, '').split('/')
  let target: unknown = document
  for (const part of pointer) {
    target = isObject(target) ? target[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined
  }
  if (target === undefined) throw new Error(`${CONTRACT_FILE}: unresolved $ref ${node.$ref}`)
  return resolve(document, target)
}

/** Compiles `schema` (closed, refs into the contract) once per `key`. */
export function validator(key: string, schema: unknown): ValidateFunction {
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

/** The validator's errors as lines such as `body/id must match pattern "…"`. */
export function describeErrors(where: string, errors: ErrorObject[] | null | undefined): string[] {
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
