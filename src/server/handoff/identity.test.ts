import { maskDocument, maskedIdentityOf, maskName } from './identity.ts'

it.each([
  ['Mariana Souza Lima', 'Mariana S. L.'],
  ['joão da silva e souza', 'joão S. S.'],
  ['  Ana  ', 'Ana'],
  ['<script>Eve</script> Ó', 'scriptEvescript Ó.'],
  ['', null],
])('a name shows its first word and initials only: %s', (name, masked) => {
  expect(maskName(name)).toBe(masked)
})

it('a CPF shows its middle digits only; a CNPJ when there is no CPF; nothing else', () => {
  expect(maskDocument('381.920.465-24', null)).toBe('CPF ***.920.465-**')
  expect(maskDocument(null, '45821937000166')).toBe('CNPJ **.***.937/0001-**')
  expect(maskDocument('123', undefined)).toBeNull()
})

it('a customer answer gives its masked identity, never its email, phone or full numbers', () => {
  const identity = maskedIdentityOf({
    name: 'Mariana Souza Lima',
    cpf: '38192046524',
    cnpj: '45821937000166',
    email: 'mariana@docesdamari.com.br',
    phone: '+5511987654321',
  })
  expect(identity).toEqual({ name: 'Mariana S. L.', document: 'CPF ***.920.465-**' })
  const text = JSON.stringify(identity)
  for (const secret of ['Souza', 'Lima', '38192046524', '381', '524', 'mariana@', '98765'])
    expect(text).not.toContain(secret)
  expect(maskedIdentityOf({ id: 'cust_x' })).toBeNull()
})
