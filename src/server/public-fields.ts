import type { Customer, KycDocument, KycItem } from '../api/types.ts'

/** What the browser gets of a customer: no CPF, CNPJ, name, email, phone or anything else. */
export type PublicCustomer = Pick<Customer, 'id' | 'status' | 'kyc'>

const KYC_ITEM_FIELDS = ['kind', 'type', 'description', 'status', 'message', 'uploaded_at'] as const
const DOCUMENT_FIELDS = ['id', 'type', 'status', 'uploaded_at', 'created_at', 'updated_at'] as const

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Copies only the named fields, and only when they hold a string or null. */
function pickText(record: Record<string, unknown>, fields: readonly string[]) {
  const picked: Record<string, string | null> = {}
  for (const field of fields) {
    const value = record[field]
    if (typeof value === 'string' || value === null) picked[field] = value
  }
  return picked
}

/**
 * The customer reduced to an allow-list: `id`, `status` and each `kyc` item's review fields. An
 * allow-list, not a deny-list, so a field the provider adds tomorrow stays on the server too.
 * `null` when the provider's answer is not a customer.
 */
export function pickPublicCustomer(body: unknown): PublicCustomer | null {
  if (!isRecord(body) || typeof body.id !== 'string' || typeof body.status !== 'string') {
    return null
  }
  if (!Array.isArray(body.kyc)) return null
  const kyc = body.kyc
    .filter(isRecord)
    .map((item) => pickText(item, KYC_ITEM_FIELDS) as unknown as KycItem)
  return { id: body.id, status: body.status, kyc }
}

/** The upload's 201 answer reduced to the documented fields; `null` when it is not one. */
export function pickPublicDocument(body: unknown): KycDocument | null {
  if (!isRecord(body) || typeof body.id !== 'string') return null
  return pickText(body, DOCUMENT_FIELDS) as unknown as KycDocument
}
