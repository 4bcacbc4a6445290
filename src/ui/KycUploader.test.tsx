// @vitest-environment jsdom
import { createHash } from 'node:crypto'
import { StrictMode } from 'react'
import {
  act,
  cleanup,
  configure,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import {
  encryptedPdfBytes,
  fileOf,
  heicBytes,
  jpegBytes,
  pdfBytes,
  pngBytes,
  svgWithScriptBytes,
  textBytes,
  truncated,
  virtualFile,
  webpBytes,
  windowsExecutableBytes,
} from '../core/testing/files.ts'
import { en } from '../locales/en.ts'
import { KycUploader, type KycUploaderProps } from './KycUploader.tsx'
import { multipartUpload, startWidgetSandbox, type WidgetSandbox } from './testing/widgetSandbox.ts'

// Reviews take 300 ms and polls run every 100 ms; uploads go over real HTTP.
configure({ asyncUtilTimeout: 4000 })

let sandbox: WidgetSandbox

beforeAll(async () => {
  sandbox = await startWidgetSandbox({ reviewDelayMs: 300 })
})
afterEach(() => {
  cleanup()
  sandbox.control.reset()
  sandbox.uploads.length = 0
  sandbox.reads.length = 0
})
afterAll(() => sandbox.close())

type Props = Partial<KycUploaderProps> & { customerId: string }

function widget(props: Props) {
  return (
    <KycUploader
      baseUrl={sandbox.url}
      getToken={sandbox.getToken}
      fetch={sandbox.fetch}
      pollInterval={100}
      {...props}
    />
  )
}

/** Every text the live region has held since the widget rendered: what a screen reader heard. */
let heard: string[] = []

async function renderWidget(props: Props) {
  heard = []
  const view = render(widget(props))
  const region = liveRegion()
  const observer = new MutationObserver(() => {
    const text = region.textContent ?? ''
    if (text && heard.at(-1) !== text) heard.push(text)
  })
  observer.observe(region, { childList: true, characterData: true, subtree: true })
  await waitFor(() => expect(root()).not.toHaveAttribute('data-state', 'loading'))
  return view
}

function root(): HTMLElement {
  const element = document.querySelector<HTMLElement>('[data-kyc-uploader]')
  if (!element) throw new Error('no widget root')
  return element
}

function card(type: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-kyc-type="${type}"]`)
  if (!element) throw new Error(`no card for ${type}`)
  return element
}

function dropzone(type: string): HTMLElement {
  return within(card(type)).getByRole('button', { name: /arraste|drag/i })
}

function fileInput(type: string): HTMLInputElement {
  const input = card(type).querySelector<HTMLInputElement>('input[type=file]')
  if (!input) throw new Error(`no input for ${type}`)
  return input
}

/** A paragraph's whole text, which may run across elements (file names sit in their own <bdi>). */
function paragraphText(text: string) {
  return (_content: string, element: Element | null) =>
    element?.tagName === 'P' && element.textContent === text
}

/** For text queries that should find what is on screen, not its copy in the live region. */
const LIVE = 'script, style, [role=status]'

function liveRegion(): HTMLElement {
  return within(root()).getByRole('status')
}

function setup() {
  // The OS file chooser lets people pick "all files"; `accept` is only a hint.
  return userEvent.setup({ applyAccept: false })
}

async function choose(type: string, file: File) {
  await setup().upload(fileInput(type), file)
}

function pdf(name = 'documento.pdf', options?: Parameters<typeof pdfBytes>[0]) {
  return fileOf(pdfBytes(options), name, 'application/pdf')
}

function dropOn(type: string, files: File[], folder = false) {
  const items = files.map((file) => ({
    kind: 'file',
    type: file.type,
    getAsFile: () => file,
    webkitGetAsEntry: () => ({ isDirectory: folder, isFile: !folder }),
  }))
  fireEvent.drop(dropzone(type), { dataTransfer: { files, items, types: ['Files'] } })
}

function sha256(bytes: ArrayBuffer | Uint8Array) {
  return createHash('sha256').update(new Uint8Array(bytes)).digest('hex')
}

describe('the list of documents', () => {
  it('shows one labelled dropzone per required document, in the API order, with its status in words', async () => {
    const customer = sandbox.control.createCustomer('company')
    await renderWidget({ customerId: customer.id })

    expect(root()).toHaveAttribute('data-state', 'ready')
    const cards = within(root()).getAllByRole('listitem')
    expect(cards.map((element) => element.getAttribute('data-kyc-type'))).toEqual([
      'ccmei',
      'identity_card_front',
      'identity_card_back',
      'selfie',
    ])
    for (const element of cards) {
      expect(element).toHaveAttribute('data-status', 'pending')
      expect(element).toHaveAttribute('data-state', 'idle')
      expect(within(element).getByText('Pendente')).toBeVisible()
      expect(element.querySelector('input[type=file]')).not.toBeNull()
    }
    expect(
      screen.getByRole('button', { name: /^RG \(frente\) Arraste o arquivo/ }),
    ).toHaveAttribute('tabindex', '0')
    expect(within(card('ccmei')).getByText('PDF, JPEG ou PNG, até 10 MB')).toBeVisible()
  })

  it('takes photos only for the selfie, and PDFs everywhere else; the chooser never forces the camera', async () => {
    const customer = sandbox.control.createCustomer('company')
    await renderWidget({ customerId: customer.id })
    expect(fileInput('selfie')).not.toHaveAttribute('capture')
    expect(fileInput('selfie').accept).not.toContain('pdf')
    expect(within(card('selfie')).getByText('Foto JPEG ou PNG, até 10 MB')).toBeVisible()
    expect(fileInput('ccmei')).not.toHaveAttribute('capture')
    expect(fileInput('ccmei').accept).toBe(
      'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png',
    )
    expect(fileInput('ccmei')).not.toHaveAttribute('multiple')
  })

  it('lists a data item as done elsewhere, and offers biometrics through the host', async () => {
    const customer = sandbox.control.createCustomer('mixed')
    const onBiometrics = vi.fn()
    await renderWidget({ customerId: customer.id, onBiometrics })

    expect(within(root()).getAllByRole('listitem', { name: undefined })).toHaveLength(3)
    const data = card('mother_name')
    expect(within(data).getByText('Nome da mãe')).toBeVisible()
    expect(within(data).getByText('A ser completado em outra etapa do cadastro')).toBeVisible()
    expect(data.querySelector('input')).toBeNull()

    const biometrics = card('biometrics')
    expect(biometrics.querySelector('input')).toBeNull()
    await setup().click(within(biometrics).getByRole('button', { name: 'Fazer a biometria' }))
    expect(onBiometrics).toHaveBeenCalledWith(expect.objectContaining({ type: 'biometrics' }))
  })

  it('hides data items on request, and explains biometrics when the host cannot start it', async () => {
    const customer = sandbox.control.createCustomer('mixed')
    await renderWidget({ customerId: customer.id, hideDataItems: true })
    expect(document.querySelector('[data-kyc-type="mother_name"]')).toBeNull()
    expect(
      within(card('biometrics')).getByText('A biometria é feita em outra etapa do cadastro'),
    ).toBeVisible()
    expect(within(card('biometrics')).queryByRole('button')).toBeNull()
  })

  it('shows the reviewer message under a rejected document and offers to send it again', async () => {
    const customer = sandbox.control.createCustomer('rejected')
    await renderWidget({ customerId: customer.id })
    const rejected = card('identity_card_front')
    expect(rejected).toHaveAttribute('data-status', 'rejected')
    expect(within(rejected).getByText('Recusado')).toBeVisible()
    expect(
      within(rejected).getByText('A foto está desfocada; envie uma imagem nítida do documento.'),
    ).toBeVisible()
    expect(within(rejected).getByRole('button', { name: /Enviar novamente/ })).toBeVisible()
    expect(within(card('ccmei')).getByText('Aprovado')).toBeVisible()
    expect(within(card('ccmei')).getByRole('button')).toHaveAttribute('aria-disabled', 'true')
  })

  it('says when the customer does not exist', async () => {
    await renderWidget({ customerId: `cust_${'0'.repeat(32)}` })
    expect(root()).toHaveAttribute('data-state', 'not-found')
    expect(within(root()).getByText(/Cadastro não encontrado/, { ignore: LIVE })).toBeVisible()
    expect(liveRegion()).toHaveTextContent(/Cadastro não encontrado/)
  })

  it('says so when everything is approved, and calls onComplete once', async () => {
    const customer = sandbox.control.createCustomer('approved')
    const onComplete = vi.fn()
    await renderWidget({ customerId: customer.id, onComplete })
    expect(
      within(root()).getByText('Todos os documentos foram aprovados.', { ignore: LIVE }),
    ).toBeVisible()
    expect(liveRegion()).toHaveTextContent('Todos os documentos foram aprovados.')
    await waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1))
    expect(within(root()).queryByRole('button', { name: /Arraste/ })).toBeNull()
  })

  it('calls onUnauthorized and says why when the token is refused even after a refresh', async () => {
    const customer = sandbox.control.createCustomer('company')
    const onUnauthorized = vi.fn()
    const onError = vi.fn()
    const getToken = vi.fn(() => 'not-a-token')
    await renderWidget({ customerId: customer.id, getToken, onUnauthorized, onError })
    expect(root()).toHaveAttribute('data-state', 'error')
    expect(
      within(root()).getByText(/Você precisa entrar de novo para continuar/, { ignore: LIVE }),
    ).toBeVisible()
    expect(getToken).toHaveBeenCalledWith({ forceRefresh: true })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ status: 401 }))
    expect(within(root()).getByRole('button', { name: 'Tentar novamente' })).toBeVisible()
  })

  it('speaks English with the en locale, and takes single string overrides', async () => {
    const customer = sandbox.control.createCustomer('person-cnh')
    await renderWidget({
      customerId: customer.id,
      locale: en,
      strings: { 'status.pending': 'To do', 'label.selfie': 'Your selfie' },
    })
    expect(within(card('cnh')).getByText("Driver's license (CNH)")).toBeVisible()
    expect(within(card('cnh')).getByText('To do')).toBeVisible()
    expect(within(card('selfie')).getByText('Your selfie')).toBeVisible()
    expect(
      screen.getByRole('button', {
        name: "Driver's license (CNH) Drag the file here or click to choose",
      }),
    ).toBeVisible()
    expect(within(card('cnh')).getByText('PDF, JPEG or PNG, up to 10 MB')).toBeVisible()
  })

  it('shares one customer query between widgets under the same QueryClient', async () => {
    const customer = sandbox.control.createCustomer('person-cnh')
    const queryClient = new QueryClient()
    render(
      <QueryClientProvider client={queryClient}>
        {widget({ customerId: customer.id })}
        {widget({ customerId: customer.id })}
      </QueryClientProvider>,
    )
    await waitFor(() => expect(document.querySelectorAll('[data-kyc-type="cnh"]')).toHaveLength(2))
    expect(sandbox.reads).toHaveLength(1)
    expect(
      queryClient.getQueryData(['kyc-uploader', 'customer', sandbox.url, customer.id]),
    ).toEqual(expect.objectContaining({ id: customer.id }))
  })
  it('uses a query client passed as a prop, shared the same way', async () => {
    const customer = sandbox.control.createCustomer('person-cnh')
    const queryClient = new QueryClient()
    render(
      <>
        {widget({ customerId: customer.id, queryClient })}
        {widget({ customerId: customer.id, queryClient })}
      </>,
    )
    await waitFor(() => expect(document.querySelectorAll('[data-kyc-type="cnh"]')).toHaveLength(2))
    expect(sandbox.reads).toHaveLength(1)
    expect(queryClient.getQueryCache().getAll()).toHaveLength(1)
  })
})

describe('choosing a file', () => {
  const MiB = 1024 * 1024
  const cases: Array<[string, () => File, RegExp]> = [
    [
      'an empty file',
      () => fileOf(new Uint8Array(), 'vazio.pdf', 'application/pdf'),
      /O arquivo vazio\.pdf está vazio/,
    ],
    [
      'a file over 10 MiB',
      () =>
        virtualFile({
          name: 'grande.pdf',
          type: 'application/pdf',
          size: 10 * MiB + 1,
          head: pdfBytes().slice(0, 64),
          tail: pdfBytes().slice(-64),
        }).file,
      /O arquivo grande\.pdf passa do limite de 10 MB/,
    ],
    [
      'an iPhone HEIC photo',
      () => fileOf(heicBytes(), 'IMG_0042.HEIC', 'image/heic'),
      /HEIC\/HEIF/,
    ],
    [
      'a HEIC photo renamed .jpg',
      () => fileOf(heicBytes(), 'foto.jpg', 'image/jpeg'),
      /HEIC\/HEIF/,
    ],
    [
      'a WebP image',
      () => fileOf(webpBytes(), 'foto.webp', 'image/webp'),
      /foto\.webp não é PDF, JPEG nem PNG/,
    ],
    [
      'an SVG',
      () => fileOf(svgWithScriptBytes(), 'logo.svg', 'image/svg+xml'),
      /logo\.svg não é PDF/,
    ],
    [
      'a program renamed .pdf',
      () => fileOf(windowsExecutableBytes(), 'contrato.pdf', 'application/pdf'),
      /O nome de contrato\.pdf diz uma coisa/,
    ],
    [
      'a text file renamed .jpg',
      () => fileOf(textBytes(), 'rg.jpg', 'image/jpeg'),
      /O nome de rg\.jpg diz uma coisa/,
    ],
    [
      'a PDF cut in half',
      () => fileOf(truncated(pdfBytes({ padding: 4000 }), 0.5), 'cortado.pdf', 'application/pdf'),
      /cortado\.pdf parece incompleto/,
    ],
    [
      'a password-protected PDF',
      () => fileOf(encryptedPdfBytes(), 'senha.pdf', 'application/pdf'),
      /O PDF senha\.pdf está protegido por senha/,
    ],
  ]

  it.each(cases)(
    'refuses %s next to its dropzone, and sends nothing',
    async (_, makeFile, message) => {
      const customer = sandbox.control.createCustomer('company')
      await renderWidget({ customerId: customer.id })
      await choose('ccmei', makeFile())

      const error = await within(card('ccmei')).findByText(message)
      expect(error).toBeVisible()
      expect(dropzone('ccmei').getAttribute('aria-describedby')).toContain(error.id)
      expect(liveRegion()).toHaveTextContent(message)
      expect(card('ccmei')).toHaveAttribute('data-state', 'idle')
      expect(card('ccmei')).toHaveAttribute('data-status', 'pending')
      expect(sandbox.uploads).toHaveLength(0)
      expect(sandbox.control.documents(customer.id)).toHaveLength(0)
    },
  )

  it('refuses a file the browser cannot read', async () => {
    const customer = sandbox.control.createCustomer('company')
    await renderWidget({ customerId: customer.id })
    // What a browser does with a file deleted or moved after it was chosen.
    class VanishedFile extends File {
      override slice(): Blob {
        throw new DOMException('The requested file could not be read', 'NotReadableError')
      }
    }
    await choose('ccmei', new VanishedFile([pdfBytes()], 'sumiu.pdf', { type: 'application/pdf' }))
    expect(
      await within(card('ccmei')).findByText(/Não foi possível ler o arquivo sumiu\.pdf/),
    ).toBeVisible()
    expect(sandbox.uploads).toHaveLength(0)
  })

  it('refuses several files dropped at once, and a folder', async () => {
    const customer = sandbox.control.createCustomer('company')
    await renderWidget({ customerId: customer.id })

    dropOn('ccmei', [pdf('a.pdf'), pdf('b.pdf')])
    expect(
      await within(card('ccmei')).findByText('Envie um arquivo por vez para este documento.'),
    ).toBeVisible()

    dropOn('identity_card_front', [new File([], 'Documentos')], true)
    expect(
      await within(card('identity_card_front')).findByText(/Pastas não são aceitas/),
    ).toBeVisible()
    expect(sandbox.uploads).toHaveLength(0)
    expect(sandbox.control.documents(customer.id)).toHaveLength(0)
  })

  it('clears the refusal when a good file follows, and takes a dropped file', async () => {
    const customer = sandbox.control.createCustomer('company')
    await renderWidget({ customerId: customer.id })
    await choose('ccmei', fileOf(webpBytes(), 'foto.webp', 'image/webp'))
    await within(card('ccmei')).findByText(/não é PDF, JPEG nem PNG/)

    dropOn('ccmei', [pdf('ccmei.pdf')])
    await waitFor(() => expect(card('ccmei')).toHaveAttribute('data-status', 'submitted'))
    expect(within(card('ccmei')).queryByText(/não é PDF, JPEG nem PNG/)).toBeNull()
  })

  it('opens the chooser from the keyboard, and leaves documents in review out of the Tab order', async () => {
    const customer = sandbox.control.createCustomer('rejected')
    await renderWidget({ customerId: customer.id })
    const user = setup()
    const click = vi.spyOn(fileInput('identity_card_front'), 'click')

    await user.tab()
    expect(screen.getByRole('button', { name: /RG \(frente\)/ })).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(click).toHaveBeenCalledTimes(1)
    await user.keyboard(' ')
    expect(click).toHaveBeenCalledTimes(2)

    await user.tab()
    expect(document.body).toHaveFocus()
  })
})

describe('uploading', () => {
  it('sends the chosen bytes once, shows "in review" at once, then "approved" by polling', async () => {
    const customer = sandbox.control.createCustomer('company')
    const onUploaded = vi.fn()
    const onStatusChange = vi.fn()
    await renderWidget({ customerId: customer.id, onUploaded, onStatusChange })
    const file = pdf('ccmei.pdf')

    await choose('ccmei', file)
    await waitFor(() => expect(card('ccmei')).toHaveAttribute('data-status', 'submitted'))
    expect(within(card('ccmei')).getByText('Em análise')).toBeVisible()
    expect(card('ccmei')).toHaveAttribute('data-state', 'done')
    expect(heard).toContain('Certificado MEI (CCMEI): ccmei.pdf enviado, em análise')

    const [stored] = sandbox.control.documents(customer.id)
    expect(sandbox.control.documents(customer.id)).toHaveLength(1)
    expect(stored).toMatchObject({
      type: 'ccmei',
      file_name: 'ccmei.pdf',
      content_type: 'application/pdf',
    })
    expect(stored?.sha256).toBe(sha256(await file.arrayBuffer()))
    expect(onUploaded).toHaveBeenCalledWith(
      expect.objectContaining({ id: stored?.id, type: 'ccmei' }),
    )

    await waitFor(() => expect(card('ccmei')).toHaveAttribute('data-status', 'approved'))
    expect(within(card('ccmei')).getByText('Aprovado')).toBeVisible()
    await waitFor(() => expect(heard).toContain('Certificado MEI (CCMEI): Aprovado'))
    expect(onStatusChange.mock.calls).toEqual([
      ['ccmei', 'submitted'],
      ['ccmei', 'approved'],
    ])
  })

  it('shows bidi controls in a file name as codes, isolated, and sends the real name', async () => {
    const customer = sandbox.control.createCustomer('person-cnh')
    await renderWidget({ customerId: customer.id })
    // U+202E reverses what follows: shown raw, this JPEG would read as "cnh-fotogpj.jpg".
    const realName = 'cnh-foto\u202Egpj.jpg'
    const shown = 'cnh-foto[U+202E]gpj.jpg'

    await choose('cnh', fileOf(jpegBytes(), realName, 'image/jpeg'))
    await waitFor(() => expect(card('cnh')).toHaveAttribute('data-status', 'submitted'))
    const name = within(card('cnh')).getByText(shown, { exact: false, ignore: LIVE })
    expect(name.tagName).toBe('BDI')
    expect(root().textContent).not.toContain('\u202E')
    expect(heard).toContain(`CNH (carteira de motorista): ${shown} enviado, em análise`)
    expect(sandbox.control.documents(customer.id).map((document) => document.file_name)).toEqual([
      realName,
    ])
  })

  it('shows the bidi controls of a refused file as codes in its message', async () => {
    const customer = sandbox.control.createCustomer('person-cnh')
    await renderWidget({ customerId: customer.id })

    await choose('cnh', fileOf(windowsExecutableBytes(), 'fatura\u202Egpj.exe', 'image/jpeg'))
    const error = await within(card('cnh')).findByText(/fatura\[U\+202E\]gpj\.exe/, {
      ignore: LIVE,
    })
    expect(error).toBeVisible()
    expect(root().textContent).not.toContain('\u202E')
    expect(sandbox.control.documents(customer.id)).toHaveLength(0)
  })

  it('shows a rejection found by polling, and takes the document again', async () => {
    const customer = sandbox.control.createCustomer('person-cnh')
    await renderWidget({ customerId: customer.id })

    await choose('cnh', fileOf(jpegBytes(), 'reject-cnh.jpg', 'image/jpeg'))
    await waitFor(() => expect(card('cnh')).toHaveAttribute('data-status', 'rejected'))
    expect(
      within(card('cnh')).getByText('A foto está desfocada; envie uma imagem nítida do documento.'),
    ).toBeVisible()
    // Announced by an effect of the render that shows the rejection: a moment after it.
    await waitFor(() => expect(heard).toContain('CNH (carteira de motorista): Recusado'))

    await choose('cnh', fileOf(pngBytes(), 'cnh-nitida.png', 'image/png'))
    await waitFor(() => expect(card('cnh')).toHaveAttribute('data-status', 'submitted'))
    expect(within(card('cnh')).queryByText(/desfocada/)).toBeNull()
    await waitFor(() => expect(card('cnh')).toHaveAttribute('data-status', 'approved'))
    expect(sandbox.control.documents(customer.id).map((document) => document.file_name)).toEqual([
      'reject-cnh.jpg',
      'cnh-nitida.png',
    ])
  })

  it('renders the reviewer message as text', async () => {
    const customer = sandbox.control.createCustomer('person-cnh')
    const message = '<img src=x onerror="alert(1)"> Documento <b>ilegível</b>'
    sandbox.control.forceNextReview(customer.id, 'rejected', message)
    await renderWidget({ customerId: customer.id })
    await choose('cnh', pdf('cnh.pdf'))
    await waitFor(() => expect(card('cnh')).toHaveAttribute('data-status', 'rejected'))
    expect(within(card('cnh')).getByText(message)).toBeVisible()
    expect(card('cnh').querySelector('img, b')).toBeNull()
  })

  it('stops polling once nothing is in review', async () => {
    const customer = sandbox.control.createCustomer('person-cnh')
    await renderWidget({ customerId: customer.id })
    expect(sandbox.reads).toHaveLength(1)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(sandbox.reads).toHaveLength(1)

    await choose('cnh', pdf('cnh.pdf'))
    await waitFor(() => expect(card('cnh')).toHaveAttribute('data-status', 'approved'))
    const readsInReview = sandbox.reads.length
    expect(readsInReview).toBeGreaterThan(2)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(sandbox.reads).toHaveLength(readsInReview)
  })

  it('shows a progress bar while the bytes are on their way', async () => {
    const customer = sandbox.control.createCustomer('company')
    sandbox.control.injectFault({ route: 'upload', kind: 'slow', delayMs: 1000 })
    await renderWidget({ customerId: customer.id })
    await choose('ccmei', pdf('grande.pdf', { padding: 200_000 }))

    // jsdom reports upload progress only once the answer arrives, so the byte count itself is
    // checked in Chromium (e2e) and in the view test; here, the bar and its lifetime.
    expect(
      await within(card('ccmei')).findByRole('progressbar', {
        name: 'Progresso do envio de grande.pdf',
      }),
    ).toBeVisible()
    expect(card('ccmei')).toHaveAttribute('data-state', 'uploading')
    expect(within(card('ccmei')).getByText(paragraphText('Enviando grande.pdf…'))).toBeVisible()
    await waitFor(() => expect(card('ccmei')).toHaveAttribute('data-status', 'submitted'))
    expect(within(card('ccmei')).queryByRole('progressbar')).toBeNull()
  })

  it('asks before the page is left while an upload runs, and not before or after it', async () => {
    // The browser shows its own "leave site?" dialog when a beforeunload listener cancels it.
    const leaving = () => window.dispatchEvent(new Event('beforeunload', { cancelable: true }))
    const customer = sandbox.control.createCustomer('company')
    sandbox.control.injectFault({ route: 'upload', kind: 'slow', delayMs: 1000 })
    await renderWidget({ customerId: customer.id })
    expect(leaving(), 'nothing to lose yet: the page leaves freely').toBe(true)
    await choose('ccmei', pdf('contrato.pdf'))
    await waitFor(() => expect(card('ccmei')).toHaveAttribute('data-state', 'uploading'))
    expect(leaving(), 'an upload in flight: the browser asks first').toBe(false)
    await waitFor(() => expect(card('ccmei')).toHaveAttribute('data-status', 'submitted'))
    expect(leaving(), 'the file is stored: the page leaves freely').toBe(true)
  })

  it('still names the file it sent after a reload, but not a later upload made elsewhere', async () => {
    const customer = sandbox.control.createCustomer('company')
    await renderWidget({ customerId: customer.id })
    await choose('ccmei', pdf('rg.pdf'))
    await waitFor(() => expect(card('ccmei')).toHaveAttribute('data-status', 'approved'))
    sandbox.control.forceNextReview(customer.id, 'rejected', 'Ilegível')
    await choose('identity_card_front', pdf('frente.pdf'))
    await waitFor(() =>
      expect(card('identity_card_front')).toHaveAttribute('data-status', 'rejected'),
    )
    // The same document sent again from another browser (a phone): not this tab's file.
    sandbox.control.submitDocument(customer.id, 'identity_card_front', 'do-celular.jpg')

    cleanup()
    await renderWidget({ customerId: customer.id })
    expect(card('ccmei')).toHaveAttribute('data-state', 'idle')
    expect(within(card('ccmei')).getByText(paragraphText('Enviado: rg.pdf'))).toBeVisible()
    expect(card('identity_card_front')).toHaveAttribute('data-status', 'submitted')
    expect(card('identity_card_front')).not.toHaveTextContent('frente.pdf')

    cleanup()
    await renderWidget({ customerId: customer.id, rememberFileNames: false })
    expect(card('ccmei')).not.toHaveTextContent('rg.pdf')
  })

  it('cancels an upload: nothing is stored and the dropzone takes a file again', async () => {
    const customer = sandbox.control.createCustomer('company')
    sandbox.control.injectFault({ route: 'upload', kind: 'stall' })
    await renderWidget({ customerId: customer.id })
    await choose('ccmei', pdf('ccmei.pdf'))

    const cancel = await within(card('ccmei')).findByRole('button', { name: 'Cancelar envio' })
    // Cancel once the sandbox holds the request: cancelled earlier, the stall would be left
    // queued for the next upload.
    await waitFor(() => expect(sandbox.control.faults()).toHaveLength(0), { timeout: 15_000 })
    await setup().click(cancel)
    expect(card('ccmei')).toHaveAttribute('data-state', 'idle')
    expect(card('ccmei')).toHaveAttribute('data-status', 'pending')
    expect(liveRegion()).toHaveTextContent('Certificado MEI (CCMEI): envio cancelado')
    expect(dropzone('ccmei')).toHaveAttribute('tabindex', '0')
    expect(sandbox.control.documents(customer.id)).toHaveLength(0)

    await choose('ccmei', pdf('ccmei.pdf'))
    // A busy machine (the whole suite on two cores) can take longer than the default wait here.
    await waitFor(() => expect(card('ccmei')).toHaveAttribute('data-status', 'submitted'), {
      timeout: 15_000,
    })
    expect(sandbox.control.documents(customer.id)).toHaveLength(1)
  }, 30_000)

  it('retries a transient failure by itself with the same Idempotency-Key, storing one document', async () => {
    const customer = sandbox.control.createCustomer('company')
    sandbox.control.injectFault({ route: 'upload', kind: '500', times: 1 })
    const onError = vi.fn()
    await renderWidget({ customerId: customer.id, onError })
    await choose('selfie', fileOf(jpegBytes(), 'selfie.jpg', 'image/jpeg'))

    await waitFor(() => expect(card('selfie')).toHaveAttribute('data-state', 'retrying'))
    expect(within(card('selfie')).getByText('Falha temporária. Tentando de novo…')).toBeVisible()
    await waitFor(() => expect(card('selfie')).toHaveAttribute('data-status', 'submitted'))

    const keys = sandbox.uploads.map((sent) => sent.headers['idempotency-key'])
    expect(keys).toHaveLength(2)
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(keys[1]).toBe(keys[0])
    const stored = sandbox.control.documents(customer.id)
    expect(stored).toHaveLength(1)
    expect(stored[0]?.idempotency_key).toBe(keys[0])
    expect(onError).not.toHaveBeenCalled()
  })

  it('offers a manual retry, with the same key, when the server asks for a longer wait than we hold', async () => {
    const customer = sandbox.control.createCustomer('company')
    sandbox.control.injectFault({ route: 'upload', kind: '429', delayMs: 120_000 })
    const onError = vi.fn()
    await renderWidget({ customerId: customer.id, onError })
    await choose('ccmei', pdf('ccmei.pdf'))

    const retry = await within(card('ccmei')).findByRole('button', { name: 'Tentar de novo' })
    expect(card('ccmei')).toHaveAttribute('data-state', 'failed')
    expect(
      within(card('ccmei')).getByText(
        paragraphText(
          'Não foi possível enviar ccmei.pdf. Muitas tentativas seguidas. Aguarde um pouco e tente de novo.',
        ),
      ),
    ).toBeVisible()
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'rate_limit_exceeded' }))
    expect(liveRegion()).toHaveTextContent(/Certificado MEI \(CCMEI\): Muitas tentativas/)

    await setup().click(retry)
    await waitFor(() => expect(card('ccmei')).toHaveAttribute('data-status', 'submitted'))
    const keys = sandbox.uploads.map((sent) => sent.headers['idempotency-key'])
    expect(keys).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])
    expect(sandbox.control.documents(customer.id)).toHaveLength(1)
  })

  it('explains a refusal by the server and shows the document as it now stands', async () => {
    const customer = sandbox.control.createCustomer('person-cnh')
    await renderWidget({ customerId: customer.id })
    // Another tab sends the CNH first.
    const upload = multipartUpload('cnh', pdfBytes(), 'cnh.pdf', 'application/pdf')
    const elsewhere = await fetch(`${sandbox.url}/customers/${customer.id}/documents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await sandbox.getToken({ forceRefresh: false })}`,
        'content-type': upload.contentType,
      },
      body: upload.body,
    })
    expect(elsewhere.status).toBe(201)

    await choose('cnh', pdf('cnh-de-novo.pdf'))
    expect(
      await within(card('cnh')).findByText(/Este documento já está em análise ou aprovado/),
    ).toBeVisible()
    await waitFor(() => expect(card('cnh')).not.toHaveAttribute('data-status', 'pending'))
    expect(within(card('cnh')).queryByRole('button', { name: 'Tentar de novo' })).toBeNull()
  })

  it('runs at most three uploads at once; the fourth waits its turn', async () => {
    const customer = sandbox.control.createCustomer('company')
    sandbox.control.injectFault({ route: 'upload', kind: 'slow', delayMs: 800, times: 4 })
    await renderWidget({ customerId: customer.id })
    const types = ['ccmei', 'identity_card_front', 'identity_card_back', 'selfie']
    await Promise.all(
      types.map((type) => choose(type, fileOf(pngBytes(), `${type}.png`, 'image/png'))),
    )
    await waitFor(() => {
      const states = types.map((type) => card(type).getAttribute('data-state'))
      expect(states.filter((state) => state === 'uploading')).toHaveLength(3)
      expect(states.filter((state) => state === 'queued')).toHaveLength(1)
    })
    const queued = types.find((type) => card(type).getAttribute('data-state') === 'queued') ?? ''
    expect(within(card(queued)).getByText(paragraphText(`Na fila: ${queued}.png`))).toBeVisible()
    for (const type of types) {
      await waitFor(() => expect(card(type)).toHaveAttribute('data-status', 'submitted'))
    }
    expect(sandbox.control.documents(customer.id)).toHaveLength(4)
  })

  it('waits for the connection while offline, says so, and sends when it is back', async () => {
    const customer = sandbox.control.createCustomer('person-cnh')
    await renderWidget({ customerId: customer.id })
    act(() => {
      window.dispatchEvent(new Event('offline'))
    })
    try {
      await choose('cnh', pdf('cnh.pdf'))
      await waitFor(() => expect(card('cnh')).toHaveAttribute('data-state', 'paused'))
      expect(
        within(card('cnh')).getByText('Sem conexão. O envio continua quando a internet voltar.'),
      ).toBeVisible()
      expect(sandbox.uploads).toHaveLength(0)
    } finally {
      act(() => {
        window.dispatchEvent(new Event('online'))
      })
    }
    await waitFor(() => expect(card('cnh')).toHaveAttribute('data-status', 'submitted'))
    expect(sandbox.control.documents(customer.id)).toHaveLength(1)
  })

  it('gets a fresh token once when the old one expired, and the upload goes through', async () => {
    const customer = sandbox.control.createCustomer('person-cnh')
    const onUnauthorized = vi.fn()
    await renderWidget({ customerId: customer.id, onUnauthorized })
    const before = sandbox.tokenRequests.count
    sandbox.control.expireTokens()

    await choose('cnh', pdf('cnh.pdf'))
    await waitFor(() => expect(card('cnh')).toHaveAttribute('data-status', 'submitted'))
    expect(sandbox.tokenRequests.count).toBe(before + 1)
    expect(sandbox.uploads).toHaveLength(2)
    expect(sandbox.uploads[1]?.headers.authorization).not.toBe(
      sandbox.uploads[0]?.headers.authorization,
    )
    expect(sandbox.uploads[1]?.headers['idempotency-key']).toBe(
      sandbox.uploads[0]?.headers['idempotency-key'],
    )
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('uploads once under StrictMode', async () => {
    const customer = sandbox.control.createCustomer('person-cnh')
    render(<StrictMode>{widget({ customerId: customer.id })}</StrictMode>)
    await waitFor(() => expect(root()).toHaveAttribute('data-state', 'ready'))
    await choose('selfie', fileOf(jpegBytes(), 'selfie.jpg', 'image/jpeg'))
    await waitFor(() => expect(card('selfie')).toHaveAttribute('data-status', 'submitted'))
    expect(sandbox.uploads).toHaveLength(1)
    expect(sandbox.control.documents(customer.id)).toHaveLength(1)
  })

  it('puts no inline style on any element', async () => {
    const customer = sandbox.control.createCustomer('mixed')
    await renderWidget({ customerId: customer.id })
    await choose('ccmei', pdf('ccmei.pdf'))
    await waitFor(() => expect(card('ccmei')).toHaveAttribute('data-status', 'submitted'))
    expect(root().querySelectorAll('[style]')).toHaveLength(0)
  })
})
