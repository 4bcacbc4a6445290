/*
 * The in-page viewfinder (issue 22): a modal dialog with the camera's picture, the document's
 * outline, one hint at a time from frames the photo worker analyses, a shutter that always works,
 * and an automatic shot once the frame is good and steady. A chunk of its own, loaded when "take
 * a photo" is first pressed. The camera stops on every way out: close, capture, failure, page
 * hidden, unmount.
 */
import { useViewfinder } from '../react/useViewfinder.ts'
import type { KycStrings } from '../locales/types.ts'
import { ViewfinderView } from './ViewfinderView.tsx'

export interface ViewfinderProps {
  label: string
  outline: 'card' | 'page' | 'face'
  autoCapture: boolean
  strings: KycStrings
  /** The still, to go through the photo step like any photo. */
  onCapture: (file: File) => void
  /** The camera could not start, or the person asked for the camera app. */
  onCameraApp: (failed: boolean) => void
  onChooseFile: () => void
  onClose: () => void
}

export default function Viewfinder(props: ViewfinderProps) {
  const camera = useViewfinder({
    outline: props.outline,
    autoCapture: props.autoCapture,
    onCapture: props.onCapture,
    onFailed: () => props.onCameraApp(true),
    onHidden: props.onClose,
  })
  const leave = (then: () => void) => () => {
    camera.stop()
    then()
  }
  return (
    <ViewfinderView
      label={props.label}
      outline={props.outline}
      strings={props.strings}
      state={camera.state}
      hint={camera.hint}
      torch={camera.torch}
      videoRef={camera.videoRef}
      onShutter={() => void camera.capture()}
      onTorch={camera.setTorch}
      onCameraApp={leave(() => props.onCameraApp(false))}
      onChooseFile={leave(props.onChooseFile)}
      onClose={leave(props.onClose)}
    />
  )
}
