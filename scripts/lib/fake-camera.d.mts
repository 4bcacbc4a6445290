// Types of scripts/lib/fake-camera.mjs, for the e2e specs that use it.

/** The I420 planes (Y, then U and V at half size) of packed RGB pixels. */
export declare function rgbToI420(rgb: Uint8Array, width: number, height: number): Uint8Array

export interface FakeCameraRecipe {
  /** The picture the camera films. */
  source: string
  /** The video's size (even numbers). */
  width: number
  height: number
  /** Frames a second, a whole number. */
  fps: number
  /** ImageMagick operations applied after the resize, and how many frames each part lasts. */
  parts: { operations: string[]; frames: number }[]
}

/** A looping .y4m for Chromium's fake camera, made once per recipe in `dir`; its path. */
export declare function fakeCameraVideo(dir: string, name: string, recipe: FakeCameraRecipe): string
