import { useRef } from 'react'
import {
  useDropzone,
  type DropEvent,
  type DropzoneInputProps,
  type DropzoneRootProps,
} from 'react-dropzone'
import type { DocumentSlot } from './types.ts'

export interface DocumentDropzoneOptions {
  /** Don't open the file chooser on click (e.g. your own button calls `open`). Default: `false`. */
  noClick?: boolean | undefined
  /** Don't open the file chooser on Enter/Space. Default: `false`. */
  noKeyboard?: boolean | undefined
  /** Don't take dropped files. Default: `false`. */
  noDrag?: boolean | undefined
}

export interface DocumentDropzone {
  /** Props for the dropzone element; your own props and handlers are merged in (yours run first; `event.stopPropagation()` in yours skips ours). */
  getRootProps: <T extends DropzoneRootProps>(props?: T) => T
  /** Props for the `<input type="file">` inside it; yours are merged in the same way. */
  getInputProps: <T extends DropzoneInputProps>(props?: T) => T
  /** Opens the file chooser. */
  open: () => void
  /** The dropzone element, e.g. to move focus back to it. */
  rootRef: { readonly current: HTMLElement | null }
  /** A file is being dragged over the dropzone. */
  isDragActive: boolean
}

type DropzoneSlot = Pick<DocumentSlot, 'label' | 'canUpload' | 'accept' | 'selectFiles'>

interface FolderAware {
  webkitGetAsEntry?: () => { isDirectory: boolean } | null
}

function hasFolder(items: DataTransferItemList | undefined): boolean {
  if (!items) return false
  return Array.from(items).some(
    (item) => item.kind === 'file' && (item as FolderAware).webkitGetAsEntry?.()?.isDirectory,
  )
}

/**
 * One document's dropzone (react-dropzone underneath): click, Enter/Space, drop and paste fill it
 * with one file, which the slot validates and uploads. Call it once per document, in the
 * component that renders that document.
 */
export function useDocumentDropzone(
  slot: DropzoneSlot,
  options: DocumentDropzoneOptions = {},
): DocumentDropzone {
  const folderDropped = useRef(false)
  const idle = !slot.canUpload
  const dropzone = useDropzone({
    multiple: false,
    noClick: idle || options.noClick,
    noKeyboard: idle || options.noKeyboard,
    noDrag: idle || options.noDrag,
    noPaste: idle,
    // Our own reader: the default one walks into folders, and we refuse folders instead.
    getFilesFromEvent: async (event: DropEvent | FileSystemFileHandle[]) => {
      if (Array.isArray(event)) return Promise.all(event.map((handle) => handle.getFile()))
      const transfer =
        'dataTransfer' in event && event.dataTransfer
          ? event.dataTransfer
          : 'clipboardData' in event && event.clipboardData
            ? event.clipboardData
            : null
      if (transfer) {
        if (event.type === 'dragenter' || event.type === 'dragover') {
          return Array.from(transfer.items).filter((item) => item.kind === 'file')
        }
        folderDropped.current = hasFolder(transfer.items)
        return Array.from(transfer.files)
      }
      const target = event.target as HTMLInputElement | null
      return target?.files ? Array.from(target.files) : []
    },
    onDrop: (accepted, rejected) => {
      const containsFolder = folderDropped.current
      folderDropped.current = false
      // react-dropzone keeps the first of several files; we refuse the whole drop instead.
      const files = [...accepted, ...rejected.map((rejection) => rejection.file)]
      slot.selectFiles(files, { containsFolder })
    },
  })

  const { getRootProps, getInputProps, open, isDragActive, rootRef } = dropzone
  return {
    getRootProps: (props) =>
      getRootProps({
        role: 'button',
        // Stays focusable while busy or in review so focus is never lost, but leaves the Tab order.
        tabIndex: idle ? -1 : 0,
        'aria-disabled': idle || undefined,
        ...props,
      } as DropzoneRootProps) as typeof props & DropzoneRootProps,
    getInputProps: (props) =>
      getInputProps({
        // No `capture`: this input is the gallery and the files; taking a photo is its own input.
        accept: slot.accept,
        disabled: idle,
        'aria-label': slot.label,
        // react-dropzone hides the input with an inline style; a strict CSP forbids those, so
        // the stylesheet hides it instead (class `kyc-file-input`).
        style: undefined,
        ...props,
      }) as typeof props & DropzoneInputProps,
    open,
    isDragActive,
    rootRef,
  }
}
