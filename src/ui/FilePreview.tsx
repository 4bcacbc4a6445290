import { formatBytes, interpolate } from '../locales/format.ts'
import type { KycStrings } from '../locales/types.ts'
import type { FilePreview as FilePreviewData } from '../react/types.ts'
import { useObjectUrl } from '../react/useObjectUrl.ts'

export interface FilePreviewProps {
  preview: FilePreviewData
  strings: KycStrings
  localeTag: string
}

/** The chosen file in its card: a photo's thumbnail, or a PDF's size and page count. */
export function FilePreview({ preview, strings, localeTag }: FilePreviewProps) {
  const url = useObjectUrl(preview.kind === 'image' ? preview.file : null)
  if (preview.kind === 'image') {
    return (
      <div className="kyc-preview">
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
    <p className="kyc-preview kyc-preview__pdf">
      {interpolate(template, { size, pages: preview.pages ?? '' })}
    </p>
  )
}
