import type { QualityWarning } from '../core/upload-machine.ts'
import type { PhotoStats } from './quality.ts'

/** What the page asks of the photo worker. */
export interface PhotoJob {
  id: number
  file: Blob
  /** `jpeg` photos are downscaled; a PNG (a screenshot) is only checked; a HEIC is converted. */
  kind: 'jpeg' | 'png' | 'heic'
  normalize: boolean
  checkQuality: boolean
  /** Long edge, in pixels, of a downscaled photo. */
  maxEdge: number
  /** JPEG quality of a downscaled photo, 0-1. */
  quality: number
  /** A JPEG over this many bytes is re-encoded even when its long edge is within `maxEdge`. */
  maxBytes: number
  /** The selfie: the checks judge a face, not a page of text. */
  face?: boolean
}

/** What the worker answers: the file to send and what the checks found. */
export type PhotoOutcome =
  | {
      id: number
      ok: true
      /** The bytes to send (metadata dropped, maybe re-encoded); `null`: the original as it is. */
      file: Blob | null
      /** The type of `file`: a HEIC or a rotated PNG may come back as another format. */
      contentType: string
      warnings: QualityWarning[]
      stats: PhotoStats | null
      /** Milliseconds the worker spent, decoding included. */
      ms: number
    }
  | {
      id: number
      ok: false
      error: string
      /** The browser cannot decode the image: neither could a reviewer's. */
      undecodable?: boolean
    }

/**
 * A viewfinder frame for the photo worker: the camera's frame itself (a `VideoFrame`,
 * transferred, shrunk in the worker) or, where `VideoFrame` is missing, a small copy made on the
 * main thread; and the camera's own size.
 */
export interface FrameJob {
  id: number
  frame: true
  image: VideoFrame | ImageBitmap
  /** Long edge, in pixels, of the copy the checks read. */
  edge: number
  size: { width: number; height: number }
  face: boolean
  /** The viewfinder's first frame: there is no earlier one to measure the motion against. */
  first: boolean
}

/** What the worker makes of a frame: the photo checks' warnings and how much it moved. */
export interface FrameVerdict {
  id: number
  frame: true
  warnings: QualityWarning[]
  /** Mean absolute luminance change since the previous frame, 0-255. */
  motion: number
  /** Milliseconds the worker spent on the frame. */
  ms: number
}

/** The viewfinder's still: the camera's frame at full size, transferred, encoded in the worker. */
export interface StillJob {
  id: number
  still: true
  image: VideoFrame
}

/** The still as a JPEG; `null` when the worker could not encode it. */
export interface StillOutcome {
  id: number
  still: true
  blob: Blob | null
}
