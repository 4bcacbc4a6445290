import {
  CONTENT_TYPE_OF,
  HEAD_LENGTH,
  JPEG_METADATA_LENGTH,
  TAIL_LENGTH,
  TRAILER_LENGTH,
  detectFileKind,
  endsJpegImage,
  hasCompleteEnding,
  hasSamsungTrailer,
  isBrowserJpeg,
  isDocumentKind,
  isEncryptedPdf,
  jpegFrame,
  motionPhotoVideoLength,
  pdfHeaderOffset,
  pdfTrailerOffsets,
  pngSize,
  type DocumentKind,
} from './signature.ts'
import { DEFAULT_MAX_FILE_SIZE, PHOTO_MAX_BYTES, PHOTO_MAX_PIXELS } from './limits.ts'

/**
 * The closed set of reasons a file is refused before anything is sent, as values to compare
 * with (`error.code === ValidationCode.FileTooLarge`), like react-dropzone's `ErrorCode`.
 */
export const ValidationCode = {
  FileEmpty: 'file_empty',
  FileTooLarge: 'file_too_large',
  /** A HEIC, HEIF or AVIF photo (the iPhone's default format). */
  FileHeic: 'file_heic',
  FileTypeUnsupported: 'file_type_unsupported',
  /** A document that takes photos only (the selfie) was given a PDF. */
  FilePhotoRequired: 'file_photo_required',
  /** The bytes are not what the name and type say (an executable named `.pdf`). */
  FileDisguised: 'file_disguised',
  /** Cut short or damaged: its last bytes are not those of its kind. */
  FileCorrupt: 'file_corrupt',
  /** A password-protected PDF (one with an owner password only opens without one, and is taken). */
  FileEncrypted: 'file_encrypted',
  /** A JPEG or PNG no browser decodes (JPEG-LS, 12-bit, lossless, damaged): export it as JPEG. */
  ImageUndecodable: 'image_undecodable',
  /** A photo with more pixels than the photo step will decode on a phone (`PHOTO_MAX_PIXELS`). */
  ImageTooLarge: 'image_too_large',
  FileUnreadable: 'file_unreadable',
  TooManyFiles: 'too_many_files',
} as const

/** One of `ValidationCode`'s values. */
export type ValidationCode = (typeof ValidationCode)[keyof typeof ValidationCode]

export interface ValidationFailure {
  ok: false
  code: ValidationCode
  /** Values for the message template, e.g. `{ name, max }`. */
  params: Record<string, string | number>
}

export interface ValidationSuccess {
  ok: true
  kind: DocumentKind
  /** The content type to send: decided by the bytes, not by the name. */
  contentType: string
  /** A PDF's page count when its cross-reference states one that holds up, else `null`. */
  pages: number | null
  /**
   * A photo over `maxFileSize` (within `PHOTO_MAX_BYTES`) that the photo step must bring under it:
   * what is sent is held against the limit, not what was picked.
   */
  oversized: boolean
  /** The name to send when the file's own names another format (`IMG_1.HEIC` holding a JPEG). */
  fileName: string
}

export type ValidationResult = ValidationSuccess | ValidationFailure

/** The part of a browser `File` the checks need; a `Blob` with a name is enough. */
export interface NamedBlob extends Blob {
  readonly name: string
}

export interface ValidateOptions {
  /** Largest accepted size in bytes. Default: 10 MiB. */
  maxFileSize?: number
  /** The kinds this document takes (`formatsFor(type).kinds`). Default: PDF, JPEG and PNG. */
  kinds?: readonly DocumentKind[]
  /**
   * Photos over `maxFileSize` are taken for a photo step to shrink (up to `PHOTO_MAX_BYTES` and
   * `PHOTO_MAX_PIXELS`); without one they are refused like any file. Default: `false`.
   */
  shrinksPhotos?: boolean
}

// Whole names only: pdf, jpg, jpeg, jpe, png.
const ALLOWED_EXTENSION = /^(pdf|jpe?g|jpe|png)$/
// application/pdf, application/x-pdf, image/jpeg, image/jpg, image/pjpeg, image/png, image/x-png.
const ALLOWED_MIME_TYPE = /^(application\/(x-)?pdf|image\/(jpe?g|pjpeg|(x-)?png))$/
// heic, heif, hif, avif; image/heic, image/heif, image/avif and their -sequence forms.
const HEIC_EXTENSION = /^(hei[cf]|hif|avif)$/
const HEIC_MIME = /^image\/(heic|heif|avif)(-sequence)?$/

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

