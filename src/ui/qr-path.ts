// The QR encoder (`uqr`) and its SVG path: part of the HandoffSheet chunk, imported when "continue
// on the phone" is pressed, never part of the widget's entry.
import { encode } from 'uqr'

/** A QR code as one SVG path of unit squares on a `size` × `size` grid (quiet zone included). */
export function qrPath(text: string): { size: number; d: string } {
  const { data } = encode(text, { ecc: 'M', border: 2 })
  let d = ''
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`
    }),
  )
  return { size: data.length, d }
}
