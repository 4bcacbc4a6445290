import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Customer, KycItem } from '../api/types.ts'
import { DEFAULT_MAX_FILE_SIZE } from '../core/limits.ts'
import { documentStatusOf, type DocumentStatus } from '../core/status.ts'
import { sentFileName } from '../core/sent-files.ts'
import { IDLE_ENTRY, isUploadInFlight } from '../core/upload-machine.ts'
import { isTransientFailure } from '../core/retry.ts'
import { createEventTracker } from '../core/widget-events.ts'
import { displayFileName, interpolate, resolveStrings } from '../locales/format.ts'
import { labelFor, messageFor } from '../locales/messages.ts'
import { LOADING_LOCALE } from '../locales/defaultLocale.ts'
import type { KycStrings } from '../locales/types.ts'
import type {
  BiometricsView,
  DataItemView,
  DocumentSlot,
  HandoffView,
  KycUploaderOptions,
  KycUploaderViewModel,
  UploaderState,
} from './types.ts'
import { documentSlot, refusalMessage, warningMessage } from './documentSlot.ts'
import { customerQueryKey, useCustomerQuery } from './useCustomerQuery.ts'
import { useHandoff } from './useHandoff.ts'
import { useKycClient } from './useKycClient.ts'
import { useKycQueryClient } from './useKycQueryClient.ts'
import { useLatest } from './useLatest.ts'
import { useLeaveGuard } from './useLeaveGuard.ts'
import { useLocale } from './useLocale.ts'
import { useSentFiles } from './useSentFiles.ts'
import { useUploadDocument, type UploadEvent } from './useUploadDocument.ts'
import { callHost } from './callHost.ts'

function isBiometrics(item: KycItem): boolean {
  return item.type === 'biometrics'
}

function statusesOf(customer: Customer): Map<string, DocumentStatus> {
  return new Map(customer.kyc.map((item) => [item.type, documentStatusOf(item)]))
}

/** What every item's view starts from. */
function itemView(item: KycItem, strings: KycStrings) {
  return {
    type: item.type,
    label: labelFor(item, strings),
    status: documentStatusOf(item),
    message: item.message ?? null,
  }
}

function isComplete(customer: Customer | undefined): boolean {
  const required = customer?.kyc.filter((item) => item.kind === 'document') ?? []
  return required.length > 0 && required.every((item) => documentStatusOf(item) === 'approved')
}

/**
 * The headless widget: the customer's required documents as plain view data, each with its
 * upload and actions, plus the load state and a live-region announcement. Render it with
 * `<KycUploaderView>` or your own markup (call `useDocumentDropzone(slot)` per document).
 */
