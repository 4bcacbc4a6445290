import { useCallback, useEffect, useState } from 'react'
import {
  readSentFiles,
  rememberSentFile,
  type KeyValueStorage,
  type SentFiles,
} from '../core/sent-files.ts'

const NONE: SentFiles = {}

function tabStorage(): KeyValueStorage | null {
  try {
    return globalThis.sessionStorage ?? null
  } catch {
    // A sandboxed frame or blocked storage throws on access.
    return null
  }
}

/**
 * The files this tab sent for one customer (`core/sent-files.ts`), kept in `sessionStorage`
 * under `key`; `null` keeps nothing. Read after mounting, so a server render and its hydration
 * agree.
 */
export function useSentFiles(key: string | null): {
  sentFiles: SentFiles
  rememberSent: (type: string, uploadedAt: string, name: string) => void
} {
  const [sentFiles, setSentFiles] = useState(NONE)
  useEffect(() => setSentFiles(key ? readSentFiles(tabStorage(), key) : NONE), [key])
  const rememberSent = useCallback(
    (type: string, uploadedAt: string, name: string) => {
      if (key) setSentFiles(rememberSentFile(tabStorage(), key, type, uploadedAt, name))
    },
    [key],
  )
  return { sentFiles, rememberSent }
}
