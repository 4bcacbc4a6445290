// @vitest-environment jsdom
// The widget and its parts as a host uses them in its own markup: each forwards a ref to its root
// element and passes the root's HTML attributes on (ours stay: classes are added, our data-*
// attributes win); the parts take their strings, locale tag and size limit from the
// surroundings, which `KycUploaderView` sets, or `KycUploaderProvider` for parts used alone.
import { cloneElement, createRef, type ReactElement, type ReactNode } from 'react'
import { act, cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { en } from '../locales/en.ts'
import { ptBR } from '../locales/pt-BR.ts'
import { fixtureSlot, fixtureViewModel } from './fixtures.ts'
import {
  BiometricsCard,
  DataItemList,
  DocumentCard,
  FilePreview,
  KycUploader,
  KycUploaderProvider,
  KycUploaderView,
  StatusBadge,
  UploadStatus,
} from '../index.ts'

afterEach(() => cleanup())

const english = { strings: en.strings, localeTag: en.tag, maxFileSize: 5 * 1024 * 1024 }
const inEnglish = {
  wrapper: ({ children }: { children: ReactNode }) => (
    <KycUploaderProvider value={english}>{children}</KycUploaderProvider>
  ),
}

const host = {
  id: 'host-id',
  className: 'host-class',
  'aria-describedby': 'host-help',
  'data-testid': 'host-part',
}

const pdf = new Blob(['%PDF-1.7'], { type: 'application/pdf' })
const uploading = fixtureSlot(
  { type: 'cnh', upload: { state: 'uploading', fileName: 'cnh.pdf', progress: null } },
  en,
)

describe('refs and attributes reach the root element', () => {
  it.each([
    ['StatusBadge', 'SPAN', 'kyc-badge', <StatusBadge status="approved" />],
    ['DocumentCard', 'LI', 'kyc-card', <DocumentCard slot={fixtureSlot({ type: 'cnh' }, en)} />],
    ['UploadStatus', 'DIV', 'kyc-upload', <UploadStatus slot={uploading} />],
    [
      'FilePreview',
      'P',
      'kyc-preview',
      <FilePreview preview={{ kind: 'pdf', file: pdf, name: 'a.pdf', size: 8, pages: 2 }} />,
    ],
    [
      'BiometricsCard',
      'DIV',
      'kyc-card',
      <BiometricsCard
        biometrics={{
          type: 'biometrics',
          label: 'Biometrics',
          status: 'pending',
          message: null,
          start: null,
        }}
      />,
    ],
    [
      'DataItemList',
      'DIV',
      'kyc-data',
      <DataItemList
        items={[{ type: 'address', label: 'Address', status: 'pending', message: null }]}
      />,
    ],
    ['KycUploaderView', 'DIV', 'kyc-uploader', <KycUploaderView {...fixtureViewModel({}, en)} />],
  ] as [string, string, string, ReactElement<Record<string, unknown>>][])(
    '%s',
    (_name, tagName, ourClass, element) => {
      const ref = createRef<HTMLElement>()
      const onClick = vi.fn()
      render(cloneElement(element, { ...host, ref, onClick }), inEnglish)

      const root = screen.getByTestId('host-part')
      expect(ref.current).toBe(root)
      expect(root.tagName).toBe(tagName)
      expect(root).toHaveAttribute('id', 'host-id')
      expect(root).toHaveAttribute('aria-describedby', 'host-help')
      expect(root).toHaveClass(ourClass, 'host-class')
      root.click()
      expect(onClick).toHaveBeenCalledTimes(1)
    },
  )

  it('keeps its own data-* attributes, which tests and CSS select on, over the host’s', () => {
    const slot = fixtureSlot({ type: 'cnh', status: 'rejected' }, en)
    render(<DocumentCard slot={slot} data-status="approved" data-kyc-type="x" />, inEnglish)
    const card = document.querySelector('li.kyc-card')
    expect(card).toHaveAttribute('data-status', 'rejected')
    expect(card).toHaveAttribute('data-kyc-type', 'cnh')
  })

  it('calls the host’s handler and still runs the card’s own: Enter opens the chooser', async () => {
    const onKeyDown = vi.fn()
    render(
      <DocumentCard slot={fixtureSlot({ type: 'ccmei' }, en)} onKeyDown={onKeyDown} />,
      inEnglish,
    )
    const input = document.querySelector('input[type=file]') as HTMLInputElement
    const chooser = vi.spyOn(input, 'click').mockImplementation(() => {})
    act(() => screen.getByRole('button', { name: /MEI certificate/ }).focus())
    await userEvent.keyboard('{Enter}')
    expect(chooser).toHaveBeenCalledTimes(1)
    expect(onKeyDown).toHaveBeenCalledWith(expect.objectContaining({ key: 'Enter' }))
  })

  it('gives the widget’s ref its root, and puts no option on it', async () => {
    const ref = createRef<HTMLDivElement>()
    const onError = vi.fn()
    render(
      <KycUploader
        ref={ref}
        customerId=""
        locale={en}
        onError={onError}
        id="kyc"
        role="region"
        aria-label="Your documents"
        className="host-class"
      />,
    )
    const root = document.querySelector('[data-kyc-uploader]')
    expect(ref.current).toBe(root)
    expect(root).toHaveAttribute('id', 'kyc')
    expect(screen.getByRole('region', { name: 'Your documents' })).toBe(root)
    expect(root).toHaveClass('kyc-uploader', 'host-class')
    expect(root).toHaveAttribute('data-state', 'loading')
    for (const option of ['customerid', 'locale', 'onerror']) {
      expect(root?.hasAttribute(option)).toBe(false)
    }
  })
})

describe('strings, locale tag and size limit from the surroundings', () => {
  it('gives the parts inside KycUploaderView the view model’s', () => {
    const model = fixtureViewModel(
      { documents: [fixtureSlot({ type: 'cnh' }, en)], maxFileSize: 2 * 1024 * 1024 },
      en,
    )
    render(<KycUploaderView {...model} />)
    const card = document.querySelector('li.kyc-card') as HTMLElement
    expect(card.querySelector('.kyc-badge')).toHaveTextContent('Pending')
    expect(card).toHaveTextContent('2 MB')
  })

  it('gives parts used alone those of the KycUploaderProvider around them', () => {
    render(<DocumentCard slot={fixtureSlot({ type: 'cnh' }, en)} />, inEnglish)
    expect(screen.getByText('Pending')).toBeVisible()
    expect(document.querySelector('.kyc-dropzone__hint')).toHaveTextContent('5 MB')

    cleanup()
    const portuguese = { strings: ptBR.strings, localeTag: ptBR.tag, maxFileSize: 1024 }
    render(
      <KycUploaderProvider value={portuguese}>
        <StatusBadge status="approved" />
        <FilePreview preview={{ kind: 'pdf', file: pdf, name: 'a.pdf', size: 1536, pages: 3 }} />
      </KycUploaderProvider>,
    )
    expect(document.querySelector('.kyc-badge')).toHaveTextContent(ptBR.strings['status.approved'])
    // pt-BR writes sizes with a decimal comma.
    expect(document.querySelector('.kyc-preview__pdf')).toHaveTextContent('1,5 kB')
  })

  it('says what is missing when a part is used with nothing around it', () => {
    // React logs the error it rethrows; the assertion is on the error itself.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(<StatusBadge status="approved" />)).toThrow(
      /<KycUploaderView> or <KycUploaderProvider value=\{…\}> around them/,
    )
    logged.mockRestore()
  })
})