export function useKycUploader(options: KycUploaderOptions): KycUploaderViewModel {
  const { customerId, pollInterval, hideDataItems = false } = options
  const baseUrl = options.baseUrl ?? '/api/kyc'
  // Until the default locale has loaded, the customer and any error wait unseen behind the
  // loading state, so nothing shows or is announced without its words.
  const {
    locale: loadedLocale,
    failed: localeFailed,
    retry: retryLocale,
  } = useLocale(options.locale)
  const locale = loadedLocale ?? LOADING_LOCALE
  const localeTag = locale.tag
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE
  const strings = useMemo(() => resolveStrings(locale, options.strings), [locale, options.strings])

  const queryClient = useKycQueryClient(options.queryClient)
  const client = useKycClient({
    baseUrl,
    getToken: options.getToken,
    fetch: options.fetch,
    credentials: options.credentials,
  })
  const customerKey = useMemo(() => customerQueryKey(baseUrl, customerId), [baseUrl, customerId])
  const query = useCustomerQuery({ client, queryClient, baseUrl, customerId, pollInterval })
  const customer = loadedLocale && query.data

  const [announcement, setAnnouncement] = useState('')
  const { sentFiles, rememberSent } = useSentFiles(
    options.rememberFileNames === false || customerId === ''
      ? null
      : `kyc-uploader:sent:${baseUrl}:${customerId}`,
  )
  const latest = useLatest({ options, strings, localeTag, customer, maxFileSize })
  // The host's analytics stream (`onEvent`): fed at the few points below, never sent anywhere.
  const [events] = useState(() =>
    createEventTracker((event) => callHost(latest.current.options.onEvent, event)),
  )

  const labelOf = useCallback(
    (type: string, texts: KycStrings) => {
      const item = latest.current.customer?.kyc.find((entry) => entry.type === type)
      return labelFor(item ?? { type }, texts)
    },
    [latest],
  )

  const onEvent = useCallback(
    (event: UploadEvent) => {
      events.upload(event, isTransientFailure)
      const { options: props, strings: texts, localeTag: tag, maxFileSize: max } = latest.current
      const label = labelOf(event.type, texts)
      switch (event.kind) {
        case 'uploaded':
          rememberSent(event.type, event.result.uploaded_at, event.fileName)
          callHost(props.onUploaded, event.result)
          setAnnouncement(
            interpolate(texts['announce.uploaded'], {
              label,
              name: displayFileName(event.fileName),
            }),
          )
          return
        case 'failed': {
          callHost(props.onError, event.error)
          if (event.error.status === 401) callHost(props.onUnauthorized)
          const params = { name: event.fileName, max }
          const message = messageFor({ ...event.error, params }, texts, tag)
          setAnnouncement(interpolate(texts['announce.error'], { label, message }))
          return
        }
        case 'refused': {
          const message = refusalMessage(event.refusal, texts, tag)
          setAnnouncement(interpolate(texts['announce.error'], { label, message }))
          return
        }
        case 'checked': {
          if (event.warnings.length === 0) return
          const message = event.warnings
            .map((code) => warningMessage(event.type, code, texts))
            .join(' ')
          setAnnouncement(interpolate(texts['announce.quality'], { label, message }))
          return
        }
        case 'cancelled':
          setAnnouncement(interpolate(texts['announce.cancelled'], { label }))
      }
    },
    [events, labelOf, latest, rememberSent],
  )

  const uploader = useUploadDocument({
    client,
    queryClient,
    customerId,
    customerKey,
    maxFileSize,
    photos: options.photos ?? {},
    onEvent,
  })

  // Status changes after the first load: the host hears all of them; the live region announces
  // review outcomes (the move to `submitted` is announced by the upload itself).
  const previousStatuses = useRef<Map<string, DocumentStatus> | null>(null)
  useEffect(() => {
    if (!customer) return
    const next = statusesOf(customer)
    const previous = previousStatuses.current
    previousStatuses.current = next
    if (!previous) {
      const documents = customer.kyc.filter((item) => item.kind === 'document')
      const shown = documents.map((item) => ({ type: item.type, status: documentStatusOf(item) }))
      events.send({ name: 'documents_shown', documents: shown })
      return
    }
    const { options: props, strings: texts } = latest.current
    const spoken: string[] = []
    for (const [type, status] of next) {
      const before = previous.get(type)
      if (before === undefined || before === status) continue
      callHost(props.onStatusChange, type, status)
      if (status === 'approved' || status === 'rejected') {
        events.send({ name: 'review_seen', document: type, status })
      }
      if (status !== 'submitted') {
        const label = labelOf(type, texts)
        spoken.push(
          interpolate(texts['announce.status'], { label, status: texts[`status.${status}`] }),
        )
      }
    }
    if (spoken.length > 0) setAnnouncement(spoken.join('. '))
  }, [customer, events, labelOf, latest])

  const complete = isComplete(customer)
  const completed = useRef(false)
  useEffect(() => {
    if (!complete || completed.current) return
    completed.current = true
    callHost(latest.current.options.onComplete)
    setAnnouncement(latest.current.strings['state.complete'])
  }, [complete, latest])

  const { errorUpdatedAt } = query
  const error = loadedLocale ? query.error : null
  useEffect(() => {
    if (!error) return
    const { options: props, strings: texts, localeTag: tag } = latest.current
    callHost(props.onError, error)
    if (error.status === 401) callHost(props.onUnauthorized)
    if (!latest.current.customer) {
      const message = error.status === 404 ? texts['state.notFound'] : messageFor(error, texts, tag)
      setAnnouncement(
        error.status === 404 ? message : interpolate(texts['state.error'], { message }),
      )
    }
  }, [error, errorUpdatedAt, latest])

  const { uploads, controller } = uploader
  const liveEnabled = options.photos !== false && options.photos?.live !== false
  const autoCapture = options.photos !== false && options.photos?.autoCapture !== false
  const documents = useMemo((): DocumentSlot[] => {
    if (!customer) return []
    const live = { enabled: liveEnabled, autoCapture }
    const context = { strings, localeTag, maxFileSize, live }
    return customer.kyc
      .filter((item) => item.kind === 'document' && !isBiometrics(item))
      .map((item) => {
        const { type } = item
        const source = {
          type,
          description: item.description,
          status: documentStatusOf(item),
          message: item.message,
          uploadedAt: item.uploaded_at,
          sentFileName: sentFileName(sentFiles, type, item.uploaded_at),
        }
        return documentSlot(source, uploads.get(type) ?? IDLE_ENTRY, context, {
          selectFiles: (files, selection) => {
            const [file] = files
            const picked = { size: file?.size ?? 0, contentType: file?.type ?? '' }
            events.send({ name: 'file_picked', document: type, files: files.length, ...picked })
            void controller.selectFiles(type, files, selection)
          },
          cancel: () => controller.cancel(type),
          retry: () => controller.retry(type),
          confirm: () => {
            const { state, warnings } = controller.get(type)
            if (state === 'confirm') {
              events.send({ name: 'photo_sent_anyway', document: type, warnings: [...warnings] })
            }
            controller.confirm(type)
          },
        })
      })
  }, [
    customer,
    uploads,
    sentFiles,
    strings,
    localeTag,
    maxFileSize,
    controller,
    liveEnabled,
    autoCapture,
    events,
  ])

  useLeaveGuard(documents.some((slot) => isUploadInFlight(slot.upload.state)))

  const dataItems = useMemo((): DataItemView[] => {
    if (!customer || hideDataItems) return []
    return customer.kyc
      .filter((item) => item.kind !== 'document' && !isBiometrics(item))
      .map((item) => itemView(item, strings))
  }, [customer, hideDataItems, strings])

  const onBiometrics = options.onBiometrics
  const biometrics = useMemo((): BiometricsView | null => {
    const item = customer?.kyc.find(isBiometrics)
    if (!item) return null
    return {
      ...itemView(item, strings),
      start: onBiometrics ? () => callHost(onBiometrics, item) : null,
    }
  }, [customer, onBiometrics, strings])

  let state: UploaderState
  if (customer) {
    state = documents.length + dataItems.length + (biometrics ? 1 : 0) === 0 ? 'empty' : 'ready'
  } else if (error && query.fetchStatus !== 'fetching') {
    state = error.status === 404 ? 'not-found' : 'error'
  } else if (localeFailed) {
    state = 'error'
  } else {
    state = 'loading'
  }

  const handoffModel = useHandoff({
    enabled: options.handoff === 'offer' && customerId !== '',
    request: { baseUrl, customerId, fetch: options.fetch, credentials: options.credentials },
    queryClient,
    customerKey,
  })
  const {
    snapshot: handoffSnapshot,
    secondsLeft,
    start: startHandoff,
    close: closeHandoff,
    end: endHandoff,
  } = handoffModel
  const handoff = useMemo((): HandoffView | null => {
    if (options.handoff !== 'offer') return null
    const { state, url, code, error: failure } = handoffSnapshot
    return {
      state,
      url,
      code,
      secondsLeft,
      error: failure
        ? { code: failure.code, message: messageFor(failure, strings, localeTag) }
        : null,
      start: startHandoff,
      close: closeHandoff,
      end: endHandoff,
    }
  }, [
    options.handoff,
    handoffSnapshot,
    secondsLeft,
    strings,
    localeTag,
    startHandoff,
    closeHandoff,
    endHandoff,
  ])

  // On the phone: once nothing is left to send, say the user may go back to the computer.
  const phoneDone =
    options.handoff === 'phone' &&
    documents.length > 0 &&
    documents.every((slot) => slot.status === 'submitted' || slot.status === 'approved')
  useEffect(() => {
    if (!phoneDone) return
    setAnnouncement(latest.current.strings['handoff.done'])
    events.send({ name: 'handoff_done' })
  }, [phoneDone, latest, events])

  // The desktop's hand-off: a link shown, then opened on the phone.
  const handoffState = handoffSnapshot.state
  useEffect(() => {
    if (handoffState === 'waiting') events.send({ name: 'handoff_offered' })
    if (handoffState === 'used') events.send({ name: 'handoff_opened' })
  }, [handoffState, events])

  const { refetch } = query
  const retryLoad = useCallback(() => {
    retryLocale()
    void refetch()
  }, [refetch, retryLocale])

  return {
    state,
    error:
      error && !customer
        ? { code: error.code, message: messageFor(error, strings, localeTag) }
        : localeFailed
          ? { code: 'network_error', message: strings['error.network_error'] }
          : null,
    documents,
    dataItems,
    biometrics,
    complete,
    announcement,
    retryLoad,
    strings,
    localeTag,
    maxFileSize,
    handoff,
    phoneDone,
  }
}
