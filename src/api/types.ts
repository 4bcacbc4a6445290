import type { DocumentStatus } from '../core/status.ts'

/** One entry of a customer's `kyc` array. */
export interface KycItem {
  /** `document` is uploaded as a file; `data` is a field corrected elsewhere. */
  kind: 'document' | 'data' | (string & {})
  /** Document type key (`ccmei`, `selfie`, `cnh`, …); an open set. */
  type: string
  /** The provider's human label, e.g. "Certificado MEI". */
  description?: string | null
  /** Review status; missing or unknown values are derived (see `documentStatusOf`). */
  status?: DocumentStatus | (string & {}) | null
  /** The reviewer's feedback, present when rejected. */
  message?: string | null
  /** ISO timestamp of the latest upload. */
  uploaded_at?: string | null
}

export type CustomerStatus = 'pending_kyc' | 'under_review' | 'active'

/** The customer as the provider returns it. Through the proxy only `id`, `status` and `kyc` remain. */
export interface Customer {
  id: string
  status: CustomerStatus | (string & {})
  kyc: KycItem[]
  cpf?: string
  cnpj?: string | null
  name?: string
  email?: string
  phone?: string
  trading_name?: string | null
  external_id?: string | null
  created_at?: string
  updated_at?: string
}

/** The 201 answer of `POST /customers/{id}/documents`. */
export interface KycDocument {
  id: string
  type: string
  status: Exclude<DocumentStatus, 'pending'>
  uploaded_at: string
  created_at: string
  updated_at: string
}

/** A field-level error inside a problem. */
export interface ProblemFieldError {
  param: string
  detail: string
  code?: string
}

/** RFC 9457 problem details, as every error of the API is sent. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  code?: string
  param?: string
  errors?: ProblemFieldError[]
}
