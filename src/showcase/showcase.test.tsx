// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react'
import axe from 'axe-core'
import { interpolate, messageFor, type KycStrings, type ValidationCode } from '../index.ts'
import { en } from '../locales/en.ts'
import { ptBR } from '../locales/pt-BR.ts'
import { collectStories, type CsfModule } from './csf.ts'
import { displayFileName } from '../locales/format.ts'
import { EMOJI_NAME, HOSTILE_HTML, LONG_NAME, RTL_OVERRIDE_NAME } from './fixtures.ts'
import { ShowcaseApp } from './ShowcaseApp.tsx'
import { storyIds } from './story-index.ts'
import { stories } from './stories.ts'

const pt = ptBR.strings

afterEach(cleanup)

function renderPage(search: string) {
  return render(<ShowcaseApp stories={stories} search={search} />)
}

function widget(): HTMLElement {
  const root = document.querySelector<HTMLElement>('[data-kyc-uploader]')
  if (!root) throw new Error('no widget root on the page')
  return root
}

function card(type: string): HTMLElement {
  const element = widget().querySelector<HTMLElement>(`[data-kyc-type="${type}"]`)
  if (!element) throw new Error(`no element for document type ${type}`)
  return element
}

function cards(): HTMLElement[] {
  return [...widget().querySelectorAll<HTMLElement>('.kyc-list > [data-kyc-type]')]
}

function frame(): HTMLElement {
  const element = document.querySelector<HTMLElement>('[data-story]')
  if (!element) throw new Error('no story frame')
  return element
}

function expectStatus(type: string, status: string, strings: KycStrings = pt) {
  const element = card(type)
  expect(element).toHaveAttribute('data-status', status)
  const word = strings[`status.${status}` as keyof KycStrings]
  expect(within(element).getAllByText(word).length).toBeGreaterThan(0)
}

function progressOf(element: HTMLElement): number {
  const bar = within(element).getByRole('progressbar') as HTMLProgressElement
  return Math.round((bar.value / bar.max) * 100)
}

function expectRefused(code: ValidationCode, name?: string) {
  const element = card('ccmei')
  const message = messageFor(
    { code, params: { name: name ?? '', max: 10 * 1024 * 1024 } },
    pt,
    'pt-BR',
  )
  if (name) expect(message).toContain(name)
  // The refusal is read out with the dropzone it belongs to, and nothing is uploading.
  expect(
    within(element).getByRole('button', { name: /Certificado|CCMEI/i }),
  ).toHaveAccessibleDescription(expect.stringContaining(message))
  expect(element).toHaveAttribute('data-state', 'idle')
  expect(within(element).queryByRole('progressbar')).toBeNull()
}

function expectInert(root: HTMLElement) {
  expect(root.textContent).toContain(HOSTILE_HTML)
  expect(
    root.querySelector('script, img:not(.kyc-preview__image), b, a[href^="javascript"]'),
  ).toBeNull()
}

/** A photo waiting for the user, with its warnings, its preview and the two actions. */
function expectConfirm(warnings: string[]) {
  const front = card('identity_card_front')
  expect(front).toHaveAttribute('data-state', 'confirm')
  expect([...front.querySelectorAll('[data-warning]')].map((item) => item.textContent)).toEqual(
    warnings.map((code) => pt[`quality.${code}` as keyof typeof pt]),
  )
  expect(front.querySelector('img.kyc-preview__image')).not.toBeNull()
  expect(front.querySelector('[data-action="send-anyway"]')).toHaveTextContent(
    pt['quality.sendAnyway'],
  )
  expect(front.querySelector('[data-action="choose-another"]')).toHaveTextContent(
    pt['quality.chooseAnother'],
  )
}

/** What each story must show. A story without an entry here fails the suite. */
function handoffPanel(state: string): HTMLElement {
  const element = widget().querySelector<HTMLElement>('.kyc-handoff')
  expect(element).toHaveAttribute('data-state', state)
  return element as HTMLElement
}

/**
 * A viewfinder story: its state, the hint shown (`data-hint`, its text from the strings) and the
 * buttons of the contract, the shutter enabled only while aiming or good.
 */
