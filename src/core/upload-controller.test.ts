import { readFileSync } from 'node:fs'
import { pdfBytes } from './testing/files.ts'
import {
  createUploadController,
  type NetworkStatus,
  type UploadRequest,
} from './upload-controller.ts'

type Failure = { status: number; code: string; retryAfterMs?: number }

const PDF = pdfBytes({ pages: 2 })
const pdf = (name = 'cnh.pdf') => new File([PDF], name, { type: 'application/pdf' })
const jpeg = () =>
  new File([readFileSync(new URL('./testing/fixtures/photo.jpg', import.meta.url))], 'rg.jpg', {
    type: 'image/jpeg',
  })

/** An upload function whose tries the test settles by hand. */
function manualUploads() {
  const tries: {
    request: UploadRequest
    resolve: (id: string) => void
    reject: (e: unknown) => void
  }[] = []
  const upload = (request: UploadRequest) =>
    new Promise<string>((resolve, reject) => {
      tries.push({ request, resolve, reject })
      request.signal.addEventListener('abort', () => reject({ status: 0, code: 'aborted' }))
    })
  return { tries, upload }
}

function fakeNetwork(online = true) {
  const listeners = new Set<(online: boolean) => void>()
  const network: NetworkStatus = {
    isOnline: () => online,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return {
    network,
    set(value: boolean) {
      online = value
      for (const listener of listeners) listener(value)
    },
    listeners,
  }
}

function setup(
  options: Partial<Parameters<typeof createUploadController<string, Failure>>[0]> = {},
) {
  const { tries, upload } = manualUploads()
  const events: unknown[] = []
  let key = 0
  const controller = createUploadController<string, Failure>({
    upload,
    toError: (cause) => cause as Failure,
    onEvent: (event) => events.push(event),
    newIdempotencyKey: () => `key-${(key += 1)}`,
    scheduleFrame: (callback) => setTimeout(callback, 16),
    retryPolicy: { retries: 3, baseDelayMs: 100, maxDelayMs: 1000, maxServerWaitMs: 60_000 },
    ...options,
  })
  const state = (type = 'cnh') => controller.get(type).state
  return { controller, tries, events, state }
}

const settle = () => vi.advanceTimersByTimeAsync(0)

describe('the upload controller', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('checks the file, sends it, reports processing after the last byte, then done', async () => {
    const { controller, tries, events, state } = setup()
    await controller.selectFiles('cnh', [pdf()])
    await settle()
    expect(state()).toBe('uploading')
    expect(tries[0]?.request).toMatchObject({
      type: 'cnh',
      fileName: 'cnh.pdf',
      contentType: 'application/pdf',
      idempotencyKey: 'key-1',
    })
    tries[0]?.request.onProgress({ loaded: 10, total: 100 })
    expect(controller.get('cnh').progress).toBeNull()
    await vi.advanceTimersByTimeAsync(16)
    expect(controller.get('cnh').progress).toEqual({ loaded: 10, total: 100 })
    tries[0]?.request.onProgress({ loaded: 100, total: 100 })
    expect(state()).toBe('processing')
    tries[0]?.resolve('doc_1')
    await settle()
    expect(state()).toBe('done')
    expect(controller.get('cnh').pages).toBe(2)
    expect(events).toContainEqual({
      kind: 'uploaded',
      type: 'cnh',
      fileName: 'cnh.pdf',
      result: 'doc_1',
    })
  })

  it('refuses a PDF for the selfie and sends nothing', async () => {
    const { controller, tries, events } = setup()
    await controller.selectFiles('selfie', [pdf('selfie.pdf')])
    await settle()
    expect(controller.get('selfie').refusal?.code).toBe('file_photo_required')
    expect(tries).toHaveLength(0)
    expect(events).toEqual([
      {
        kind: 'refused',
        type: 'selfie',
        refusal: { code: 'file_photo_required', params: { name: 'selfie.pdf' } },
      },
    ])
  })

  it('retries a transient failure with the same key, then gives up with retry() on offer', async () => {
    const { controller, tries, state } = setup()
    await controller.selectFiles('cnh', [pdf()])
    await settle()
    for (let attempt = 0; attempt < 4; attempt += 1) {
      tries[attempt]?.reject({ status: 503, code: 'internal_error' })
      await vi.advanceTimersByTimeAsync(2000)
    }
    expect(tries.map((entry) => entry.request.idempotencyKey)).toEqual([
      'key-1',
      'key-1',
      'key-1',
      'key-1',
    ])
    expect(state()).toBe('failed')
    controller.retry('cnh')
    await settle()
    expect(state()).toBe('uploading')
    expect(tries[4]?.request.idempotencyKey).toBe('key-1')
  })

  it('does not retry a failure that another try cannot fix', async () => {
    const { controller, tries, state, events } = setup()
    await controller.selectFiles('cnh', [pdf()])
    await settle()
    tries[0]?.reject({ status: 422, code: 'document_locked' })
    await vi.advanceTimersByTimeAsync(5000)
    expect(tries).toHaveLength(1)
    expect(state()).toBe('failed')
    controller.retry('cnh')
    expect(state()).toBe('failed')
    expect(events.at(-1)).toMatchObject({ kind: 'failed', error: { code: 'document_locked' } })
  })

  it('runs three uploads at once and queues the fourth', async () => {
    const { controller, tries, state } = setup()
    for (const type of ['a', 'b', 'c', 'd']) await controller.selectFiles(type, [pdf()])
    await settle()
    expect(['a', 'b', 'c', 'd'].map((type) => state(type))).toEqual([
      'uploading',
      'uploading',
      'uploading',
      'queued',
    ])
    tries[0]?.resolve('doc')
    await settle()
    expect(state('d')).toBe('uploading')
  })

  it('waits offline as paused, and sends once the network is back', async () => {
    const net = fakeNetwork(false)
    const { controller, tries, state } = setup({ network: net.network })
    await controller.selectFiles('cnh', [pdf()])
    await settle()
    expect(state()).toBe('paused')
    expect(tries).toHaveLength(0)
    net.set(true)
    await settle()
    expect(state()).toBe('uploading')
    expect(net.listeners.size).toBe(0)
  })

  it('cancels: aborts the request, says so, ignores the late answer, and checks the server again', async () => {
    const recheck = vi.fn()
    const { controller, tries, state, events } = setup({ recheck })
    await controller.selectFiles('cnh', [pdf()])
    await settle()
    controller.cancel('cnh')
    expect(tries[0]?.request.signal.aborted).toBe(true)
    expect(controller.get('cnh')).toMatchObject({ state: 'idle', cancelled: true })
    tries[0]?.resolve('doc')
    await settle()
    expect(state()).toBe('idle')
    expect(events.at(-1)).toEqual({ kind: 'cancelled', type: 'cnh' })
    await vi.advanceTimersByTimeAsync(15_000)
    expect(recheck).toHaveBeenCalledTimes(3)
  })

  it('holds a photo with warnings in confirm; send anyway sends it, choose another drops it', async () => {
    const preparePhoto = vi.fn(async (file: Blob) => ({
      file,
      contentType: 'image/jpeg',
      warnings: ['dark' as const],
    }))
    const { controller, tries, state, events } = setup({ preparePhoto })
    await controller.selectFiles('cnh', [jpeg()])
    await settle()
    expect(state()).toBe('confirm')
    expect(tries).toHaveLength(0)
    expect(events.at(-1)).toMatchObject({ kind: 'checked', type: 'cnh', warnings: ['dark'] })
    controller.cancel('cnh')
    expect(controller.get('cnh')).toMatchObject({ state: 'idle', cancelled: false, file: null })
    await controller.selectFiles('cnh', [jpeg()])
    await settle()
    controller.confirm('cnh')
    await settle()
    expect(state()).toBe('uploading')
  })

  it('sends the original when the photo step fails, and never prepares a PDF', async () => {
    const preparePhoto = vi.fn(async () => {
      throw new Error('no OffscreenCanvas here')
    })
    const { controller, tries } = setup({ preparePhoto })
    await controller.selectFiles('cnh', [jpeg()])
    await controller.selectFiles('ccmei', [pdf()])
    await settle()
    expect(preparePhoto).toHaveBeenCalledTimes(1)
    expect(tries.map((entry) => entry.request.fileName)).toEqual(['rg.jpg', 'cnh.pdf'])
  })

  it('holds what is sent against the limit: a big photo shrunk goes, one still too big does not', async () => {
    const photo = readFileSync(new URL('./testing/fixtures/photo.jpg', import.meta.url))
    const big = () => new File([photo, new Uint8Array(200)], 'IMG_0001.jpg', { type: 'image/jpeg' })
    const shrinks = vi.fn(async () => ({
      file: new Blob([photo]),
      contentType: 'image/jpeg',
      warnings: [],
    }))
    const sent = setup({ preparePhoto: shrinks, maxFileSize: () => photo.length + 100 })
    await sent.controller.selectFiles('cnh', [big()])
    await settle()
    expect(sent.tries[0]?.request.file.size).toBe(photo.length)

    const keeps = vi.fn(async (file: Blob) => ({ file, contentType: 'image/jpeg', warnings: [] }))
    const refused = setup({ preparePhoto: keeps, maxFileSize: () => photo.length + 100 })
    await refused.controller.selectFiles('cnh', [big()])
    await settle()
    expect(refused.tries).toHaveLength(0)
    expect(refused.controller.get('cnh').refusal).toMatchObject({ code: 'file_too_large' })
  })

  it('refuses an image the photo step cannot decode, and sends a HEIC it converted as .jpg', async () => {
    const undecodable = setup({
      preparePhoto: async (file) => ({
        file,
        contentType: '',
        warnings: [],
        refusal: 'image_undecodable',
      }),
    })
    await undecodable.controller.selectFiles('cnh', [jpeg()])
    await settle()
    expect(undecodable.tries).toHaveLength(0)
    expect(undecodable.controller.get('cnh').refusal?.code).toBe('image_undecodable')

    const heic = readFileSync(new URL('./testing/fixtures/photo.heic', import.meta.url))
    const converted = setup({
      preparePhoto: async (_file, kind) => ({
        file: new Blob([kind === 'heic' ? 'jpeg bytes' : '']),
        contentType: 'image/jpeg',
        warnings: [],
      }),
    })
    await converted.controller.selectFiles('cnh', [new File([heic], 'IMG_0001.HEIC')])
    await settle()
    expect(converted.tries[0]?.request).toMatchObject({
      fileName: 'IMG_0001.jpg',
      contentType: 'image/jpeg',
    })
  })

  it('stops everything on destroy', async () => {
    const { controller, tries } = setup()
    await controller.selectFiles('cnh', [pdf()])
    await settle()
    controller.destroy()
    expect(tries[0]?.request.signal.aborted).toBe(true)
  })
})
