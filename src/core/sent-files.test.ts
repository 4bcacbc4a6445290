import {
  readSentFiles,
  rememberSentFile,
  sentFileName,
  type KeyValueStorage,
} from './sent-files.ts'

function memoryStorage(): KeyValueStorage & { values: Map<string, string> } {
  const values = new Map<string, string>()
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
  }
}

const AT = '2026-12-02T01:00:00.000Z'

describe('the files a tab sent', () => {
  it('names the file sent for the document’s latest upload, and only that upload', () => {
    const storage = memoryStorage()
    rememberSentFile(storage, 'k', 'ccmei', AT, 'rg.pdf')
    const files = readSentFiles(storage, 'k')
    expect(sentFileName(files, 'ccmei', AT)).toBe('rg.pdf')
    // A later upload of the same document (another browser, a phone) is not this file.
    expect(sentFileName(files, 'ccmei', '2026-12-02T02:00:00.000Z')).toBeNull()
    expect(sentFileName(files, 'ccmei', null)).toBeNull()
    expect(sentFileName(files, 'selfie', AT)).toBeNull()
    // Another customer's key holds nothing of it.
    expect(readSentFiles(storage, 'other')).toEqual({})
  })

  it('keeps one file per document: a new upload replaces the old name', () => {
    const storage = memoryStorage()
    rememberSentFile(storage, 'k', 'selfie', AT, 'first.jpg')
    rememberSentFile(storage, 'k', 'ccmei', AT, 'rg.pdf')
    const later = '2026-12-02T03:00:00.000Z'
    const files = rememberSentFile(storage, 'k', 'selfie', later, 'second.jpg')
    expect(sentFileName(files, 'selfie', later)).toBe('second.jpg')
    expect(sentFileName(files, 'ccmei', AT)).toBe('rg.pdf')
    expect(readSentFiles(storage, 'k')).toEqual(files)
  })

  it.each([
    ['not JSON', '{'],
    ['not an object', '"rg.pdf"'],
    ['null', 'null'],
  ])('reads a stored value that is %s as nothing', (_, value) => {
    const storage = memoryStorage()
    storage.values.set('k', value)
    expect(readSentFiles(storage, 'k')).toEqual({})
    expect(() => rememberSentFile(storage, 'k', 'ccmei', AT, 'rg.pdf')).not.toThrow()
    expect(sentFileName(readSentFiles(storage, 'k'), 'ccmei', AT)).toBe('rg.pdf')
  })

  it('drops malformed entries and never names a type from the object prototype', () => {
    const storage = memoryStorage()
    storage.values.set(
      'k',
      JSON.stringify({
        ccmei: [AT, 'rg.pdf'],
        selfie: [AT],
        cnh: [AT, 7],
      }),
    )
    const files = readSentFiles(storage, 'k')
    expect(Object.keys(files)).toEqual(['ccmei'])
    expect(sentFileName(files, 'constructor', AT)).toBeNull()
    expect(sentFileName(files, '__proto__', AT)).toBeNull()
  })

  it('still answers with the name when the storage refuses to keep it, or there is none', () => {
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError')
      },
    }
    expect(sentFileName(rememberSentFile(full, 'k', 'ccmei', AT, 'rg.pdf'), 'ccmei', AT)).toBe(
      'rg.pdf',
    )
    expect(sentFileName(rememberSentFile(null, 'k', 'ccmei', AT, 'rg.pdf'), 'ccmei', AT)).toBe(
      'rg.pdf',
    )
  })
})
