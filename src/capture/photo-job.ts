import type { QualityWarning } from '../core/upload-machine.ts'
import type { PhotoStats } from './quality.ts'

/** What the page asks of the photo worker. */
export interface PhotoJob {
  id: number
  file: Blob
  /** `jpeg` photos are downscaled; a PNG (a screenshot) is only checked. */
  kind: 'jpeg' | 'png'
  normalize: boolean
  checkQuality: boolean
  /** Long edge, in pixels, of a downscaled photo. */
  maxEdge: number
  /** JPEG quality of a downscaled photo, 0-1. */
  quality: number
  /** A JPEG over this many bytes is re-encoded even when its long edge is within `maxEdge`. */
  maxBytes: number
}

/** What the worker answers: the file to send (`null`: the original) and what the checks found. */
export type PhotoOutcome =
  | {
      id: number
      ok: true
      file: Blob | null
      warnings: QualityWarning[]
      stats: PhotoStats | null
      /** Milliseconds the worker spent, decoding included. */
      ms: number
    }
  | { id: number; ok: false; error: string }
