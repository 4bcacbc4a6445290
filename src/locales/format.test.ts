import { displayFileName, resolveStrings } from './format.ts'
import { messageFor } from './messages.ts'
import { ptBR } from './pt-BR.ts'

describe('displayFileName', () => {
  it('shows a right-to-left override as its code, so the name cannot fake its extension', () => {
    expect(displayFileName('fatura\u202Egpj.exe')).toBe('fatura[U+202E]gpj.exe')
  })

  it.each([
    ['\u200E', '[U+200E]'],
    ['\u200F', '[U+200F]'],
    ['\u061C', '[U+061C]'],
    ['\u202A', '[U+202A]'],
    ['\u202B', '[U+202B]'],
    ['\u202C', '[U+202C]'],
    ['\u202D', '[U+202D]'],
    ['\u2066', '[U+2066]'],
    ['\u2067', '[U+2067]'],
    ['\u2068', '[U+2068]'],
    ['\u2069', '[U+2069]'],
  ])('makes %j visible', (control, shown) => {
    expect(displayFileName(`a${control}b${control}.pdf`)).toBe(`a${shown}b${shown}.pdf`)
  })

  it('leaves other names alone, right-to-left letters and emoji included', () => {
    for (const name of ['RG frente 📷 (1).png', 'מסמך.pdf', 'وثيقة.jpg', 'relatório final.pdf']) {
      expect(displayFileName(name)).toBe(name)
    }
  })

  it('is what error messages show for {name}', () => {
    const message = messageFor(
      { code: 'file_type_unsupported', params: { name: 'fatura\u202Egpj.exe' } },
      ptBR.strings,
      ptBR.tag,
    )
    expect(message).toContain('fatura[U+202E]gpj.exe')
    expect(message).not.toContain('\u202E')
  })
})

describe('string overrides', () => {
  it('take effect key by key, and an undefined one (a wrapper passing its own optional prop) keeps the locale’s', () => {
    const strings = resolveStrings(ptBR, {
      'status.pending': undefined,
      'status.rejected': 'Devolvido',
      'label.rg_digital': undefined,
    })
    expect(strings['status.pending']).toBe(ptBR.strings['status.pending'])
    expect(strings['status.rejected']).toBe('Devolvido')
    expect('label.rg_digital' in strings).toBe(false)
  })
})
