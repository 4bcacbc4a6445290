/*
 * What a reader would make of a PDF, from its cross-reference (xref.ts): whether it is whole,
 * whether it needs a password, and its page count when the file states one that holds up.
 * Loaded as a chunk of its own on the first PDF picked.
 */
import { passwordNeeded } from './security.ts'
import { isDict, isInteger, isName, type PdfDict, type PdfValue } from './syntax.ts'
import {
  PdfBytes,
  readCrossReference,
  reconstructCrossReference,
  type PdfDocument,
} from './xref.ts'

export interface PdfFacts {
  /** The cross-reference resolves to a catalog: readers open the file as it is. */
  resolves: boolean
  /** A linearized file shorter than its own stated length: cut off in transfer. */
  truncated: boolean
  /** `none`, `owner` (restrictions only: opens without a password) or `password`. */
  encryption: 'none' | 'owner' | 'password' | 'unknown'
  /** The page count, or `null` when it cannot be known for sure. */
  pages: number | null
}

/** More pages than any document a person uploads: a count past it is taken for damage. */
export const MAX_PLAUSIBLE_PAGES = 50_000
/** How many of the page tree root's kids are read to check its count. */
const KIDS_CHECKED = 32

const latin1 = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes)

/** The linearization dictionary's `/L` (file length) and `/N` (pages), when the head has one. */
export function linearization(head: Uint8Array): { length: number; pages: number } | null {
  const text = latin1(head.subarray(0, 1024))
  const dict = /<<[^>]*\/Linearized\s[^>]*>>/.exec(text)?.[0]
  if (!dict) return null
  const length = /\/L\s+(\d+)/.exec(dict)?.[1]
  const pages = /\/N\s+(\d+)/.exec(dict)?.[1]
  return length && pages ? { length: Number(length), pages: Number(pages) } : null
}

const plausible = (count: PdfValue | undefined): count is number =>
  isInteger(count) && count >= 1 && count <= MAX_PLAUSIBLE_PAGES

/**
 * The page tree root's `/Count`, checked against its kids: each kid a page (1) or a subtree (its
 * own `/Count`), adding up to the root's. `null` on any doubt.
 */
async function checkedPageCount(document: PdfDocument, root: PdfDict): Promise<number | null> {
  const pages = await document.resolve(root.get('Pages'))
  if (!isDict(pages)) return null
  const count = await document.resolve(pages.get('Count'))
  const kids = await document.resolve(pages.get('Kids'))
  if (!plausible(count) || !Array.isArray(kids) || kids.length === 0 || kids.length > count) {
    return null
  }
  const checked = await Promise.all(
    kids.slice(0, KIDS_CHECKED).map(async (kid) => {
      const node = await document.resolve(kid)
      if (!isDict(node)) return null
      const type = node.get('Type')
      if (isName(type, 'Pages') || (!isName(type, 'Page') && node.has('Kids'))) {
        const sub = await document.resolve(node.get('Count'))
        return plausible(sub) ? sub : null
      }
      return 1
    }),
  )
  if (checked.some((value) => value === null)) return null
  const sum = (checked as number[]).reduce((total, value) => total + value, 0)
  if (kids.length <= KIDS_CHECKED ? sum !== count : sum > count) return null
  return count
}

/** The page count of a file whose cross-reference is broken, from its objects found by a scan. */
async function reconstructedPageCount(bytes: PdfBytes): Promise<number | null> {
  try {
    const document = await reconstructCrossReference(bytes)
    const root = document ? await document.resolve(document.trailerEntry('Root')) : undefined
    return document && isDict(root) ? await checkedPageCount(document, root) : null
  } catch {
    return null
  }
}

/** Reads what `PdfFacts` says of a PDF whose header starts at `headerOffset`. */
export async function inspectPdf(
  file: Blob,
  head: Uint8Array,
  headerOffset: number,
): Promise<PdfFacts> {
  const bytes = new PdfBytes(file)
  const linear = linearization(head.subarray(headerOffset))
  const truncated = linear !== null && linear.length > file.size
  let document: PdfDocument | null = null
  try {
    document = await readCrossReference(bytes, headerOffset)
  } catch {
    document = null
  }
  if (!document) {
    let pages =
      linear && !truncated && linear.length === file.size && plausible(linear.pages)
        ? linear.pages
        : null
    if (pages === null && !truncated) pages = await reconstructedPageCount(bytes)
    return { resolves: false, truncated, encryption: 'unknown', pages }
  }
  let encryption: PdfFacts['encryption'] = 'none'
  let pages: number | null = null
  try {
    const encrypt = await document.resolve(document.trailerEntry('Encrypt'))
    const ids = await document.resolve(document.trailerEntry('ID'))
    const firstId = Array.isArray(ids) && ids[0] instanceof Uint8Array ? ids[0] : null
    encryption = await passwordNeeded(encrypt, firstId)
  } catch {
    encryption = 'unknown'
  }
  try {
    const root = await document.resolve(document.trailerEntry('Root'))
    pages = isDict(root) ? await checkedPageCount(document, root) : null
  } catch {
    pages = null
  }
  // A linearized file saved once more keeps its first /N: the two must agree.
  if (linear && pages !== null && linear.length === file.size && linear.pages !== pages) {
    pages = null
  }
  return { resolves: true, truncated, encryption, pages }
}
