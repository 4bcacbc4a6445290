import { readFileSync } from 'node:fs'
import { en } from './en.ts'
import { es } from './es.ts'
import { formatBytes, formatDateTime, interpolate, resolveStrings } from './format.ts'
import { labelFor, messageFor } from './messages.ts'
import { ptBR } from './pt-BR.ts'
import {
  ApiErrorCode,
  ClientErrorCode,
  abortedError,
  errorFromResponse,
  networkError,
  timeoutError,
} from '../api/errors.ts'
import { ValidationCode } from '../core/validate.ts'
import type { KycLocale, MessageCode } from './types.ts'

const ALL_CODES: MessageCode[] = [
  ...new Set([
    ...Object.values(ValidationCode),
    ...Object.values(ApiErrorCode),
    ...Object.values(ClientErrorCode),
  ]),
]
const LOCALES: KycLocale[] = [ptBR, en, es]
const params = { name: 'rg-frente.jpg', max: 10 * 1024 * 1024, megapixels: 200, maxMegapixels: 120 }

describe.each(LOCALES)('messages in $tag', (locale) => {
  const { strings, tag } = locale

  it.each(ALL_CODES)('gives %s a message of its own, filled in', (code) => {
    const message = messageFor({ code, detail: 'Detail from the server', params }, strings, tag)
    expect(message).not.toBe(strings['error.generic'])
    expect(message).not.toContain('Detail from the server')
    expect(message).not.toMatch(/[{}]/)
    expect(message.trim()).toBe(message)
    expect(message.length).toBeGreaterThan(10)
  })

  it('never gives two codes the same message', () => {
    const messages = ALL_CODES.map((code) => messageFor({ code, params }, strings, tag))
    expect(new Set(messages).size).toBe(messages.length)
  })

  it('names the file and the limit, as sizes in the locale', () => {
    const message = messageFor({ code: 'file_too_large', params }, strings, tag)
    expect(message).toContain('rg-frente.jpg')
    expect(message).toContain('10 MB')
  })

  it("falls back to the server's detail, as given, then to the generic message", () => {
    const detail = 'O CPF do documento não confere <b>com</b> o cadastro.'
    expect(messageFor({ code: 'cpf_mismatch', detail: `  ${detail} ` }, strings, tag)).toBe(detail)
    expect(messageFor({ code: 'cpf_mismatch', detail: '  ' }, strings, tag)).toBe(
      strings['error.generic'],
    )
    expect(messageFor({ code: 'http_502' }, strings, tag)).toBe(strings['error.generic'])
  })

  it('maps what the client really produces', () => {
    const problem = (status: number, body: object) =>
      errorFromResponse(status, new Headers(), JSON.stringify(body))
    expect(
      messageFor(problem(429, { code: 'rate_limit_exceeded', detail: 'slow down' }), strings, tag),
    ).toBe(strings['error.rate_limit_exceeded'])
    expect(
      messageFor(problem(422, { code: 'brand_new_code', detail: 'Explained.' }), strings, tag),
    ).toBe('Explained.')
    const gatewayPage = errorFromResponse(502, new Headers(), '<html>Bad gateway</html>')
    expect(messageFor(gatewayPage, strings, tag)).toBe(strings['error.invalid_response'])
    expect(messageFor(networkError(), strings, tag)).toBe(strings['error.network_error'])
    expect(messageFor(timeoutError(), strings, tag)).toBe(strings['error.timeout'])
    expect(messageFor(abortedError(), strings, tag)).toBe(strings['error.aborted'])
  })
})

describe('the locales', () => {
  it('have the same keys', () => {
    expect(Object.keys(en.strings).sort()).toEqual(Object.keys(ptBR.strings).sort())
    expect(Object.keys(es.strings).sort()).toEqual(Object.keys(ptBR.strings).sort())
  })

  it('are really translated', () => {
    const same = Object.keys(ptBR.strings).filter(
      (key) =>
        ptBR.strings[key as keyof typeof ptBR.strings] ===
        en.strings[key as keyof typeof en.strings],
    )
    // Words that are the same in both languages, and the plain `{label}: …` templates.
    expect(same.sort()).toEqual(['announce.error', 'announce.status', 'label.selfie'])
  })

  it('have Spanish of its own, not English or Portuguese left in place', () => {
    const sameAs = (other: KycLocale) =>
      Object.keys(es.strings).filter(
        (key) =>
          es.strings[key as keyof typeof es.strings] ===
          other.strings[key as keyof typeof other.strings],
      )
    // Templates without words, and words Spanish shares with Portuguese ("Enviando", "Contrato
    // social"): each one read and kept, so a key left untranslated shows up here.
    expect(sameAs(en).sort()).toEqual(['announce.error', 'announce.status', 'label.selfie'])
    expect(sameAs(ptBR).sort()).toEqual([
      'announce.error',
      'announce.status',
      'label.articles_of_association',
      'label.ccmei',
      'label.selfie',
      'list.label',
      'upload.done',
      'upload.progress',
      'upload.uploading',
    ])
  })

  it.each(['pt-BR.ts', 'en.ts', 'es.ts'])(
    '%s says where every string shows, in a comment above it',
    (file) => {
      const lines = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8').split('\n')
      const uncommented = lines.flatMap((line, index) => {
        if (!/^\s+'[\w.]+':/.test(line)) return []
        return lines[index - 1]?.trim().startsWith('//') ? [] : [line.trim()]
      })
      expect(uncommented).toEqual([])
    },
  )
})

describe('formatting', () => {
  it('shows sizes with the locale’s decimal mark', () => {
    expect(formatBytes(10 * 1024 * 1024, 'pt-BR')).toBe('10 MB')
    expect(formatBytes(1536, 'pt-BR')).toBe('1,5 kB')
    expect(formatBytes(1536, 'en')).toBe('1.5 kB')
    expect(formatBytes(312 * 1024, 'en')).toBe('312 kB')
    expect(formatBytes(3 * 1024 ** 3, 'en')).toBe('3 GB')
    expect(formatBytes(0, 'en')).toMatch(/^0 (byte|B)$/)
  })

  it('shows dates the local way, and leaves a non-date alone', () => {
    expect(formatDateTime('2026-03-03T15:12:40.000Z', 'pt-BR')).toMatch(/^03\/03\/2026/)
    expect(formatDateTime('2026-03-03T15:12:40.000Z', 'en')).toMatch(/^3\/3\/26/)
    expect(formatDateTime('soon', 'en')).toBe('soon')
  })

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(interpolate('{label}: {status} {later}', { label: 'CNH', status: 'Aprovado' })).toBe(
      'CNH: Aprovado {later}',
    )
  })

  it('labels known types from the strings, others from the provider, else by key', () => {
    const strings = resolveStrings(ptBR, {
      'label.cnpj_card': 'Cartão do CNPJ',
      'label.rg_digital': 'RG digital',
    })
    expect(labelFor({ type: 'cnh', description: 'Carteira Nacional' }, strings)).toBe(
      'CNH (carteira de motorista)',
    )
    expect(labelFor({ type: 'cnpj_card' }, strings)).toBe('Cartão do CNPJ')
    expect(labelFor({ type: 'rg_digital' }, strings)).toBe('RG digital')
    expect(labelFor({ type: 'ctps', description: 'Carteira de trabalho' }, strings)).toBe(
      'Carteira de trabalho',
    )
    expect(labelFor({ type: 'ctps', description: null }, strings)).toBe('ctps')
  })
})
