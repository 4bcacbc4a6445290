// Type-level tests, run by `tsc` (part of `npm test`, and of `scripts/react18-check.sh` on React
// 18's types): what a host's code sees of the widget and its parts. Each forwards a ref typed as
// its root element, takes that element's attributes beside its own props, and refuses the rest;
// the codes are constants whose values are the types' members.
import { createRef, type ComponentProps, type ComponentRef, type FocusEvent } from 'react'
import type {
  ApiErrorCode,
  BiometricsCard,
  ClientErrorCode,
  DataItemList,
  FilePreview,
} from '../index.ts'
import {
  DocumentCard,
  KycUploader,
  KycUploaderProvider,
  KycUploaderView,
  QualityWarning,
  StatusBadge,
  UploadStatus,
  ValidationCode,
  type DocumentSlot,
  type KycApiError,
  type KycUploaderViewModel,
  type MessageCode,
  type ValidationError,
} from '../index.ts'

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
type Expect<T extends true> = T

export type RefTypes = [
  Expect<Equal<ComponentRef<typeof KycUploader>, HTMLDivElement>>,
  Expect<Equal<ComponentRef<typeof KycUploaderView>, HTMLDivElement>>,
  Expect<Equal<ComponentRef<typeof DocumentCard>, HTMLLIElement>>,
  Expect<Equal<ComponentRef<typeof StatusBadge>, HTMLSpanElement>>,
  Expect<Equal<ComponentRef<typeof UploadStatus>, HTMLDivElement>>,
  // A photo's preview is a <div>, a PDF's a <p>.
  Expect<Equal<ComponentRef<typeof FilePreview>, HTMLElement>>,
  Expect<Equal<ComponentRef<typeof BiometricsCard>, HTMLDivElement>>,
  Expect<Equal<ComponentRef<typeof DataItemList>, HTMLDivElement>>,
]

type WidgetProps = ComponentProps<typeof KycUploader>

export type PropTypes = [
  // `onError` is the widget's option (an API failure), not the DOM's error event.
  Expect<Equal<Parameters<NonNullable<WidgetProps['onError']>>[0], KycApiError>>,
  // The root's own handlers are typed for the root element.
  Expect<
    Equal<Parameters<NonNullable<WidgetProps['onFocus']>>[0], FocusEvent<HTMLDivElement, Element>>
  >,
  // `slot` on a card is the document, not the HTML attribute.
  Expect<Equal<ComponentProps<typeof DocumentCard>['slot'], DocumentSlot>>,
]

declare const slot: DocumentSlot
declare const model: KycUploaderViewModel

export const widget = (
  <KycUploader
    ref={createRef<HTMLDivElement>()}
    customerId="cust_1"
    id="kyc"
    className="my-kyc"
    aria-labelledby="kyc-heading"
    data-testid="kyc"
    onFocus={(event) => event.currentTarget.scrollIntoView()}
    onError={(error) => error.status}
  />
)

export const parts = (
  <KycUploaderProvider value={model}>
    <KycUploaderView {...model} ref={createRef<HTMLDivElement>()} aria-busy={false} />
    <DocumentCard slot={slot} ref={createRef<HTMLLIElement>()} data-step="2" />
    <StatusBadge status="approved" ref={createRef<HTMLSpanElement>()} title="Approved" />
    <UploadStatus slot={slot} ref={(element: HTMLDivElement | null) => element?.focus()} />
  </KycUploaderProvider>
)

// @ts-expect-error: a card's root is an <li>, so a ref to a <div> is refused.
export const wrongRef = <DocumentCard slot={slot} ref={createRef<HTMLDivElement>()} />

// @ts-expect-error: a prop that is neither the part's nor an attribute of its root.
export const unknownProp = <StatusBadge status="approved" tone="loud" />

// @ts-expect-error: the parts render their own content.
export const withChildren = <StatusBadge status="approved">Approved</StatusBadge>

// @ts-expect-error: the provider needs the strings, locale tag and size limit.
export const halfProvider = <KycUploaderProvider value={{ localeTag: 'en' }} />

/** What a host's `switch` over a refusal looks like: every case a constant, none left out. */
export function refusalKind(error: ValidationError): 'size' | 'type' | 'file' {
  switch (error.code) {
    case ValidationCode.FileTooLarge:
    case ValidationCode.FileEmpty:
    case ValidationCode.ImageTooLarge:
      return 'size'
    case ValidationCode.FileHeic:
    case ValidationCode.FileTypeUnsupported:
    case ValidationCode.FilePhotoRequired:
    case ValidationCode.FileDisguised:
      return 'type'
    case ValidationCode.FileCorrupt:
    case ValidationCode.FileEncrypted:
    case ValidationCode.FileUnreadable:
    case ValidationCode.ImageUndecodable:
    case ValidationCode.TooManyFiles:
      return 'file'
  }
}

/** A host's own words for a photo's warnings, one per constant. */
export function warningHint(warning: QualityWarning): string {
  switch (warning) {
    case QualityWarning.Blurry:
      return 'hold still'
    case QualityWarning.Dark:
      return 'more light'
    case QualityWarning.Bright:
      return 'less light'
    case QualityWarning.Glare:
      return 'tilt it'
    case QualityWarning.Small:
      return 'come closer'
  }
}

export type CodeTypes = [
  // The constants keep their literal values (`as const`), so a comparison narrows.
  Expect<Equal<typeof ValidationCode.FileTooLarge, 'file_too_large'>>,
  Expect<Equal<typeof ApiErrorCode.DocumentLocked, 'document_locked'>>,
  Expect<Equal<typeof ClientErrorCode.NetworkError, 'network_error'>>,
  Expect<Equal<ValidationError['code'], ValidationCode>>,
  Expect<Equal<DocumentSlot['upload']['warnings'][number]['code'], QualityWarning>>,
  Expect<Equal<MessageCode, ValidationCode | ApiErrorCode | ClientErrorCode>>,
]

// @ts-expect-error: a code outside the closed set.
export const misspeltCode: ValidationCode = 'file_too_big'
