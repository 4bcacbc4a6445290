import type { UploadEvent } from './upload-controller.ts'
import { createEventTracker, type KycEvent } from './widget-events.ts'

type Failure = { code: string; status: number }

function tracker() {
  let clock = 1000
  const events: KycEvent[] = []
  const tracked = createEventTracker(
    (event) => events.push(event),
    () => clock,
  )
  const feed = (event: UploadEvent<unknown, Failure>) =>
    tracked.upload(event, (error) => error.status >= 500)
  return { events, feed, tick: (ms: number) => (clock += ms), send: tracked.send }
}

it('times an upload from its first try, counting the tries, and stamps every event', () => {
  const { events, feed, tick } = tracker()
  feed({ kind: 'sending', type: 'cnh', size: 2048, try: 1 })
  tick(300)
  const error = { code: 'internal_error', status: 500 }
  feed({ kind: 'retrying', type: 'cnh', error, try: 1, delayMs: 900 })
  tick(900)
  feed({ kind: 'sending', type: 'cnh', size: 2048, try: 2 })
  tick(200)
  feed({ kind: 'uploaded', type: 'cnh', fileName: 'cnh.pdf', result: {} })
  expect(events).toEqual([
    { name: 'upload_started', document: 'cnh', size: 2048, at: 1000 },
    {
      name: 'upload_retried',
      document: 'cnh',
      code: 'internal_error',
      try: 1,
      delayMs: 900,
      at: 1300,
    },
    { name: 'upload_succeeded', document: 'cnh', size: 2048, tries: 2, durationMs: 1400, at: 2400 },
  ])
})

it('reports photo checks, refusals, final failures and cancels, with what the host may act on', () => {
  const { events, feed, tick, send } = tracker()
  feed({ kind: 'refused', type: 'selfie', refusal: { code: 'file_heic', params: {} } })
  feed({
    kind: 'checked',
    type: 'selfie',
    warnings: ['dark', 'small'],
    originalSize: 4_700_000,
    size: 690_000,
    durationMs: 260,
  })
  send({ name: 'photo_sent_anyway', document: 'selfie', warnings: ['dark', 'small'] })
  feed({ kind: 'sending', type: 'selfie', size: 690_000, try: 1 })
  tick(50)
  feed({
    kind: 'failed',
    type: 'selfie',
    fileName: 'me.jpg',
    error: { code: 'timeout', status: 0 },
  })
  feed({ kind: 'sending', type: 'cnh', size: 10, try: 1 })
  tick(70)
  feed({ kind: 'cancelled', type: 'cnh' })
  expect(events.every((event) => event.at >= 1000)).toBe(true)
  expect(events).toMatchObject([
    { name: 'file_refused', document: 'selfie', code: 'file_heic' },
    {
      name: 'photo_checked',
      document: 'selfie',
      warnings: ['dark', 'small'],
      originalSize: 4_700_000,
      size: 690_000,
      durationMs: 260,
    },
    { name: 'photo_sent_anyway', document: 'selfie', warnings: ['dark', 'small'] },
    { name: 'upload_started', document: 'selfie', size: 690_000 },
    {
      name: 'upload_failed',
      document: 'selfie',
      code: 'timeout',
      status: 0,
      retryable: false,
      tries: 1,
      durationMs: 50,
    },
    { name: 'upload_started', document: 'cnh', size: 10 },
    { name: 'upload_cancelled', document: 'cnh', durationMs: 70 },
  ])
})
