import type { QualityWarning } from '../core/upload-machine.ts'

/** What the viewfinder tells the person, one at a time (`[data-hint]`). */
export type ViewfinderHint =
  'aim' | 'blurry' | 'dark' | 'bright' | 'glare' | 'far' | 'steady' | 'good'

/** A frame's verdict: the photo checks' warnings and how much it moved since the last one. */
export interface FrameReading {
  warnings: readonly QualityWarning[]
  motion: number
}

/** Mean luminance change per frame (0-255) under which the camera is held still. */
export const STEADY_MOTION = 4
/** Consecutive good and steady frames before the viewfinder says so and may take the photo. */
export const GOOD_FRAMES = 3

const BY_WARNING: Record<QualityWarning, ViewfinderHint> = {
  blurry: 'blurry',
  dark: 'dark',
  bright: 'bright',
  glare: 'glare',
  small: 'far',
}

/** The one hint for the latest frames (newest last), most urgent first. */
export function hintFor(readings: readonly FrameReading[]): ViewfinderHint {
  const latest = readings.at(-1)
  if (!latest) return 'aim'
  const [first] = latest.warnings
  if (first) return BY_WARNING[first]
  if (latest.motion >= STEADY_MOTION) return 'steady'
  const recent = readings.slice(-GOOD_FRAMES)
  const good = recent.every((reading) => reading.warnings.length === 0)
  return recent.length === GOOD_FRAMES && good && recent.every((r) => r.motion < STEADY_MOTION)
    ? 'good'
    : 'steady'
}