// Every browser the package runs in (it needs Object.hasOwn and AbortSignal.any) has
// Blob#arrayBuffer; jsdom does not, and the tests that run validation there shim it
// (core/testing/jsdomBlob.ts).
async function readBytes(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer())
}

function fail(code: ValidationCode, file: NamedBlob, extra: Record<string, string | number> = {}) {
  return { ok: false as const, code, params: { name: file.name, ...extra } }
}

function claimsHeic(extension: string, mime: string): boolean {
  return HEIC_EXTENSION.test(extension) || HEIC_MIME.test(mime)
}

const EXTENSION_OF: Record<DocumentKind, string> = { pdf: 'pdf', jpeg: 'jpg', png: 'png' }

/** The file's name with the extension of what it holds, when its own names a HEIC. */
function nameFor(name: string, extension: string, kind: DocumentKind): string {
  if (!HEIC_EXTENSION.test(extension)) return name
  return `${name.slice(0, name.length - extension.length)}${EXTENSION_OF[kind]}`
}

/**
 * Decides whether a file may be sent as a KYC document: PDF, JPEG or PNG by its signature, with
 * a MIME type and extension that do not claim another document format, not empty, under the size
 * limit (a photo: after the photo step, see `shrinksPhotos`), complete, not password-protected,
 * and an image a browser decodes. Reads the first `HEAD_LENGTH` and last `TAIL_LENGTH` bytes; for
 * a PDF, its cross-reference and the few objects it names (`pdf/inspect.ts`, a chunk loaded on
 * the first PDF, within a read budget); for a JPEG whose frame header follows long metadata, or
 * that does not end with its image (a motion photo), its first `JPEG_METADATA_LENGTH` bytes;
 * never the whole file.
 */
export async function validateDocumentFile(
  file: NamedBlob,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE
  if (file.size === 0) return fail('file_empty', file)
  const photoBound = options.shrinksPhotos ? Math.max(maxFileSize, PHOTO_MAX_BYTES) : maxFileSize
  // Past what even a photo may weigh, refused at once, without reading a byte.
  if (file.size > photoBound) return fail('file_too_large', file, { max: maxFileSize })

  const extension = extensionOf(file.name)
  // "application/octet-stream" is what some pickers (Android content providers, cloud drives)
  // report when they do not know: like an empty type, it claims nothing and the bytes decide.
  const reported = file.type.toLowerCase()
  const mime = reported === 'application/octet-stream' ? '' : reported

  try {
    const result = await checkBytes(file, extension, mime, options.kinds)
    if (!result.ok || file.size <= maxFileSize) return result
    // Over the limit: only a photo the photo step will shrink goes on.
    if (result.kind === 'pdf') return fail('file_too_large', file, { max: maxFileSize })
    return { ...result, oversized: true }
  } catch {
    return fail('file_unreadable', file)
  }
}

/** The checks that read the file; a failed read throws (`file_unreadable`). */
async function checkBytes(
  file: NamedBlob,
  extension: string,
  mime: string,
  kinds: readonly DocumentKind[] = ['pdf', 'jpeg', 'png'],
): Promise<ValidationResult> {
  // Both ends at once: each read of a picked file is a round trip to the browser's file store
  // (20-40 ms in Chromium), and they are most of the time between choosing a file and sending it.
  const [head, tail] = await Promise.all([
    readBytes(file, 0, HEAD_LENGTH),
    readBytes(file, Math.max(0, file.size - TAIL_LENGTH), file.size),
  ])
  const kind = detectFileKind(head)

  if (kind === 'heic' || (!isDocumentKind(kind) && claimsHeic(extension, mime))) {
    return fail('file_heic', file)
  }
  // A file is named by what it holds: a JPEG called .HEIC (a phone's export) is a JPEG.
  const heicName = isDocumentKind(kind) && claimsHeic(extension, mime)
  const nameAllowed = extension === '' || ALLOWED_EXTENSION.test(extension) || heicName
  const mimeAllowed = mime === '' || ALLOWED_MIME_TYPE.test(mime) || heicName
  if (!nameAllowed || !mimeAllowed) return fail('file_type_unsupported', file)
  if (!isDocumentKind(kind)) {
    // The name or the MIME type promised a document the bytes do not hold.
    return extension === '' && mime === ''
      ? fail('file_type_unsupported', file)
      : fail('file_disguised', file)
  }
  if (!kinds.includes(kind)) return fail('file_photo_required', file)
  const success = (pages: number | null): ValidationSuccess => ({
    ok: true,
    kind,
    contentType: CONTENT_TYPE_OF[kind],
    pages,
    oversized: false,
    fileName: nameFor(file.name, extension, kind),
  })
  if (kind === 'pdf') return checkPdf(file, head, tail, success)
  const image = await checkImage(file, kind, head)
  if (image) return image
  const complete =
    hasCompleteEnding(kind, tail) || (kind === 'jpeg' && (await isWholeMotionPhoto(file, tail)))
  if (!complete) return fail('file_corrupt', file)
  return success(null)
}