function expectViewfinder(state: string, hint: string, strings: KycStrings = pt) {
  const dialog = document.querySelector<HTMLElement>('[data-kyc-viewfinder]')
  expect(dialog).toHaveAttribute('data-state', state)
  const shown = dialog?.querySelector('[data-hint]')
  expect(shown).toHaveAttribute('data-hint', hint)
  const key = hint === 'starting' || hint === 'failed' ? hint : `hint.${hint}`
  expect(shown).toHaveTextContent(strings[`viewfinder.${key}` as keyof KycStrings])
  for (const action of ['shutter', 'camera-app', 'choose-file', 'close']) {
    expect(dialog?.querySelector(`[data-action="${action}"]`)).toBeVisible()
  }
  const shutter = dialog?.querySelector('[data-action="shutter"]')
  if (state === 'aiming' || state === 'good') expect(shutter).toBeEnabled()
  else expect(shutter).toBeDisabled()
  expect(dialog?.querySelector('video.kyc-viewfinder__video')).not.toBeNull()
}

const EXPECTATIONS: Record<string, () => void> = {
  'viewfinder--starting': () => expectViewfinder('starting', 'starting'),
  'viewfinder--aiming': () => {
    expectViewfinder('aiming', 'aim')
    expect(document.querySelector('[data-outline="card"]')).not.toBeNull()
    expect(document.querySelector('[data-action="torch"]')).toBeNull()
  },
  'viewfinder--aiming-blurry': () => expectViewfinder('aiming', 'blurry'),
  'viewfinder--aiming-dark': () => expectViewfinder('aiming', 'dark'),
  'viewfinder--aiming-bright': () => expectViewfinder('aiming', 'bright'),
  'viewfinder--aiming-glare': () => expectViewfinder('aiming', 'glare'),
  'viewfinder--aiming-far': () => expectViewfinder('aiming', 'far'),
  'viewfinder--aiming-steady': () => expectViewfinder('aiming', 'steady'),
  'viewfinder--good': () => expectViewfinder('good', 'good'),
  'viewfinder--capturing': () => expectViewfinder('capturing', 'good'),
  'viewfinder--failed': () => {
    expectViewfinder('failed', 'failed')
    expect(screen.getByRole('status')).toHaveTextContent(pt['viewfinder.failed'])
  },
  'viewfinder--with-torch': () => {
    expectViewfinder('aiming', 'aim')
    expect(document.querySelector('[data-action="torch"]')).toHaveAttribute('aria-pressed', 'false')
  },
  'viewfinder--page': () => {
    expectViewfinder('aiming', 'aim')
    expect(document.querySelector('[data-outline="page"]')).not.toBeNull()
  },
  'viewfinder--selfie': () => {
    const dialog = document.querySelector('[data-kyc-viewfinder]')
    expect(dialog?.querySelector('[data-hint="aim"]')).toHaveTextContent(pt['viewfinder.hint.face'])
    expect(dialog?.querySelector('video.kyc-viewfinder__video--mirrored')).not.toBeNull()
    expect(dialog?.querySelector('[data-outline="face"]')).not.toBeNull()
  },
  'viewfinder--english-dark': () => {
    expectViewfinder('aiming', 'glare', en.strings)
    expect(frame()).toHaveAttribute('data-theme', 'dark')
    expect(screen.getByRole('dialog')).toHaveAccessibleName('Photograph: ID card (front)')
  },
  // Live: the widget waits for the demo session (none here) and its event list starts empty; the
  // e2e suite uploads through it against the sandbox (e2e/showcase.spec.ts).
  'events--live': () => {
    expect(widget()).toHaveAttribute('data-state', 'loading')
    expect(screen.getByRole('heading', { name: 'onEvent' })).toBeVisible()
    expect(document.querySelector('[data-events="0"]')).not.toBeNull()
  },
  'hand-off--offered': () => {
    const button = within(handoffPanel('idle')).getByRole('button', { name: pt['handoff.start'] })
    expect(button).toHaveAttribute('data-action', 'handoff')
  },
  // The opened panel's QR code, link and buttons come in a chunk of their own (HandoffPanel.test.tsx
  // waits for them); what renders at once is the state and its status line.
  'hand-off--waiting': () => {
    expect(within(handoffPanel('waiting')).getByRole('status')).toHaveTextContent(
      pt['handoff.waiting'],
    )
  },
  'hand-off--used': () => {
    expect(within(handoffPanel('used')).getByRole('status')).toHaveTextContent(pt['handoff.used'])
    expectStatus('identity_card_front', 'submitted')
  },
  'hand-off--expired': () => {
    expect(within(handoffPanel('expired')).getByRole('status')).toHaveTextContent(
      pt['handoff.expired'],
    )
  },
  'hand-off--failed': () => {
    expect(within(handoffPanel('failed')).getByRole('status')).toHaveTextContent(
      pt['error.network_error'],
    )
  },
  'hand-off--unavailable': () => {
    expect(handoffPanel('unavailable')).toHaveTextContent(pt['handoff.unavailable'])
    expect(widget().querySelector('[data-action="handoff"]')).toBeNull()
  },
  'hand-off--phone-done': () => {
    expect(within(widget()).getByText(pt['handoff.done'])).toBeVisible()
    for (const element of cards()) expect(element).toHaveAttribute('data-status', 'submitted')
  },
  'states--loading': () => {
    expect(widget()).toHaveAttribute('data-state', 'loading')
    expect(within(widget()).getByText(pt['state.loading'])).toBeVisible()
    expect(cards()).toHaveLength(0)
  },
  'states--not-found': () => {
    expect(widget()).toHaveAttribute('data-state', 'not-found')
    expect(within(widget()).getByText(pt['state.notFound'])).toBeVisible()
  },
  'states--nothing-required': () => {
    expect(widget()).toHaveAttribute('data-state', 'empty')
    expect(within(widget()).getByText(pt['state.empty'])).toBeVisible()
    expect(cards()).toHaveLength(0)
  },
  'states--error-loading': () => {
    expect(widget()).toHaveAttribute('data-state', 'error')
    expect(widget()).toHaveTextContent(pt['error.network_error'])
    expect(within(widget()).getByRole('button', { name: pt['state.retry'] })).toBeEnabled()
  },
  'states--error-loading-provider-down': () => {
    expect(widget()).toHaveAttribute('data-state', 'error')
    expect(widget()).toHaveTextContent(pt['error.provider_unreachable'])
  },
  'states--all-approved': () => {
    expect(cards()).toHaveLength(4)
    for (const element of cards()) expect(element).toHaveAttribute('data-status', 'approved')
    expect(within(widget()).getByText(pt['state.complete'])).toBeVisible()
  },
  'documents--pending': () => {
    expectStatus('ccmei', 'pending')
    expect(card('ccmei').querySelector('input[type=file]')).toBeEnabled()
    expect(within(card('ccmei')).getByRole('button', { name: /CCMEI/ })).toHaveAttribute(
      'tabindex',
      '0',
    )
  },
  'documents--submitted': () => {
    expectStatus('ccmei', 'submitted')
    expect(card('ccmei').querySelector('input[type=file]')).toBeDisabled()
  },
  'documents--approved': () => {
    expectStatus('ccmei', 'approved')
    expect(within(widget()).getByText(pt['state.complete'])).toBeVisible()
  },
  'documents--rejected': () => {
    expectStatus('ccmei', 'rejected')
    expect(card('ccmei')).toHaveTextContent('O documento está ilegível. Envie uma foto nítida.')
    expect(within(card('ccmei')).getByRole('button', { name: /CCMEI/ })).toHaveAccessibleName(
      expect.stringContaining(pt['dropzone.sendAgain']),
    )
  },
  'documents--mixed-statuses': () => {
    expectStatus('ccmei', 'pending')
    expectStatus('identity_card_front', 'submitted')
    expectStatus('identity_card_back', 'approved')
    expectStatus('selfie', 'rejected')
  },
  'documents--uploading-40-percent': () => {
    const element = card('ccmei')
    expect(element).toHaveAttribute('data-state', 'uploading')
    expect(progressOf(element)).toBe(40)
    expect(within(element).getByRole('progressbar')).toHaveAccessibleName(
      expect.stringContaining('certificado-mei.pdf'),
    )
    expect(within(element).getByRole('button', { name: pt['upload.cancel'] })).toBeEnabled()
    expect(cards().filter((c) => c.querySelector('[role=progressbar], progress'))).toHaveLength(1)
  },
  'documents--upload-starting': () => {
    const element = card('selfie')
    expect(element).toHaveAttribute('data-state', 'uploading')
    const bar = within(element).getByRole('progressbar')
    // Indeterminate: no value at all, so nothing claims 0 % was sent.
    expect(bar).not.toHaveAttribute('value')
    expect(bar).not.toHaveAttribute('aria-valuenow')
    expect(within(element).getByRole('button', { name: pt['upload.cancel'] })).toBeEnabled()
  },
  'documents--upload-states': () => {
    expect(card('ccmei')).toHaveAttribute('data-state', 'validating')
    expect(card('identity_card_front')).toHaveAttribute('data-state', 'queued')
    expect(card('identity_card_back')).toHaveAttribute('data-state', 'retrying')
    expect(card('identity_card_back')).toHaveTextContent(pt['upload.retrying'])
    expect(card('selfie')).toHaveAttribute('data-state', 'paused')
    expect(card('selfie')).toHaveTextContent(pt['upload.paused'])
    expect(card('proof_of_address')).toHaveAttribute('data-state', 'done')
  },
  'documents--failed-upload-with-retry': () => {
    const element = card('identity_card_front')
    expect(element).toHaveAttribute('data-state', 'failed')
    expect(element).toHaveTextContent(interpolate(pt['upload.failed'], { name: 'rg-frente.jpg' }))
    expect(element).toHaveTextContent(pt['error.network_error'])
    expect(within(element).getByRole('button', { name: pt['upload.retry'] })).toBeEnabled()
    expect(screen.getByRole('status')).toHaveTextContent(pt['error.network_error'])
  },
  'documents--rejected-long-message': () => {
    expectStatus('identity_card_front', 'rejected')
    expect(card('identity_card_front')).toHaveTextContent(
      /^.*A foto está desfocada.*parte.*recusados\./,
    )
    expectStatus('identity_card_back', 'approved')
  },
  'documents--data-item': () => {
    const item = card('address')
    expect(item).toHaveTextContent('Endereço residencial')
    expect(item).toHaveTextContent(pt['data.note'])
    expect(item.querySelector('input[type=file]')).toBeNull()
    expect(cards().map((c) => c.dataset.kycType)).toEqual(['cnh', 'selfie'])
  },
  'documents--biometrics': () => {
    const element = card('biometrics')
    expect(element).toHaveAttribute('data-status', 'pending')
    expect(within(element).getByRole('button', { name: pt['biometrics.start'] })).toBeEnabled()
    expect(element.querySelector('input[type=file]')).toBeNull()
  },
  'documents--biometrics-without-handler': () => {
    const element = card('biometrics')
    expect(element).toHaveTextContent(pt['biometrics.note'])
    expect(within(element).queryByRole('button')).toBeNull()
  },
  'documents--many-documents': () => {
    expect(cards().length).toBeGreaterThanOrEqual(8)
    expect(card('power_of_attorney')).toHaveTextContent('Procuração do sócio administrador')
    expect(card('biometrics')).toBeInTheDocument()
    expect(card('mother_name')).toHaveTextContent('Nome da mãe')
  },
  'validation-errors--file-empty': () => expectRefused('file_empty', 'certificado-vazio.pdf'),
  'validation-errors--file-too-large': () => {
    expectRefused('file_too_large', 'foto-da-camera.jpg')
    expect(card('ccmei')).toHaveTextContent(/10\sMB/)
  },
  'validation-errors--file-heic': () => expectRefused('file_heic'),
  'validation-errors--file-type-unsupported': () =>
    expectRefused('file_type_unsupported', 'planilha.xlsx'),
  'validation-errors--file-disguised': () => expectRefused('file_disguised', 'nota-fiscal.pdf'),
  'validation-errors--file-corrupt': () =>
    expectRefused('file_corrupt', 'download-interrompido.pdf'),
  'validation-errors--file-encrypted': () =>
    expectRefused('file_encrypted', 'extrato-protegido.pdf'),
  'validation-errors--file-unreadable': () =>
    expectRefused('file_unreadable', 'arquivo-da-nuvem.pdf'),
  'validation-errors--too-many-files': () => expectRefused('too_many_files'),
  'validation-errors--file-photo-required': () => {
    expect(card('selfie')).toHaveTextContent('rg.pdf não é uma foto')
    expect(card('selfie')).toHaveTextContent(pt['dropzone.hintPhoto'].replace('{max}', '10 MB'))
  },
  'capture--confirm-blurry': () => expectConfirm(['blurry']),
  'capture--confirm-dark': () => expectConfirm(['dark']),
  'capture--confirm-bright': () => expectConfirm(['bright']),
  'capture--confirm-small': () => expectConfirm(['small']),
  'capture--confirm-blurry-and-dark': () => expectConfirm(['blurry', 'dark']),
  'capture--processing': () => {
    expect(card('ccmei')).toHaveAttribute('data-state', 'processing')
    expect(card('ccmei')).toHaveTextContent(pt['upload.processing'])
    expect(within(card('ccmei')).queryByRole('progressbar')).toBeNull()
    // Every byte is out: a cancel could not take it back, so none is offered.
    expect(within(card('ccmei')).queryByRole('button', { name: pt['upload.cancel'] })).toBeNull()
  },
  'capture--cancelled': () => {
    expect(card('selfie')).toHaveAttribute('data-state', 'idle')
    expect(card('selfie')).toHaveTextContent(pt['upload.cancelled'])
  },
  'capture--preview': () => {
    expect(card('identity_card_front').querySelector('img.kyc-preview__image')).toHaveAttribute(
      'alt',
      'Prévia de rg-frente.jpg',
    )
    expect(card('ccmei')).toHaveTextContent('Arquivo PDF · 2 MB · 2 pág.')
  },
  'capture--sent-and-reviewed': () => {
    expect(card('ccmei')).toHaveTextContent('Enviado: rg.pdf')
    expectStatus('ccmei', 'approved')
    // A rejected document's file is named as refused, not in words that read like success.
    expect(card('identity_card_front')).toHaveTextContent('Arquivo recusado: rg-frente.jpg')
    expect(card('identity_card_front')).not.toHaveTextContent('Enviado:')
    expectStatus('identity_card_front', 'rejected')
  },
  'capture--sent-before-reload': () => {
    expect(card('ccmei')).toHaveAttribute('data-state', 'idle')
    expect(card('ccmei')).toHaveTextContent('Enviado: rg.pdf')
    expectStatus('ccmei', 'submitted')
    expect(card('selfie')).toHaveTextContent('Arquivo recusado: selfie.jpg')
    expect(within(card('selfie')).getByRole('button', { name: /Selfie/ })).toBeEnabled()
    expect(card('identity_card_front')).not.toHaveTextContent('Enviado:')
  },
  'appearance--pt-br-light': () => {
    expect(frame()).toHaveAttribute('lang', 'pt-BR')
    expect(frame()).toHaveAttribute('data-theme', 'light')
    expectStatus('ccmei', 'approved', pt)
    expect(progressOf(card('selfie'))).toBe(40)
  },
  'appearance--en-light': () => {
    expect(frame()).toHaveAttribute('lang', 'en')
    expectStatus('ccmei', 'approved', en.strings)
    expectStatus('identity_card_front', 'submitted', en.strings)
    expect(widget()).toHaveTextContent(en.strings['label.ccmei'])
    expect(widget()).not.toHaveTextContent(pt['status.approved'])
  },
  'appearance--pt-br-dark': () => {
    expect(frame()).toHaveAttribute('data-theme', 'dark')
    expectStatus('identity_card_back', 'rejected', pt)
  },
  'appearance--en-dark': () => {
    expect(frame()).toHaveAttribute('data-theme', 'dark')
    expect(frame()).toHaveAttribute('lang', 'en')
    expectStatus('identity_card_back', 'rejected', en.strings)
  },
  'appearance--phone-width': () => {
    expect(frame()).toHaveClass('showcase-frame--phone')
    expect(frame()).not.toHaveAttribute('style')
  },
  'appearance--phone-width-dark-en': () => {
    expect(frame()).toHaveClass('showcase-frame--phone')
    expect(frame()).toHaveAttribute('data-theme', 'dark')
    expectStatus('ccmei', 'approved', en.strings)
  },
  'hostile-input--html-in-reviewer-message': () => {
    expectStatus('ccmei', 'rejected')
    expectInert(card('ccmei'))
  },
  'hostile-input--html-in-description': () => {
    expectInert(card('unknown_type'))
    expectInert(card('selfie'))
    expectInert(card('unknown_data'))
  },
  'hostile-input--odd-file-names': () => {
    expect(card('ccmei')).toHaveTextContent(displayFileName(RTL_OVERRIDE_NAME))
    expect(card('identity_card_front')).toHaveTextContent(EMOJI_NAME)
    expect(LONG_NAME).toHaveLength(300)
    expect(card('identity_card_back')).toHaveTextContent(LONG_NAME)
    expect(card('selfie')).toHaveTextContent(LONG_NAME)
  },
  'hostile-input--odd-file-names-phone': () => {
    expect(frame()).toHaveClass('showcase-frame--phone')
    expect(card('ccmei')).toHaveTextContent(displayFileName(RTL_OVERRIDE_NAME))
  },
}

