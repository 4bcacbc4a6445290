import type { KycDocument } from '../api/types.ts'
import {
  CONTENT_TYPE_OF,
  detectFileKind,
  hasCompleteEnding,
  isDocumentKind,
} from '../core/signature.ts'
import { clientGone, wait } from './faults.ts'
import { fingerprintOf, type IdempotencyStore } from './idempotency.ts'
import { boundaryFrom, MultipartError, readMultipart } from '../core/multipart.ts'
import { customerNotFound, problemResponse } from './problem.ts'
import { FileTooLargeError, ReceivedFile, ReceivedText } from './received-parts.ts'
import type { SandboxStore, StoredDocument } from './store.ts'

export interface UploadContext {
  store: SandboxStore
  idempotency: IdempotencyStore
  maxFileSize: number
  /** Called once a document is stored: schedule its review, send the webhook. */
  accepted(document: StoredDocument): void
  /** Time taken between reading the body and storing it (a `slow` fault); default none. */
  processingDelayMs?: number
  /** Aborts when the sandbox closes, ending a slow upload's wait. */
  closing?: AbortSignal
}

const MAX_TYPE_BYTES = 256
const MAX_IDEMPOTENCY_KEY_LENGTH = 255

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(2)} MiB` : `${bytes} bytes`
}

/** Reads both fields off the stream; answers early when the body is refused on the way. */
async function readFields(request: Request, boundary: string, maxFileSize: number) {
  let type: ReceivedText | null = null
  let file: ReceivedFile | null = null
  try {
    await readMultipart(request.body, boundary, (part) => {
      if (part.name === 'type' && !type) return (type = new ReceivedText('type', MAX_TYPE_BYTES))
      if (part.name === 'file' && !file) {
        return (file = new ReceivedFile(part.fileName ?? '', part.contentType, maxFileSize))
      }
      const problem = part.name === 'type' || part.name === 'file' ? 'appears twice' : 'is unknown'
      const name = part.name.slice(0, 100)
      throw new MultipartError(
        `The field "${name}" ${problem}; send exactly two fields, type and file.`,
        name,
      )
    })
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      return problemResponse(
        422,
        'file_too_large',
        `The file is larger than ${formatBytes(maxFileSize)}.`,
        // The rest of the body is not read, so the connection cannot carry another request.
        { param: 'file', headers: { connection: 'close' } },
      )
    }
    if (error instanceof MultipartError) {
      return problemResponse(
        400,
        'malformed_body',
        `The multipart body is malformed: ${error.message}`,
        { param: error.param },
      )
    }
    // The stream failed: the client went away mid-upload. Nothing was stored.
    return problemResponse(400, 'malformed_body', 'The body could not be read to its end.')
  }
  return { type: type as ReceivedText | null, file: file as ReceivedFile | null }
}

/**
 * `POST /customers/{id}/documents`. Everything after the body has been read (and a slow fault's
 * wait) runs synchronously, so the idempotency check, the lock check and the store happen as one
 * step.
 */
export async function handleUpload(
  request: Request,
  customerId: string,
  scope: string,
  context: UploadContext,
): Promise<Response> {
  const { store, idempotency } = context
  if (!store.hasCustomer(customerId)) {
    return customerNotFound(customerId)
  }
  const boundary = boundaryFrom(request.headers.get('content-type'))
  if (!boundary) {
    return problemResponse(
      400,
      'invalid_content_type',
      'Send the document as multipart/form-data with a boundary.',
    )
  }
  // An empty key is no key; an overlong one is refused rather than remembered.
  const key = request.headers.get('idempotency-key') || null
  if (key !== null && key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    return problemResponse(
      400,
      'malformed_body',
      `The Idempotency-Key header is longer than ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`,
      { param: 'Idempotency-Key' },
    )
  }

  const fields = await readFields(request, boundary, context.maxFileSize)
  if (fields instanceof Response) return fields
  const { type, file } = fields
  if (context.processingDelayMs) {
    const signals = context.closing ? [request.signal, context.closing] : [request.signal]
    await wait(context.processingDelayMs, signals)
    // The client left while the provider was slow: it is not told of a store, so none happens.
    if (signals.some((signal) => signal.aborted)) return clientGone()
  }

  const typeValue = type?.value ?? ''
  const fingerprint = fingerprintOf({
    customerId,
    type: typeValue,
    fileSha256: file?.sha256 ?? '',
    fileName: file?.fileName ?? '',
  })
  if (key !== null) {
    const found = idempotency.lookup(scope, key, fingerprint)
    if (found.kind === 'replay') return found.response
    if (found.kind === 'reused') {
      return problemResponse(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was used for a different request in the last 24 hours.',
        { param: 'Idempotency-Key' },
      )
    }
  }

  // A form without a chosen file sends an empty part with an empty file name.
  if (!file || (file.size === 0 && file.fileName === '')) {
    return problemResponse(400, 'missing_file', 'The file field is missing.', { param: 'file' })
  }
  if (typeValue === '') {
    // The contract answers a missing field with the provider's 400 codes, naming it in `param`.
    return problemResponse(400, 'malformed_body', 'The type field is missing.', { param: 'type' })
  }
  if (!store.hasCustomer(customerId)) {
    // Reset away while its body was arriving.
    return customerNotFound(customerId)
  }
  const item = store.uploadableItem(customerId, typeValue)
  if (!item) {
    return problemResponse(
      422,
      'invalid_document_type',
      `"${typeValue}" is not a document this customer can upload.`,
      { param: 'type' },
    )
  }
  if (file.size === 0) {
    return problemResponse(422, 'file_empty', 'The file is empty.', { param: 'file' })
  }
  const kind = detectFileKind(file.head)
  if (!isDocumentKind(kind)) {
    return problemResponse(
      422,
      'unsupported_file_type',
      'The file is not a PDF, JPEG or PNG, whatever its name says.',
      { param: 'file' },
    )
  }
  if (item.status === 'submitted' || item.status === 'approved') {
    return problemResponse(
      422,
      'document_locked',
      `The ${typeValue} document is ${item.status === 'approved' ? 'already approved' : 'in review'}; it cannot be replaced now.`,
      { param: 'type' },
    )
  }

  const document = store.addDocument(customerId, typeValue, {
    fileName: file.fileName,
    contentType: CONTENT_TYPE_OF[kind],
    size: file.size,
    sha256: file.sha256,
    complete: hasCompleteEnding(kind, file.tail),
    idempotencyKey: key,
  })
  const body: KycDocument = {
    id: document.id,
    type: document.type,
    status: 'submitted',
    uploaded_at: document.uploaded_at,
    created_at: document.created_at,
    updated_at: document.updated_at,
  }
  const text = JSON.stringify(body)
  if (key !== null) idempotency.remember(scope, key, fingerprint, 201, text)
  context.accepted(document)
  return new Response(text, { status: 201, headers: { 'content-type': 'application/json' } })
}
