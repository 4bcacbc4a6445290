'use client'
// kyc-uploader: the browser package. Each locale is an entry of its own
// (`kyc-uploader/locales/en`, `kyc-uploader/locales/pt-BR`) so a page ships only the one it uses;
// without a `locale` prop the widget loads pt-BR, the default, as a chunk of its own.

export { KycUploader, type KycUploaderProps } from './ui/KycUploader.tsx'
export { KycUploaderView, type KycUploaderViewProps } from './ui/KycUploaderView.tsx'
export { DocumentCard, type DocumentCardProps } from './ui/DocumentCard.tsx'
export { StatusBadge, type StatusBadgeProps } from './ui/StatusBadge.tsx'
export { UploadStatus, type UploadStatusProps } from './ui/UploadStatus.tsx'
export { FilePreview, type FilePreviewProps } from './ui/FilePreview.tsx'
export { BiometricsCard, type BiometricsCardProps } from './ui/BiometricsCard.tsx'
export { DataItemList, type DataItemListProps } from './ui/DataItemList.tsx'
export {
  KycUploaderProvider,
  useKycUploaderContext,
  type KycUploaderContextValue,
  type KycUploaderProviderProps,
} from './ui/KycUploaderProvider.tsx'

export { useKycUploader } from './react/useKycUploader.ts'
export {
  useDocumentDropzone,
  type DocumentDropzone,
  type DocumentDropzoneOptions,
} from './react/useDocumentDropzone.ts'
export { customerQueryKey } from './react/useCustomerQuery.ts'
export type {
  BiometricsView,
  DataItemView,
  DocumentSlot,
  KycMessage,
  KycUploaderOptions,
  KycUploaderViewModel,
  FilePreview as FilePreviewData,
  HandoffState,
  HandoffView,
  QualityWarningView,
  UploaderState,
  UploadState,
  UploadView,
  ValidationError,
} from './react/types.ts'

export { messageFor, labelFor } from './locales/messages.ts'
export { formatBytes, formatDateTime, interpolate } from './locales/format.ts'
export type { KycLocale, KycStringOverrides, KycStrings, MessageCode } from './locales/types.ts'

export { ApiErrorCode, ClientErrorCode, KycApiError, isKycApiError } from './api/errors.ts'
export type { TokenSupplier } from './api/client.ts'
export type { Customer, KycDocument, KycItem } from './api/types.ts'
export type { DocumentStatus } from './core/status.ts'
export type { KycEvent } from './core/widget-events.ts'
export { ValidationCode } from './core/validate.ts'
export { QualityWarning } from './core/upload-machine.ts'
export type { PhotoOptions } from './capture/prepare-photo.ts'
