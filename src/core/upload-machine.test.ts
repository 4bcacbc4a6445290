import {
  IDLE_ENTRY,
  uploadReducer,
  type UploadAction,
  type UploadEntries,
} from './upload-machine.ts'

type Failure = { status: number; code: string }
const file = new Blob(['%PDF-1.7'], { type: 'application/pdf' })

function run(actions: UploadAction<Failure>[], start: UploadEntries<Failure> = new Map()) {
  return actions.reduce(uploadReducer<Failure>, start)
}

const checked = (attempt: number, warnings: ('blurry' | 'dark')[] = []): UploadAction<Failure> => ({
  type: 'checked',
  doc: 'cnh',
  attempt,
  file,
  fileName: 'cnh.pdf',
  kind: 'pdf',
  contentType: 'application/pdf',
  pages: 2,
  warnings,
  idempotencyKey: 'key-1',
})

describe('the upload machine', () => {
  it('goes from a pick to done through every step of a plain upload', () => {
    const states: string[] = []
    let entries: UploadEntries<Failure> = new Map()
    const steps: UploadAction<Failure>[] = [
      { type: 'selected', doc: 'cnh', attempt: 1, file, fileName: 'cnh.pdf' },
      checked(1),
      { type: 'started', doc: 'cnh', attempt: 1 },
      { type: 'progress', doc: 'cnh', attempt: 1, loaded: 4, total: 8 },
      { type: 'processing', doc: 'cnh', attempt: 1 },
      { type: 'succeeded', doc: 'cnh', attempt: 1 },
    ]
    for (const step of steps) {
      entries = uploadReducer(entries, step)
      states.push(entries.get('cnh')?.state ?? 'none')
    }
    expect(states).toEqual(['validating', 'queued', 'uploading', 'uploading', 'processing', 'done'])
    expect(entries.get('cnh')).toMatchObject({
      fileName: 'cnh.pdf',
      pages: 2,
      idempotencyKey: 'key-1',
      progress: { loaded: 8, total: 8 },
    })
  })

  it('waits in confirm while a photo has warnings, and goes on only when confirmed', () => {
    const selected = run([
      { type: 'selected', doc: 'cnh', attempt: 1, file, fileName: 'rg.jpg' },
      checked(1, ['blurry']),
    ])
    expect(selected.get('cnh')).toMatchObject({ state: 'confirm', warnings: ['blurry'] })
    expect(run([{ type: 'started', doc: 'cnh', attempt: 1 }], selected)).toBe(selected)
    const confirmed = run([{ type: 'confirmed', doc: 'cnh', attempt: 1 }], selected)
    expect(confirmed.get('cnh')?.state).toBe('queued')
    const dismissed = run([{ type: 'dismissed', doc: 'cnh', attempt: 2 }], selected)
    expect(dismissed.get('cnh')).toEqual({ ...IDLE_ENTRY, attempt: 2 })
  })

  it('ignores whatever an older attempt reports once a cancel started a new one', () => {
    const uploading = run([
      { type: 'selected', doc: 'cnh', attempt: 1, file, fileName: 'cnh.pdf' },
      checked(1),
      { type: 'started', doc: 'cnh', attempt: 1 },
    ])
    const cancelled = run([{ type: 'cancelled', doc: 'cnh', attempt: 2 }], uploading)
    expect(cancelled.get('cnh')).toEqual({ ...IDLE_ENTRY, attempt: 2, cancelled: true })
    for (const late of [
      { type: 'progress', doc: 'cnh', attempt: 1, loaded: 1, total: 2 },
      { type: 'succeeded', doc: 'cnh', attempt: 1 },
      {
        type: 'failed',
        doc: 'cnh',
        attempt: 1,
        error: { status: 0, code: 'aborted' },
        willRetry: false,
      },
      { type: 'cancelled', doc: 'cnh', attempt: 1 },
    ] as const) {
      expect(uploadReducer(cancelled, late)).toBe(cancelled)
    }
  })

  it('counts failures, retries with the same key, and starts the count again on a manual retry', () => {
    const error = { status: 503, code: 'internal_error' }
    const failed = run([
      { type: 'selected', doc: 'cnh', attempt: 1, file, fileName: 'cnh.pdf' },
      checked(1),
      { type: 'started', doc: 'cnh', attempt: 1 },
      { type: 'failed', doc: 'cnh', attempt: 1, error, willRetry: true },
      { type: 'started', doc: 'cnh', attempt: 1 },
      { type: 'failed', doc: 'cnh', attempt: 1, error, willRetry: false },
    ])
    expect(failed.get('cnh')).toMatchObject({ state: 'failed', failures: 2, error })
    const retried = run([{ type: 'retried', doc: 'cnh', attempt: 2 }], failed)
    expect(retried.get('cnh')).toMatchObject({
      state: 'queued',
      attempt: 2,
      failures: 0,
      error: null,
      idempotencyKey: 'key-1',
    })
  })

  it('keeps a refusal beside the document, and a refusal of the check in course ends it', () => {
    const refusal = { code: 'file_heic' as const, params: { name: 'a.heic' } }
    const refused = run([
      { type: 'selected', doc: 'selfie', attempt: 1, file, fileName: 'a.heic' },
      { type: 'refused', doc: 'selfie', attempt: 1, refusal },
    ])
    expect(refused.get('selfie')).toEqual({ ...IDLE_ENTRY, attempt: 1, refusal })
    expect(refused.get('cnh')).toBeUndefined()
  })

  it('shows progress only while bytes are being sent', () => {
    const queued = run([
      { type: 'selected', doc: 'cnh', attempt: 1, file, fileName: 'cnh.pdf' },
      checked(1),
    ])
    expect(run([{ type: 'progress', doc: 'cnh', attempt: 1, loaded: 1, total: 2 }], queued)).toBe(
      queued,
    )
  })
})
