import { forwardRef, type HTMLAttributes, type Ref } from 'react'
import { formatBytes, interpolate } from '../locales/format.ts'
import type { FilePreview as FilePreviewData } from '../react/types.ts'
import { useObjectUrl } from '../react/useObjectUrl.ts'
import { classNames } from './classNames.ts'
import { useKycUploaderContext } from './KycUploaderProvider.tsx'

/**
 * `preview`, plus any attribute of the root: a `<div>` holding a photo, or a `<p>` with a PDF's
 * size and pages (so the ref is an `HTMLElement`; `className` is added to ours).
 */
export interface FilePreviewProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  preview: FilePreviewData
}

/** The chosen file in its card: a photo's thumbnail, or a PDF's size and page count. */
export const FilePreview = forwardRef<HTMLElement, FilePreviewProps>(function FilePreview(
  { preview, className, ...rest },
  ref,
) {
  const { strings, localeTag } = useKycUploaderContext()
  const url = useObjectUrl(preview.kind === 'image' ? preview.file : null)
  if (preview.kind === 'image') {
    return (
      <div
        {...rest}
        ref={ref as Ref<HTMLDivElement>}
        className={classNames('kyc-preview', className)}
      >
        {url && (
          <img
            className="kyc-preview__image"
            src={url}
            alt={interpolate(strings['preview.image'], { name: preview.name })}
          />
        )}
      </div>
    )
  }
  const size = formatBytes(preview.size, localeTag)
  const template = preview.pages === null ? strings['preview.pdfNoPages'] : strings['preview.pdf']
  return (
    <p
      {...rest}
      ref={ref as Ref<HTMLParagraphElement>}
      className={classNames('kyc-preview kyc-preview__pdf', className)}
    >
      {interpolate(template, { size, pages: preview.pages ?? '' })}
    </p>
  )
})
