import {
  handoffReducer,
  IDLE_HANDOFF,
  secondsLeft,
  type HandoffAction,
  type HandoffSnapshot,
} from './handoff-machine.ts'

const run = (...actions: HandoffAction<string>[]): HandoffSnapshot<string> =>
  actions.reduce(handoffReducer<string>, IDLE_HANDOFF)

const issued = {
  type: 'issued',
  id: 'abc',
  url: 'https://x/h/t',
  expiresAt: 600_000,
  code: '0427',
} as const

it('the button asks for a link, shows it while waiting, and follows the phone opening it', () => {
  expect(run({ type: 'issue' }).state).toBe('issuing')
  const waiting = run({ type: 'issue' }, issued)
  expect(waiting).toMatchObject({
    state: 'waiting',
    url: 'https://x/h/t',
    expiresAt: 600_000,
    code: '0427',
  })
  expect(run({ type: 'issue' }, issued, { type: 'seen', state: 'used' }).state).toBe('used')
})

it('a link expires on the clock, and a late answer never revives it', () => {
  const snapshot = run({ type: 'issue' }, issued, { type: 'tick', now: 599_999 })
  expect(snapshot.state).toBe('waiting')
  expect(secondsLeft(snapshot, 540_500)).toBe(60)
  const expired = run({ type: 'issue' }, issued, { type: 'tick', now: 600_000 })
  expect(expired.state).toBe('expired')
  expect(secondsLeft(expired, 700_000)).toBe(0)
  expect(handoffReducer(expired, { type: 'seen', state: 'waiting' }).state).toBe('expired')
  expect(handoffReducer(expired, { type: 'issue' }).state).toBe('issuing')
})

it('a proxy without hand-off stays unavailable; a failure may be retried', () => {
  const off = run({ type: 'issue' }, { type: 'unavailable' })
  expect(handoffReducer(off, { type: 'issue' }).state).toBe('unavailable')
  expect(handoffReducer(off, { type: 'close' }).state).toBe('unavailable')
  const failed = run({ type: 'issue' }, { type: 'failed', error: 'network' })
  expect(failed).toMatchObject({ state: 'failed', error: 'network' })
  expect(handoffReducer(failed, { type: 'issue' }).state).toBe('issuing')
})

it('an answer for a link the user already closed is dropped', () => {
  expect(run({ type: 'issue' }, { type: 'close' }, issued).state).toBe('idle')
  expect(run({ type: 'issue' }, { type: 'close' }, { type: 'failed', error: 'x' }).state).toBe(
    'idle',
  )
})
