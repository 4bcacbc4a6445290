import { useEffect, useState } from 'react'

export interface QrCodeProps {
  /** What the code holds (the link). */
  text: string
  /** Its alternative text. */
  label: string
}

/**
 * A QR code drawn as SVG (attributes only, no inline style, so a strict CSP holds). The encoder is
 * imported when the code is first shown; until then the same box holds the room.
 */
export function QrCode({ text, label }: QrCodeProps) {
  const [shape, setShape] = useState<{ text: string; size: number; d: string } | null>(null)
  useEffect(() => {
    let live = true
    import('./qr-path.ts').then(
      ({ qrPath }) => live && setShape({ text, ...qrPath(text) }),
      () => {}, // the link below still works without its picture
    )
    return () => {
      live = false
    }
  }, [text])
  if (shape === null || shape.text !== text) {
    return <div className="kyc-handoff__qr" data-state="loading" />
  }
  return (
    <svg
      className="kyc-handoff__qr"
      data-state="ready"
      viewBox={`0 0 ${shape.size} ${shape.size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={shape.size} height={shape.size} fill="#fff" />
      <path d={shape.d} fill="#000" />
    </svg>
  )
}