describe('the story list', () => {
  it('is what story-index.ts tells the e2e suite', () => {
    expect(storyIds).toEqual(stories.map((story) => story.id))
  })

  it('has at least one expectation per story, and no expectation without a story', () => {
    expect(Object.keys(EXPECTATIONS).sort()).toEqual(stories.map((story) => story.id).sort())
  })

  it('links every story from the index page', () => {
    renderPage('')
    const links = new Map(
      [...document.querySelectorAll<HTMLAnchorElement>('main a')].map((a) => [
        a.getAttribute('href'),
        a.textContent,
      ]),
    )
    for (const story of stories) expect(links.get(`?story=${story.id}`)).toBe(story.name)
  })
})

describe.each(stories.map((story) => [story.id, story] as const))('story %s', (id, story) => {
  it('renders its state, ready for the e2e scan', () => {
    renderPage(`?story=${encodeURIComponent(id)}`)
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(story.name)
    expect(document.querySelector(`[data-story="${id}"]`)).toHaveAttribute('data-story-ready')
    expect(document.querySelector('[data-story-error]')).toBeNull()
    expect(document.querySelector('[style]')).toBeNull()
    EXPECTATIONS[id]?.()
  })
})

// The e2e suite scans every story with axe in Chromium, colour contrast included. Here, where a
// scan takes seconds, two pages that hold every kind of element the widget draws catch most
// mistakes before a browser starts.
describe.each(['appearance--pt-br-light', 'states--error-loading'])('axe on %s', (id) => {
  it('finds no violation (contrast aside: jsdom has no layout)', async () => {
    renderPage(`?story=${id}`)
    const results = await axe.run(document.body, {
      rules: { 'color-contrast': { enabled: false } },
    })
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
    ).toEqual([])
  })
})

describe('the showcase page', () => {
  it('says so when a story id is unknown, without a ready marker', () => {
    renderPage('?story=documents--nope')
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Not found')
    expect(document.querySelector('[data-story-ready]')).toBeNull()
  })

  it('shows a story that throws as an error, never as ready', () => {
    const failing = collectStories([
      {
        default: { title: 'Broken' },
        Throws: {
          render: () => {
            throw new Error('fixture is missing')
          },
        },
      } satisfies CsfModule,
    ])
    vi.spyOn(console, 'error').mockImplementation(() => {})
    render(<ShowcaseApp stories={failing} search="?story=broken--throws" />)
    expect(screen.getByRole('alert')).toHaveTextContent('fixture is missing')
    expect(document.querySelector('[data-story-ready]')).toBeNull()
  })

  it('puts a whole group side by side on one page', () => {
    renderPage('?title=validation-errors')
    const group = stories.filter((story) => story.title === 'Validation errors')
    expect(document.querySelectorAll('[data-kyc-uploader]')).toHaveLength(group.length)
    expect(document.querySelectorAll('[data-story-ready]')).toHaveLength(group.length)
  })
})
