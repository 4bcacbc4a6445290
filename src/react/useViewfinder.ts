import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { createViewfinderCamera } from '../capture/viewfinder-camera.ts'
import { useLatest } from './useLatest.ts'

export interface UseViewfinderOptions {
  outline: 'card' | 'page' | 'face'
  autoCapture: boolean
  onCapture: (file: File) => void
  /** The camera failed: the caller opens the camera app instead. */
  onFailed: () => void
  /** The page was hidden and the camera stopped. */
  onHidden: () => void
}

/**
 * The viewfinder's camera for React: its snapshot (`state`, `hint`, `torch`), the ref of the
 * `<video>` it plays into, the shutter, the torch and `stop`. The camera starts when the video
 * mounts and stops when it unmounts.
 */
export function useViewfinder(options: UseViewfinderOptions) {
  const latest = useLatest(options)
  const [camera] = useState(() =>
    createViewfinderCamera({
      outline: options.outline,
      autoCapture: () => latest.current.autoCapture,
      onCapture: (file) => latest.current.onCapture(file),
      onFailed: () => latest.current.onFailed(),
      onHidden: () => latest.current.onHidden(),
    }),
  )
  const snapshot = useSyncExternalStore(camera.subscribe, camera.getSnapshot, camera.getSnapshot)
  const videoRef = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    if (videoRef.current) camera.start(videoRef.current)
    return camera.stop
  }, [camera])
  return {
    ...snapshot,
    videoRef,
    capture: camera.capture,
    setTorch: camera.setTorch,
    stop: camera.stop,
  }
}
