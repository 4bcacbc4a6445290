/**
 * Whose documents a hand-off link is for, in a form their owner recognises and a stranger
 * notices, and nothing a reader of the page could use: the first name and the initials of the
 * others, the middle digits of the CPF (else of the CNPJ), as Brazilian services mask them.
 */
export interface MaskedIdentity {
  /** `Mariana S. L.` */
  name: string | null
  /** `CPF ***.920.465-**` or `CNPJ **.***.937/0001-**` */
  document: string | null
}

// Words of a Portuguese name that carry no initial of their own.
const PARTICLES = new Set(['da', 'das', 'de', 'do', 'dos', 'e', 'di', 'du', 'del'])

export function maskName(name: string): string | null {
  const words = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}' -]/gu, '')
    .split(/\s+/)
    .filter((word) => word !== '' && !PARTICLES.has(word.toLowerCase()))
  const [first, ...rest] = words
  if (first === undefined) return null
  const initials = rest.map((word) => `${[...word][0]?.toUpperCase() ?? ''}.`)
  return [[...first].slice(0, 24).join(''), ...initials.slice(0, 4)].join(' ')
}

const digitsOf = (value: unknown) => (typeof value === 'string' ? value.replace(/\D/g, '') : '')

export function maskDocument(cpf: unknown, cnpj: unknown): string | null {
  const person = digitsOf(cpf)
  if (person.length === 11) return `CPF ***.${person.slice(3, 6)}.${person.slice(6, 9)}-**`
  const company = digitsOf(cnpj)
  if (company.length === 14) {
    return `CNPJ **.***.${company.slice(5, 8)}/${company.slice(8, 12)}-**`
  }
  return null
}

/** The masked identity of a provider's customer answer; `null` when it names nobody. */
export function maskedIdentityOf(body: unknown): MaskedIdentity | null {
  if (typeof body !== 'object' || body === null) return null
  const record = body as Record<string, unknown>
  const name = typeof record.name === 'string' ? maskName(record.name) : null
  const document = maskDocument(record.cpf, record.cnpj)
  return name === null && document === null ? null : { name, document }
}
