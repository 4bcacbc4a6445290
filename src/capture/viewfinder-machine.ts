import { hintFor, type FrameReading, type ViewfinderHint } from './viewfinder-hints.ts'

/** The viewfinder's state (`[data-kyc-viewfinder][data-state]`). */
export type ViewfinderState = 'starting' | 'aiming' | 'good' | 'capturing' | 'failed'

/** What the viewfinder shows. */
export interface ViewfinderSnapshot {
  state: ViewfinderState
  hint: ViewfinderHint
  /** Whether the torch is on; `null` where the camera has none (no button). */
  torch: boolean | null
}

export interface ViewfinderMachine extends ViewfinderSnapshot {
  /** The latest frames' readings, newest last (ten at most). */
  readings: FrameReading[]
  /** When the frame turned good (ms, the caller's clock); `null` while it is not. */
  goodSince: number | null
}

export type ViewfinderAction =
  | { type: 'started'; torch: boolean | null }
  | { type: 'frame'; reading: FrameReading; at: number }
  | { type: 'torch'; on: boolean | null }
  | { type: 'capturing' }
  | { type: 'failed' }

export const initialViewfinder: ViewfinderMachine = {
  state: 'starting',
  hint: 'aim',
  torch: null,
  readings: [],
  goodSince: null,
}

/** Good and steady this long (ms) before the automatic shot. */
export const HOLD_MS = 500

/** The viewfinder's pure reducer: the camera's start, each frame's reading, the still, a failure. */
export function viewfinderReducer(
  machine: ViewfinderMachine,
  action: ViewfinderAction,
): ViewfinderMachine {
  switch (action.type) {
    case 'started':
      return { ...machine, state: 'aiming', torch: action.torch }
    case 'frame': {
      // A frame that was in the worker when the shutter was pressed changes nothing.
      if (machine.state !== 'aiming' && machine.state !== 'good') return machine
      const readings = [...machine.readings, action.reading].slice(-10)
      const hint = hintFor(readings)
      const good = hint === 'good'
      return {
        ...machine,
        readings,
        hint,
        state: good ? 'good' : 'aiming',
        goodSince: good ? (machine.goodSince ?? action.at) : null,
      }
    }
    case 'torch':
      return { ...machine, torch: action.on }
    case 'capturing':
      return { ...machine, state: 'capturing' }
    case 'failed':
      return { ...machine, state: 'failed' }
  }
}

/** Whether the frame has been good and steady long enough at `at` for the automatic shot. */
export function holdsStill(machine: ViewfinderMachine, at: number): boolean {
  return machine.state === 'good' && machine.goodSince !== null && at - machine.goodSince >= HOLD_MS
}
