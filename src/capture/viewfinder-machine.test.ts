import { STEADY_MOTION, type FrameReading } from './viewfinder-hints.ts'
import {
  HOLD_MS,
  holdsStill,
  initialViewfinder,
  viewfinderReducer,
  type ViewfinderAction,
} from './viewfinder-machine.ts'

const good: FrameReading = { warnings: [], motion: 1 }
const frame = (at: number, reading = good): ViewfinderAction => ({ type: 'frame', reading, at })
const run = (...actions: ViewfinderAction[]) => actions.reduce(viewfinderReducer, initialViewfinder)

describe('the viewfinder machine', () => {
  it('aims once the camera starts, with the torch off where the camera has one', () => {
    expect(run({ type: 'started', torch: false })).toMatchObject({ state: 'aiming', torch: false })
    expect(run({ type: 'started', torch: null })).toMatchObject({ state: 'aiming', torch: null })
  })

  it('says what to fix, then good after three steady frames, and holds good for half a second', () => {
    const blurred = run(
      { type: 'started', torch: null },
      frame(0, { warnings: ['blurry'], motion: 1 }),
    )
    expect(blurred).toMatchObject({ state: 'aiming', hint: 'blurry', goodSince: null })
    const steadying = viewfinderReducer(viewfinderReducer(blurred, frame(100)), frame(200))
    expect(steadying).toMatchObject({ state: 'aiming', hint: 'steady' })
    const turnedGood = viewfinderReducer(steadying, frame(300))
    expect(turnedGood).toMatchObject({ state: 'good', hint: 'good', goodSince: 300 })
    expect(holdsStill(turnedGood, 300 + HOLD_MS - 1)).toBe(false)
    const held = viewfinderReducer(turnedGood, frame(300 + HOLD_MS))
    expect(held.goodSince).toBe(300)
    expect(holdsStill(held, 300 + HOLD_MS)).toBe(true)
    // A shake starts the count again.
    const shaken = viewfinderReducer(held, frame(900, { warnings: [], motion: STEADY_MOTION + 1 }))
    expect(shaken).toMatchObject({ state: 'aiming', hint: 'steady', goodSince: null })
  })

  it('keeps ten readings and ignores frames once the still is being taken or the camera failed', () => {
    let machine = run({ type: 'started', torch: null })
    for (let at = 0; at < 15; at += 1) machine = viewfinderReducer(machine, frame(at))
    expect(machine.readings).toHaveLength(10)
    const capturing = viewfinderReducer(machine, { type: 'capturing' })
    expect(viewfinderReducer(capturing, frame(99, { warnings: ['dark'], motion: 1 }))).toBe(
      capturing,
    )
    const failed = viewfinderReducer(machine, { type: 'failed' })
    expect(viewfinderReducer(failed, frame(99))).toBe(failed)
    expect(holdsStill(capturing, 10_000)).toBe(false)
  })
})
