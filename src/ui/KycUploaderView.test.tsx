// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import axe from 'axe-core'
import { en } from '../locales/en.ts'
import { fixtureSlot, fixtureViewModel } from './fixtures.ts'
import { KycUploaderView } from './KycUploaderView.tsx'

function root() {
  return document.querySelector('[data-kyc-uploader]') as HTMLElement
}

function card(type: string) {
  return document.querySelector(`[data-kyc-type="${type}"]`) as HTMLElement
}

/** A paragraph's whole text, which may run across elements (file names sit in their own <bdi>). */
function paragraphText(text: string) {
  return (_content: string, element: Element | null) =>
    element?.tagName === 'P' && element.textContent === text
}

async function axeViolations() {
  // jsdom cannot compute colours; contrast is checked in Chromium by the e2e suite.
  const result = await axe.run(root(), { rules: { 'color-contrast': { enabled: false } } })
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.length}`)
}

const noop = () => {}

describe('KycUploaderView', () => {
  it.each([
    ['loading', 'Carregando documentos…'],
    ['empty', 'Nenhum documento pendente. Não há nada para enviar.'],
    ['not-found', 'Cadastro não encontrado. Confira o link ou fale com o suporte.'],
  ] as const)('says what is going on while %s', (state, text) => {
    render(<KycUploaderView {...fixtureViewModel({ state })} className="host-class" />)
    expect(root()).toHaveAttribute('data-state', state)
    expect(root()).toHaveClass('kyc-uploader', 'host-class')
    expect(screen.getByText(text)).toBeVisible()
  })

  it('says at the top how many documents are sent and which are missing; the hand-off offer goes once nothing is left', () => {
    const handoff = {
      state: 'idle' as const,
      url: null,
      code: null,
      secondsLeft: 0,
      error: null,
      start: noop,
      close: noop,
      end: noop,
    }
    const documents = [
      fixtureSlot({ type: 'ccmei', status: 'approved' }),
      fixtureSlot({ type: 'selfie', status: 'rejected' }),
      fixtureSlot({ type: 'identity_card_front' }),
      fixtureSlot({ type: 'cnh', status: 'submitted' }),
    ]
    const { rerender } = render(<KycUploaderView {...fixtureViewModel({ documents, handoff })} />)
    expect(document.querySelector('.kyc-summary')).toHaveTextContent(
      '2 de 4 documentos enviados. Falta enviar: Selfie, RG (frente).',
    )
    expect(screen.getByRole('button', { name: 'Continuar no celular' })).toBeVisible()
    const sent = documents.map((slot) => ({ ...slot, status: 'submitted' as const }))
    rerender(<KycUploaderView {...fixtureViewModel({ documents: sent, handoff })} />)
    expect(document.querySelector('.kyc-summary')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Continuar no celular' })).toBeNull()
  })

  it('offers to load again after an error', async () => {
    const retryLoad = vi.fn()
    const error = { code: 'network_error', message: 'Sem conexão com o servidor.' }
    render(<KycUploaderView {...fixtureViewModel({ state: 'error', error, retryLoad })} />)
    expect(
      screen.getByText('Não foi possível carregar seus documentos. Sem conexão com o servidor.'),
    ).toBeVisible()
    await userEvent.click(screen.getByRole('button', { name: 'Tentar novamente' }))
    expect(retryLoad).toHaveBeenCalledTimes(1)
  })

  it('shows bytes sent on a progress bar, and a cancel button', async () => {
    const cancel = vi.fn()
    const slot = fixtureSlot({
      type: 'cnh',
      cancel,
      upload: {
        state: 'uploading',
        fileName: 'cnh.pdf',
        progress: { loaded: 150 * 1024, total: 300 * 1024 },
      },
    })
    render(<KycUploaderView {...fixtureViewModel({ documents: [slot] })} />)
    const bar = screen.getByRole('progressbar', { name: 'Progresso do envio de cnh.pdf' })
    expect(bar).toHaveAttribute('value', String(150 * 1024))
    expect(bar).toHaveAttribute('max', String(300 * 1024))
    expect(bar).toHaveAttribute('aria-valuetext', '150 kB de 300 kB')
    expect(card('cnh')).toHaveAttribute('data-state', 'uploading')
    expect(within(card('cnh')).getByRole('button', { name: /CNH/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    )
    await userEvent.click(screen.getByRole('button', { name: 'Cancelar envio' }))
    expect(cancel).toHaveBeenCalledTimes(1)
  })

  it('says an upload waits for the connection instead of spinning', () => {
    const slot = fixtureSlot({ type: 'selfie', upload: { state: 'paused', fileName: 'eu.jpg' } })
    render(<KycUploaderView {...fixtureViewModel({ documents: [slot] })} />)
    expect(
      screen.getByText('Sem conexão. O envio continua quando a internet voltar.'),
    ).toBeVisible()
    expect(screen.getByRole('button', { name: 'Cancelar envio' })).toBeVisible()
    expect(screen.queryByRole('progressbar')).toBeNull()
  })

  it('offers a retry only when it may help', async () => {
    const retry = vi.fn()
    const failed = (retryable: boolean, code: string, message: string) =>
      fixtureSlot({
        type: retryable ? 'ccmei' : 'selfie',
        retry,
        upload: { state: 'failed', fileName: 'a.pdf', retryable, error: { code, message } },
      })
    render(
      <KycUploaderView
        {...fixtureViewModel({
          documents: [
            failed(true, 'internal_error', 'O serviço de análise falhou.'),
            failed(false, 'document_locked', 'Este documento já está em análise ou aprovado.'),
          ],
        })}
      />,
    )
    expect(
      within(card('ccmei')).getByText(
        paragraphText('Não foi possível enviar a.pdf. O serviço de análise falhou.'),
      ),
    ).toBeVisible()
    await userEvent.click(within(card('ccmei')).getByRole('button', { name: 'Tentar de novo' }))
    expect(retry).toHaveBeenCalledTimes(1)
    expect(within(card('selfie')).queryByRole('button', { name: 'Tentar de novo' })).toBeNull()
  })

  it('renders provider and reviewer text as text', () => {
    const markup = '<img src=x onerror=alert(1)>Contrato <i>social</i>'
    const slot = fixtureSlot({
      type: 'contrato_social',
      label: markup,
      status: 'rejected',
      message: markup,
    })
    render(<KycUploaderView {...fixtureViewModel({ documents: [slot] })} />)
    expect(within(card('contrato_social')).getAllByText(markup)).toHaveLength(2)
    expect(root().querySelector('img, i')).toBeNull()
  })

  it('reads in English with the en strings', () => {
    const slot = fixtureSlot(
      { type: 'proof_of_address', status: 'rejected', message: 'Old bill.' },
      en,
    )
    render(<KycUploaderView {...fixtureViewModel({ documents: [slot] }, en)} />)
    expect(screen.getByText('Proof of address')).toBeVisible()
    expect(screen.getByText('Rejected')).toBeVisible()
    expect(screen.getByText('Reason for rejection:')).toBeVisible()
    expect(screen.getByRole('button', { name: /Send again/ })).toBeVisible()
  })

  it('invites the drop while a file is dragged over a dropzone, and hands the drop to the slot', async () => {
    const selectFiles = vi.fn()
    render(
      <KycUploaderView
        {...fixtureViewModel({ documents: [fixtureSlot({ type: 'cnh', selectFiles })] })}
      />,
    )
    const zone = within(card('cnh')).getByRole('button')
    const file = new File(['%PDF-'], 'cnh.pdf', { type: 'application/pdf' })
    const item = { kind: 'file', type: file.type, getAsFile: () => file }
    const dataTransfer = { files: [file], items: [item], types: ['Files'] }

    fireEvent.dragEnter(zone, { dataTransfer })
    expect(await within(zone).findByText('Solte o arquivo para enviar')).toBeVisible()
    expect(zone).toHaveAttribute('data-drag-active', 'true')

    fireEvent.drop(zone, { dataTransfer })
    await waitFor(() => expect(selectFiles).toHaveBeenCalledWith([file], { containsFolder: false }))
    expect(within(zone).queryByText('Solte o arquivo para enviar')).toBeNull()
  })

  it('names each dropzone by its document and everything it shows; the hint describes it', () => {
    const documents = [
      fixtureSlot({ type: 'ccmei' }),
      fixtureSlot({ type: 'selfie', upload: { state: 'uploading', fileName: 'eu.jpg' } }),
      fixtureSlot({ type: 'cnh', status: 'submitted', uploadedAt: '2026-03-03T15:12:40.000Z' }),
      fixtureSlot({ type: 'proof_of_address', status: 'rejected', message: 'Ilegível.' }),
    ]
    render(<KycUploaderView {...fixtureViewModel({ documents })} />)
    const zone = (type: string) => within(card(type)).getByRole('button', { name: /^(?!Cancelar)/ })
    // Speech users say what they see (WCAG 2.5.3): no visible word inside the button is missing
    // from its name.
    for (const type of ['ccmei', 'selfie', 'cnh', 'proof_of_address']) {
      const name = zone(type).textContent?.trim() ?? ''
      expect(zone(type)).toHaveAccessibleName(expect.stringContaining(name))
    }
    expect(zone('ccmei')).toHaveAccessibleName(
      'Certificado MEI (CCMEI) Arraste o arquivo até aqui ou clique para escolher',
    )
    expect(zone('ccmei')).toHaveAccessibleDescription('PDF, JPEG ou PNG, até 10 MB')
    expect(zone('ccmei')).not.toHaveTextContent('PDF')
    // While a file is on its way the dropzone says nothing more: the upload line names the file,
    // once.
    expect(zone('selfie')).toHaveAccessibleName('Selfie')
    expect(card('selfie').textContent?.match(/eu\.jpg/g)).toHaveLength(1)
    expect(zone('cnh')).toHaveAccessibleDescription(/^Enviado em 03\/03\/2026/)
    expect(zone('cnh')).not.toHaveTextContent('Enviado em')
    expect(zone('proof_of_address')).toHaveAccessibleDescription('PDF, JPEG ou PNG, até 10 MB')
  })

  it('isolates file names and shows their bidi controls, even in a view model built by hand', () => {
    const documents = [
      fixtureSlot({ type: 'cnh', upload: { state: 'uploading', fileName: 'fatura\u202Egpj.exe' } }),
      fixtureSlot({
        type: 'selfie',
        upload: {
          state: 'failed',
          fileName: '\u2067eu.jpg',
          error: { code: 'timeout', message: 'Demorou.' },
        },
      }),
    ]
    render(<KycUploaderView {...fixtureViewModel({ documents })} />)
    expect(root().textContent).not.toMatch(/[\u202E\u2067]/)
    expect(card('cnh').querySelector('.kyc-upload__line')).toHaveTextContent(
      'Enviando fatura[U+202E]gpj.exe…',
    )
    expect(screen.getByRole('progressbar')).toHaveAccessibleName(
      'Progresso do envio de fatura[U+202E]gpj.exe',
    )
    const names = [...root().querySelectorAll('bdi')].map((element) => element.textContent)
    expect(names).toEqual(['fatura[U+202E]gpj.exe', '[U+2067]eu.jpg'])
  })

  it('shows each data item with its status, and the reviewer message of a rejected one as text', () => {
    const message = '<b>CPF</b> não confere com a Receita.'
    render(
      <KycUploaderView
        {...fixtureViewModel({
          dataItems: [
            { type: 'mother_name', label: 'Nome da mãe', status: 'rejected', message },
            { type: 'address', label: 'Endereço', status: 'approved', message: null },
            { type: 'income', label: 'Renda', status: 'pending', message: null },
          ],
        })}
      />,
    )
    const rejected = card('mother_name')
    expect(within(rejected).getByText('Recusado')).toBeVisible()
    expect(within(rejected).getByText('Motivo da recusa:').parentElement).toHaveTextContent(
      `Motivo da recusa: ${message}`,
    )
    expect(rejected.querySelector('b')).toBeNull()
    expect(within(rejected).getByText('A ser completado em outra etapa do cadastro')).toBeVisible()
    expect(within(card('address')).getByText('Aprovado')).toBeVisible()
    expect(card('address')).not.toHaveTextContent('A ser completado')
    expect(within(card('income')).getByText('Pendente')).toBeVisible()
    expect(card('income')).toHaveTextContent('A ser completado em outra etapa do cadastro')
  })

  it('passes axe in every state of a document', async () => {
    const documents = [
      fixtureSlot({ type: 'ccmei' }),
      fixtureSlot({
        type: 'identity_card_front',
        validationError: { code: 'file_heic', message: 'Fotos HEIC não são aceitas.' },
      }),
      fixtureSlot({
        type: 'identity_card_back',
        upload: { state: 'uploading', fileName: 'b.jpg', progress: { loaded: 1, total: 2 } },
      }),
      fixtureSlot({ type: 'selfie', upload: { state: 'queued', fileName: 's.jpg' } }),
      fixtureSlot({ type: 'cnh', status: 'submitted', uploadedAt: '2026-03-03T15:12:40.000Z' }),
      fixtureSlot({ type: 'proof_of_address', status: 'approved' }),
      fixtureSlot({ type: 'proof_of_income', status: 'rejected', message: 'Ilegível.' }),
      fixtureSlot({
        type: 'passport',
        upload: {
          state: 'failed',
          fileName: 'p.pdf',
          retryable: true,
          error: { code: 'timeout', message: 'Demorou.' },
        },
      }),
    ]
    render(
      <KycUploaderView
        {...fixtureViewModel({
          documents,
          dataItems: [
            { type: 'mother_name', label: 'Nome da mãe', status: 'rejected', message: null },
          ],
          biometrics: {
            type: 'biometrics',
            label: 'Biometria facial',
            status: 'pending',
            message: null,
            start: () => {},
          },
          announcement: 'CNH: Aprovado',
        })}
      />,
    )
    expect(await axeViolations()).toEqual([])
    expect(root().querySelectorAll('[style]')).toHaveLength(0)
  })
})
