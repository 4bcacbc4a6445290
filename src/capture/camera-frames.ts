// What the viewfinder reads from the camera: its frames for the photo worker and the still.
import type * as PhotoStepModule from './prepare-photo.ts'

interface ImageCaptureLike {
  takePhoto(): Promise<Blob>
  getPhotoCapabilities(): Promise<{ imageWidth?: { max?: number }; imageHeight?: { max?: number } }>
}

export type PhotoStep = typeof PhotoStepModule

const ImageCapture = (
  globalThis as { ImageCapture?: new (track: MediaStreamTrack) => ImageCaptureLike }
).ImageCapture

/**
 * The long edge of the camera's photos (`ImageCapture`), or 0: where it is no larger than the
 * video's, `takePhoto()` gives the same picture as the video frame, only slower (0.6-1.4 s in
 * Chromium's fake camera against tens of milliseconds).
 */
export function photoEdge(track: MediaStreamTrack | undefined): Promise<number> {
  if (!ImageCapture || !track) return Promise.resolve(0)
  return new ImageCapture(track)
    .getPhotoCapabilities()
    .then((c) => Math.max(c.imageWidth?.max ?? 0, c.imageHeight?.max ?? 0))
    .catch(() => 0)
}

/**
 * The still at the camera's full resolution: `ImageCapture.takePhoto()` where the camera's photos
 * are larger than its video, else the video frame, encoded in the photo worker (on this thread
 * only where the worker cannot).
 */
export async function still(
  video: HTMLVideoElement,
  track: MediaStreamTrack,
  largerPhotos: Promise<number>,
  photoStep: Promise<PhotoStep | null>,
): Promise<Blob> {
  if (ImageCapture && (await largerPhotos) > Math.max(video.videoWidth, video.videoHeight)) {
    try {
      return await new ImageCapture(track).takePhoto()
    } catch {
      // Some cameras refuse takePhoto (busy, no still mode): the video frame will do.
    }
  }
  const step = await photoStep
  if (step && typeof VideoFrame === 'function') {
    try {
      const frame = new VideoFrame(video, { timestamp: Math.round(performance.now() * 1000) })
      const blob = await step.encodeStill(frame)
      if (blob) return blob
    } catch {
      // No frame of the video to wrap: drawn here below.
    }
  }
  const canvas = document.createElement('canvas')
  canvas.width = video.videoWidth
  canvas.height = video.videoHeight
  canvas.getContext('2d')?.drawImage(video, 0, 0)
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('no frame'))),
      'image/jpeg',
      0.92,
    ),
  )
}

/**
 * The camera's current frame for the photo worker, at almost no cost here: the frame itself
 * where `VideoFrame` exists (the worker shrinks it), else a small copy, which costs this thread
 * a read of the whole frame (tens of milliseconds on a phone).
 */
export function grabFrame(
  video: HTMLVideoElement,
  edge: number,
): Promise<VideoFrame | ImageBitmap> {
  if (typeof VideoFrame === 'function') {
    try {
      const timestamp = Math.round(performance.now() * 1000)
      return Promise.resolve(new VideoFrame(video, { timestamp }))
    } catch {
      // A browser that cannot wrap the video's frame: the copy below.
    }
  }
  const scale = edge / Math.max(video.videoWidth, video.videoHeight)
  return createImageBitmap(video, {
    resizeWidth: Math.round(video.videoWidth * scale),
    resizeHeight: Math.round(video.videoHeight * scale),
  })
}
