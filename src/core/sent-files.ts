/*
 * The names of the files this browser sent, per customer, so that a card still says
 * "Enviado: rg.pdf" after a reload. The provider keeps no file name, so only the browser that
 * sent a file can name it. A name counts only while the document's `uploaded_at` is the one its
 * upload was answered with: a later upload (from a phone, say) is never given this browser's name.
 */

/** The part of `Storage` used here (the widget passes `sessionStorage`: a tab's life, no longer). */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/** Document type -> `[uploaded_at, file name]` of the latest file this browser sent for it. */
export type SentFiles = Readonly<Record<string, readonly [string, string]>>

/** What `storage` holds under `key`; anything unreadable or malformed counts as nothing. */
export function readSentFiles(storage: KeyValueStorage | null, key: string): SentFiles {
  try {
    const stored = JSON.parse(storage?.getItem(key) ?? '{}') as object
    return Object.fromEntries(
      Object.entries(stored).filter(
        ([, sent]) =>
          Array.isArray(sent) &&
          sent.length === 2 &&
          sent.every((part) => typeof part === 'string'),
      ),
    )
  } catch {
    return {}
  }
}

/** Remembers a sent file; a storage that refuses (full, disabled) only loses the name. */
export function rememberSentFile(
  storage: KeyValueStorage | null,
  key: string,
  type: string,
  uploadedAt: string,
  name: string,
): SentFiles {
  const files = { ...readSentFiles(storage, key), [type]: [uploadedAt, name] as const }
  try {
    storage?.setItem(key, JSON.stringify(files))
  } catch {
    // Quota or privacy settings: the page still shows the name until it is left.
  }
  return files
}

/** The name of the file sent for the document's latest upload, if this browser sent it. */
export function sentFileName(
  files: SentFiles,
  type: string,
  uploadedAt: string | null | undefined,
): string | null {
  // A key of Object.prototype (`constructor`) has no `[0]`, so it never matches a timestamp.
  const sent = files[type]
  return sent && uploadedAt && sent[0] === uploadedAt ? sent[1] : null
}
