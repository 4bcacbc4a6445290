// The API's types, from openapi/kyc-api.yaml (the single source of truth) via the generated
// `schema.ts`. What the client only passes on (problems, the upload's answer) is the generated type
// itself. What the UI reads from a customer is a tolerant view: open strings where the provider may
// grow new values, optional fields where the proxy sends less. `types.test-d.ts` fails the
// typecheck when these views drift from the generated types.
import type { components } from './generated/schema.ts'
import type { DocumentStatus } from '../core/status.ts'

type Schemas = components['schemas']

/** A known value, or any other string kept as it came (never a crash on a new value). */
type Open<Known extends string> = Known | (string & {})

/** One entry of a customer's `kyc` array, read tolerantly. */
export interface KycItem {
  /** `document` is uploaded as a file; `data` is a field corrected elsewhere. */
  kind: Open<Schemas['KycItem']['kind']>
  /** Document type key (`ccmei`, `selfie`, `cnh`, …); an open set. */
  type: Schemas['KycItem']['type']
  /** The provider's human label, e.g. "Certificado MEI". */
  description?: Schemas['KycItem']['description'] | null
  /** Review status (ours, inferred); missing or unknown values are derived (`documentStatusOf`). */
  status?: Open<DocumentStatus> | null
  /** The reviewer's feedback, present when rejected. */
  message?: Schemas['KycItem']['message']
  /** ISO timestamp of the latest upload. */
  uploaded_at?: Schemas['KycItem']['uploaded_at']
}

export type CustomerStatus = Schemas['CustomerStatus']

/**
 * The customer as the provider returns it (`Customer` in the contract). Through the proxy only
 * `id`, `status` and `kyc` remain (`PublicCustomer`), hence the optional rest.
 */
export interface Customer {
  id: Schemas['Customer']['id']
  status: Open<CustomerStatus>
  kyc: KycItem[]
  cpf?: Schemas['Customer']['cpf']
  cnpj?: Schemas['Customer']['cnpj']
  name?: Schemas['Customer']['name']
  email?: Schemas['Customer']['email']
  phone?: Schemas['Customer']['phone']
  trading_name?: Schemas['Customer']['trading_name']
  external_id?: Schemas['Customer']['external_id']
  created_at?: Schemas['Customer']['created_at']
  updated_at?: Schemas['Customer']['updated_at']
}

/** The 201 answer of `POST /customers/{customer_id}/documents`. */
export type KycDocument = Schemas['KycDocument']

/** A field-level error inside a problem. */
export type ProblemFieldError = Schemas['ProblemFieldError']

/** RFC 9457 problem details, as every error of the API is sent. Branch on `status` and `code`. */
export type Problem = Schemas['Problem']

/** Every problem `code` the contract lists; a server may still send others. */
export type ProblemCode = Schemas['ProblemCode']
