import type { DocumentKind } from './signature.ts'

/** What a document type accepts, and how a phone's camera is opened for it. */
export interface DocumentFormats {
  /** The kinds of file accepted. */
  kinds: readonly DocumentKind[]
  /** The file input's `accept`: MIME types and extensions. */
  accept: string
  /** Only photos: the hint and the refusal say so. */
  photoOnly: boolean
  /** The take-a-photo input's `capture`: the front camera for a face, else the back one. */
  capture: 'user' | 'environment'
  /** The live viewfinder's outline: an ID-1 card, an A4 page, or an oval for a face. */
  outline: 'card' | 'page' | 'face'
}

const ANY_DOCUMENT: DocumentFormats = {
  kinds: ['pdf', 'jpeg', 'png'],
  accept: 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png',
  photoOnly: false,
  capture: 'environment',
  outline: 'page',
}

/** Identity cards and driving licences: ID-1 (85.6 × 54 mm). */
const CARD: DocumentFormats = { ...ANY_DOCUMENT, outline: 'card' }

const PHOTO: DocumentFormats = {
  kinds: ['jpeg', 'png'],
  accept: 'image/jpeg,image/png,.jpg,.jpeg,.png',
  photoOnly: true,
  capture: 'user',
  outline: 'face',
}

/**
 * Document types whose file must be a photo. Every other type, including the ones we do not
 * know, takes a PDF too (many documents, the CCMEI or a proof of address, are PDFs already).
 */
const FORMATS_BY_TYPE: Readonly<Record<string, DocumentFormats>> = {
  selfie: PHOTO,
  cnh: CARD,
  identity_card_front: CARD,
  identity_card_back: CARD,
}

/** The formats a document type accepts (`kyc[].type`). */
export function formatsFor(type: string): DocumentFormats {
  return Object.hasOwn(FORMATS_BY_TYPE, type)
    ? (FORMATS_BY_TYPE[type] ?? ANY_DOCUMENT)
    : ANY_DOCUMENT
}