/** A JPEG or PNG no browser decodes, or one too big to decode on a phone; `null` when fine. */
async function checkImage(
  file: NamedBlob,
  kind: 'jpeg' | 'png',
  head: Uint8Array,
): Promise<ValidationFailure | null> {
  let size: { width: number; height: number } | null
  if (kind === 'png') size = pngSize(head)
  else {
    const frame =
      jpegFrame(head) ??
      (file.size > head.length ? jpegFrame(await readBytes(file, 0, JPEG_METADATA_LENGTH)) : null)
    if (frame && !isBrowserJpeg(frame)) return fail('image_undecodable', file)
    // A frame header past the metadata read: the photo step's decoder has the last word.
    if (!frame) return null
    size = frame
  }
  if (!size || size.width === 0 || size.height === 0) return fail('image_undecodable', file)
  const megapixels = (size.width * size.height) / 1e6
  if (megapixels > PHOTO_MAX_PIXELS / 1e6) {
    return fail('image_too_large', file, {
      megapixels: Math.round(megapixels),
      maxMegapixels: PHOTO_MAX_PIXELS / 1e6,
    })
  }
  return null
}

/** What readers make of a PDF: whole, openable without a password, and its page count. */
async function checkPdf(
  file: NamedBlob,
  head: Uint8Array,
  tail: Uint8Array,
  success: (pages: number | null) => ValidationSuccess,
): Promise<ValidationResult> {
  const { inspectPdf } = await import('./pdf/inspect.ts')
  const facts = await inspectPdf(file, head, Math.max(0, pdfHeaderOffset(head)))
  // A cross-reference that resolves is a whole file, whatever follows it; without one, readers
  // rebuild it when the file at least ends like a PDF.
  const complete = !facts.truncated && (facts.resolves || hasCompleteEnding('pdf', tail))
  if (!complete) return fail('file_corrupt', file)
  const encrypted =
    facts.encryption === 'unknown'
      ? await isPasswordProtected(file, head, tail)
      : facts.encryption === 'password'
  if (encrypted) return fail('file_encrypted', file)
  return success(facts.pages)
}

/**
 * Phones save "motion photos" as a JPEG followed by a short video, so the file does not end with
 * the image's end marker. Google's say in their metadata how long the video is, which tells where
 * the image must end; Samsung's end with their own trailer.
 */
async function isWholeMotionPhoto(file: Blob, tail: Uint8Array): Promise<boolean> {
  if (hasSamsungTrailer(tail)) return true
  const videoLength = motionPhotoVideoLength(await readBytes(file, 0, JPEG_METADATA_LENGTH))
  if (videoLength === undefined || videoLength <= 0 || videoLength >= file.size) return false
  const imageEnd = file.size - videoLength
  return endsJpegImage(await readBytes(file, Math.max(0, imageEnd - 64), imageEnd))
}

async function isPasswordProtected(file: Blob, head: Uint8Array, tail: Uint8Array) {
  if (isEncryptedPdf(head) || isEncryptedPdf(tail)) return true
  const trailers = await Promise.all(
    pdfTrailerOffsets(head, tail, file.size).map((offset) =>
      readBytes(file, offset, offset + TRAILER_LENGTH),
    ),
  )
  return trailers.some(isEncryptedPdf)
}
