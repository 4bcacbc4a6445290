import type { Customer, CustomerStatus, KycItem } from '../api/types.ts'
import { documentStatusOf } from '../core/status.ts'
import { isoAt, randomId } from './ids.ts'
import { SCENARIOS, seedCustomer, type ScenarioId } from './scenarios.ts'

/** A document the sandbox accepted, as audits see it. The file's bytes are not kept. */
export interface StoredDocument {
  id: string
  customer_id: string
  type: string
  status: 'submitted' | 'approved' | 'rejected'
  /** The reviewer's message once rejected. */
  message: string | null
  file_name: string
  /** Detected from the bytes, whatever the name or the declared type said. */
  content_type: string
  size: number
  /** Hex SHA-256 of the received bytes, to compare with what the client sent. */
  sha256: string
  /** Whether the file ends like a whole PDF/JPEG/PNG (`%%EOF`, `IEND`, end-of-image). */
  complete: boolean
  idempotency_key: string | null
  uploaded_at: string
  created_at: string
  updated_at: string
}

export type ReviewOutcome = 'approved' | 'rejected'

/** What an upload hands to the store once the whole file arrived and passed every check. */
export interface AcceptedFile {
  fileName: string
  contentType: string
  size: number
  sha256: string
  complete: boolean
  idempotencyKey: string | null
}

/**
 * The customer's status follows its `kyc` items (ours; the provider does not publish the rule):
 * `active` once every item is approved, `pending_kyc` while any item is pending or rejected (the
 * customer has something to do), otherwise `under_review`.
 */
export function customerStatusOf(kyc: readonly KycItem[]): CustomerStatus {
  const statuses = kyc.map(documentStatusOf)
  if (statuses.every((status) => status === 'approved')) return 'active'
  if (statuses.some((status) => status === 'pending' || status === 'rejected')) return 'pending_kyc'
  return 'under_review'
}

/** Types the customer can upload: `document` items other than `biometrics` (a hosted session). */
export function isUploadable(item: KycItem): boolean {
  return item.kind === 'document' && item.type !== 'biometrics'
}

interface CustomerRecord {
  scenario: ScenarioId
  customer: Customer
}

/** Customers and documents, in memory only. Everything handed out is a copy. */
export class SandboxStore {
  readonly #now: () => number
  readonly #customers = new Map<string, CustomerRecord>()
  readonly #documents = new Map<string, StoredDocument>()

  constructor(now: () => number) {
    this.#now = now
    this.resetAll()
  }

  resetAll(): void {
    this.#customers.clear()
    this.#documents.clear()
    for (const scenario of SCENARIOS) {
      const customer = seedCustomer(scenario)
      this.#customers.set(customer.id, { scenario, customer })
    }
  }

  /** Puts one customer back in its scenario's first state and forgets its documents. */
  resetCustomer(customerId: string): boolean {
    const record = this.#customers.get(customerId)
    if (!record) return false
    record.customer = {
      ...seedCustomer(record.scenario),
      id: customerId,
      created_at: record.customer.created_at,
      updated_at: isoAt(this.#now()),
    }
    this.#dropDocuments(customerId)
    return true
  }

  /** Deletes a customer made by `createCustomer` and its documents; seeds stay. */
  forgetCustomer(customerId: string): void {
    const record = this.#customers.get(customerId)
    if (!record || record.customer.id === seedCustomer(record.scenario).id) return
    this.#customers.delete(customerId)
    this.#dropDocuments(customerId)
  }

  #dropDocuments(customerId: string): void {
    for (const [id, document] of this.#documents) {
      if (document.customer_id === customerId) this.#documents.delete(id)
    }
  }

  createCustomer(scenario: ScenarioId): Customer {
    const at = isoAt(this.#now())
    const customer = {
      ...seedCustomer(scenario),
      id: randomId('cust_'),
      created_at: at,
      updated_at: at,
    }
    this.#customers.set(customer.id, { scenario, customer })
    return structuredClone(customer)
  }

  customer(customerId: string): Customer | undefined {
    const record = this.#customers.get(customerId)
    return record ? structuredClone(record.customer) : undefined
  }

  hasCustomer(customerId: string): boolean {
    return this.#customers.has(customerId)
  }

  customers(): Customer[] {
    return Array.from(this.#customers.values(), (record) => structuredClone(record.customer))
  }

  documents(customerId?: string): StoredDocument[] {
    const all = Array.from(this.#documents.values())
    const chosen = customerId === undefined ? all : all.filter((d) => d.customer_id === customerId)
    return chosen.map((document) => ({ ...document }))
  }

  document(documentId: string): StoredDocument | undefined {
    const document = this.#documents.get(documentId)
    return document ? { ...document } : undefined
  }

  /** The customer's kyc item of that type, if the customer may upload it. */
  uploadableItem(customerId: string, type: string): KycItem | undefined {
    const item = this.#customers.get(customerId)?.customer.kyc.find((entry) => entry.type === type)
    return item && isUploadable(item) ? { ...item } : undefined
  }

  /** Stores an accepted upload: the item becomes `submitted`, its message cleared. */
  addDocument(customerId: string, type: string, file: AcceptedFile): StoredDocument {
    const record = this.#customers.get(customerId)
    if (!record) throw new Error(`No customer ${customerId}`)
    const at = isoAt(this.#now())
    const document: StoredDocument = {
      id: randomId('doc_'),
      customer_id: customerId,
      type,
      status: 'submitted',
      message: null,
      file_name: file.fileName,
      content_type: file.contentType,
      size: file.size,
      sha256: file.sha256,
      complete: file.complete,
      idempotency_key: file.idempotencyKey,
      uploaded_at: at,
      created_at: at,
      updated_at: at,
    }
    this.#documents.set(document.id, document)
    this.#updateItem(record.customer, type, { status: 'submitted', message: null, uploaded_at: at })
    return { ...document }
  }

  /**
   * Records a review. Returns the changed customer, or nothing when the document is gone (its
   * customer was reset) or no longer in review.
   */
  review(documentId: string, outcome: ReviewOutcome, message: string | null): Customer | undefined {
    const document = this.#documents.get(documentId)
    if (!document || document.status !== 'submitted') return undefined
    const record = this.#customers.get(document.customer_id)
    if (!record) return undefined
    const at = isoAt(this.#now())
    document.status = outcome
    document.message = outcome === 'rejected' ? message : null
    document.updated_at = at
    this.#updateItem(record.customer, document.type, { status: outcome, message: document.message })
    return structuredClone(record.customer)
  }

  #updateItem(customer: Customer, type: string, change: Partial<KycItem>): void {
    const at = isoAt(this.#now())
    customer.kyc = customer.kyc.map((item) => (item.type === type ? { ...item, ...change } : item))
    customer.status = customerStatusOf(customer.kyc)
    customer.updated_at = at
  }
}
