import { createHash } from 'node:crypto'
import { SIGNATURE_LENGTH, TAIL_LENGTH } from '../core/signature.ts'
import { concatBytes, MultipartError, type PartSink } from '../core/multipart.ts'

/** The file part grew past the size limit; parsing stops at once. */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError'
}

/**
 * Takes in a file part as it streams: counts and hashes it, keeps its first and last bytes for the
 * signature and completeness checks, and refuses it the moment it passes `maxSize`.
 */
export class ReceivedFile implements PartSink {
  readonly fileName: string
  readonly declaredType: string | null
  size = 0
  head: Uint8Array = new Uint8Array(0)
  tail: Uint8Array = new Uint8Array(0)
  sha256 = ''
  readonly #hash = createHash('sha256')
  readonly #maxSize: number

  constructor(fileName: string, declaredType: string | null, maxSize: number) {
    this.fileName = fileName
    this.declaredType = declaredType
    this.#maxSize = maxSize
  }

  write(chunk: Uint8Array): void {
    this.size += chunk.length
    if (this.size > this.#maxSize) throw new FileTooLargeError()
    this.#hash.update(chunk)
    if (this.head.length < SIGNATURE_LENGTH) {
      this.head = concatBytes(this.head, chunk.subarray(0, SIGNATURE_LENGTH - this.head.length))
    }
    this.tail = lastBytes(concatBytes(this.tail, chunk.subarray(-TAIL_LENGTH)), TAIL_LENGTH)
  }

  end(): void {
    this.sha256 = this.#hash.digest('hex')
  }
}

/** Takes in a short text field, refusing anything longer than `maxBytes`. */
export class ReceivedText implements PartSink {
  readonly #name: string
  readonly #maxBytes: number
  #bytes: Uint8Array = new Uint8Array(0)
  value = ''

  constructor(name: string, maxBytes: number) {
    this.#name = name
    this.#maxBytes = maxBytes
  }

  write(chunk: Uint8Array): void {
    if (this.#bytes.length + chunk.length > this.#maxBytes) {
      throw new MultipartError(`The ${this.#name} field is too long.`, this.#name)
    }
    this.#bytes = concatBytes(this.#bytes, chunk)
  }

  end(): void {
    this.value = new TextDecoder().decode(this.#bytes).trim()
  }
}

function lastBytes(bytes: Uint8Array, count: number): Uint8Array {
  return bytes.length <= count ? bytes : bytes.slice(bytes.length - count)
}
