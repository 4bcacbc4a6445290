import { useEffect, useState, useSyncExternalStore } from 'react'
import { onlineManager, type QueryClient } from '@tanstack/react-query'
import type { KycClient } from '../api/client.ts'
import { isKycApiError, networkError, type KycApiError } from '../api/errors.ts'
import type { Customer, KycDocument } from '../api/types.ts'
import type * as CaptureModule from '../capture/prepare-photo.ts'
import type { PhotoOptions } from '../capture/prepare-photo.ts'
import {
  createUploadController,
  type UploadController,
  type UploadEvent as ControllerEvent,
} from '../core/upload-controller.ts'
import type { UploadEntries } from '../core/upload-machine.ts'
import { formatsFor } from '../core/formats.ts'
import { useLatest } from './useLatest.ts'

/** What the widget hears about, to announce it and call the host's callbacks. */
export type UploadEvent = ControllerEvent<KycDocument, KycApiError>

export interface UploadDocumentOptions {
  client: KycClient
  queryClient: QueryClient
  customerId: string
  /** The customer query to update after a 201. */
  customerKey: readonly unknown[]
  maxFileSize: number
  /** The photo step (`capture/`), or `false` to send photos as picked. */
  photos: PhotoOptions | false
  onEvent: (event: UploadEvent) => void
}

let capture: typeof CaptureModule | undefined

function asKycError(error: unknown): KycApiError {
  return isKycApiError(error) ? error : networkError(error)
}

function markSubmitted(customer: Customer | undefined, document: KycDocument) {
  if (!customer) return customer
  return {
    ...customer,
    kyc: customer.kyc.map((item) =>
      item.type === document.type
        ? { ...item, status: document.status, uploaded_at: document.uploaded_at, message: null }
        : item,
    ),
  }
}

/**
 * The upload controller of one widget (`core/upload-controller.ts`), read with
 * `useSyncExternalStore`. Offline (TanStack's `onlineManager`) uploads wait as `paused`; a 201
 * marks the document `submitted` in the customer query at once.
 */
export function useUploadDocument(options: UploadDocumentOptions): {
  uploads: UploadEntries<KycApiError>
  controller: UploadController<KycApiError>
} {
  const latest = useLatest(options)
  const [controller] = useState(() => {
    const refresh = () => {
      const { queryClient, customerKey } = latest.current
      void queryClient.invalidateQueries({ queryKey: customerKey })
    }
    return createUploadController<KycDocument, KycApiError>({
      upload: (request) =>
        latest.current.client.uploadDocument({ ...request, customerId: latest.current.customerId }),
      toError: asKycError,
      maxFileSize: () => latest.current.maxFileSize,
      // The photo worker and its code are a chunk of their own, loaded on the first photo.
      preparePhoto: async (file, kind, type) => {
        const { photos } = latest.current
        if (photos === false) return null
        // Offline, the step's code could not load: the photo waits for the network as picked.
        if (!capture && !onlineManager.isOnline()) return null
        capture ??= await import('../capture/prepare-photo.ts')
        return capture.preparePhoto(file, kind, {
          ...photos,
          face: formatsFor(type).capture === 'user',
        })
      },
      network: onlineManager,
      recheck: refresh,
      onEvent: (event) => {
        const { queryClient, customerKey, onEvent } = latest.current
        if (event.kind === 'uploaded') {
          queryClient.setQueryData<Customer>(customerKey, (old) => markSubmitted(old, event.result))
          refresh()
        } else if (event.kind === 'failed') {
          const { status } = event.error
          // The server's view of the document may have moved on (locked, customer gone).
          if (status === 404 || status === 422 || status === 409) refresh()
        }
        onEvent(event)
      },
    })
  })
  useEffect(() => () => controller.destroy(), [controller])
  const uploads = useSyncExternalStore(
    controller.subscribe,
    controller.getSnapshot,
    controller.getSnapshot,
  )
  return { uploads, controller }
}
