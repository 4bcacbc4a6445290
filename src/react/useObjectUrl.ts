import { useEffect, useState } from 'react'

/**
 * A `blob:` URL of `blob` for as long as the component shows it, revoked afterwards (a picked
 * photo's thumbnail; a strict CSP allows it with `img-src blob:`). `null` until created.
 */
export function useObjectUrl(blob: Blob | null): string | null {
  const [url, setUrl] = useState<{ blob: Blob; url: string } | null>(null)
  useEffect(() => {
    if (!blob) return
    const created = URL.createObjectURL(blob)
    setUrl({ blob, url: created })
    return () => {
      URL.revokeObjectURL(created)
      setUrl(null)
    }
  }, [blob])
  return url && url.blob === blob ? url.url : null
}
