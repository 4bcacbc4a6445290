import { useEffect, useRef } from 'react'
import type { ViewfinderHint } from '../capture/viewfinder-hints.ts'
import type { ViewfinderSnapshot } from '../capture/viewfinder-machine.ts'
import { ViewfinderView } from '../ui/ViewfinderView.tsx'
import { LOCALES } from './fixtures.ts'
import type { FrameArgs } from './StoryFrame.tsx'

/** A viewfinder story's args: the frame's, the state and hint shown, and the outline. */
export interface ViewfinderStoryArgs extends FrameArgs, ViewfinderSnapshot {
  outline: 'card' | 'page' | 'face'
  /** The document's name, in the dialog's name. */
  label: string
}

const WIDTH = 480
const HEIGHT = 640

/** What the canvas shows for each hint: the card on a desk, blurred, dark, glaring, small… */
function paint(
  context: CanvasRenderingContext2D,
  outline: ViewfinderStoryArgs['outline'],
  hint: ViewfinderHint,
) {
  context.fillStyle = '#6b5a48'
  context.fillRect(0, 0, WIDTH, HEIGHT)
  if (hint === 'blurry') context.filter = 'blur(6px)'
  const scale = hint === 'far' ? 0.45 : 0.8
  const [ratioW, ratioH] =
    outline === 'page' ? [210, 297] : outline === 'face' ? [3, 4] : [85.6, 54]
  const height = Math.min(HEIGHT * scale, ((WIDTH * scale) / ratioW) * ratioH)
  const width = (height / ratioH) * ratioW
  const left = (WIDTH - width) / 2
  const top = (HEIGHT - height) / 2
  context.fillStyle = outline === 'face' ? '#c99a7a' : '#e8eef4'
  if (outline === 'face') {
    context.beginPath()
    context.ellipse(WIDTH / 2, HEIGHT / 2, width / 2, height / 2, 0, 0, 2 * Math.PI)
    context.fill()
  } else {
    context.fillRect(left, top, width, height)
    context.fillStyle = '#2b3440'
    for (let line = 1; line < 8; line += 1) {
      context.fillRect(
        left + width * 0.08,
        top + (height * line) / 9,
        width * (line % 3 ? 0.8 : 0.5),
        height / 40,
      )
    }
  }
  context.filter = 'none'
  if (hint === 'dark') {
    context.fillStyle = 'rgb(0 0 0 / 0.8)'
    context.fillRect(0, 0, WIDTH, HEIGHT)
  }
  if (hint === 'bright' || hint === 'glare') {
    const spot = context.createRadialGradient(
      WIDTH * 0.6,
      HEIGHT * 0.4,
      0,
      WIDTH * 0.6,
      HEIGHT * 0.4,
      hint === 'glare' ? 110 : WIDTH,
    )
    spot.addColorStop(0, 'rgb(255 255 255 / 1)')
    spot.addColorStop(1, `rgb(255 255 255 / ${hint === 'glare' ? 0 : 0.55})`)
    context.fillStyle = spot
    context.fillRect(0, 0, WIDTH, HEIGHT)
  }
}

/**
 * The viewfinder as the widget shows it, in one state, fed by a canvas (`captureStream()`) instead
 * of a camera: no permission asked, the same picture every time. In place, not modal, so a group
 * page shows every state side by side.
 */
export function ViewfinderStory({
  locale,
  state,
  hint,
  torch,
  outline,
  label,
}: ViewfinderStoryArgs) {
  const video = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    const element = video.current
    const canvas = document.createElement('canvas')
    // No camera yet, or none at all: no picture. jsdom (the unit tests) has no canvas stream.
    if (state === 'starting' || state === 'failed') return
    if (!element || typeof canvas.captureStream !== 'function') return
    canvas.width = WIDTH
    canvas.height = HEIGHT
    const context = canvas.getContext('2d')
    if (!context) return
    const stream = canvas.captureStream()
    paint(context, outline, hint)
    const [track] = stream.getVideoTracks()
    ;(track as (MediaStreamTrack & { requestFrame?: () => void }) | undefined)?.requestFrame?.()
    element.srcObject = stream
    element.play().catch(() => {})
    return () => {
      for (const each of stream.getTracks()) each.stop()
      element.srcObject = null
    }
  }, [outline, state, hint])
  const none = () => {}
  return (
    <div className="kyc-uploader showcase-viewfinder">
      <ViewfinderView
        modal={false}
        label={label}
        outline={outline}
        strings={LOCALES[locale].strings}
        state={state}
        hint={hint}
        torch={torch}
        videoRef={video}
        onShutter={none}
        onTorch={none}
        onCameraApp={none}
        onChooseFile={none}
        onClose={none}
      />
    </div>
  )
}
