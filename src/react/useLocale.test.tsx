// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react'
import { en } from '../locales/en.ts'
import { ptBR } from '../locales/pt-BR.ts'

// A fresh module registry per test: whether this page has loaded the default locale is
// module state.
async function freshModules() {
  vi.resetModules()
  const { useLocale } = await import('./useLocale.ts')
  const defaults = await import('../locales/defaultLocale.ts')
  return { useLocale, ...defaults }
}

afterEach(() => {
  vi.doUnmock('../locales/pt-BR.ts')
})

describe('useLocale', () => {
  it("speaks the host's locale at once and never loads the default", async () => {
    const { useLocale, loadedDefaultLocale } = await freshModules()
    const { result } = renderHook(() => useLocale(en))
    expect(result.current.locale).toBe(en)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(loadedDefaultLocale()).toBeUndefined()
  })

  it('loads pt-BR when no locale is passed, and has it at once for the next widget', async () => {
    const { useLocale } = await freshModules()
    const first = renderHook(() => useLocale(undefined))
    expect(first.result.current.locale).toBeUndefined()
    await waitFor(() => expect(first.result.current.locale?.tag).toBe('pt-BR'))
    expect(first.result.current.locale?.strings['status.approved']).toBe('Aprovado')
    const second = renderHook(() => useLocale(undefined))
    expect(second.result.current.locale).toBe(first.result.current.locale)
  })

  it('says so when pt-BR does not arrive, and loads it when asked again', async () => {
    vi.doMock('../locales/pt-BR.ts', () => {
      throw new Error('Failed to fetch dynamically imported module')
    })
    const { useLocale } = await freshModules()
    const { result } = renderHook(() => useLocale(undefined))
    await waitFor(() => expect(result.current.failed).toBe(true))
    expect(result.current.locale).toBeUndefined()

    vi.doUnmock('../locales/pt-BR.ts')
    act(() => result.current.retry())
    expect(result.current.failed).toBe(false)
    await waitFor(() => expect(result.current.locale?.tag).toBe('pt-BR'))
  })

  it('speaks, while loading or after failing to, the very words of pt-BR', async () => {
    const { LOADING_LOCALE } = await freshModules()
    for (const [key, text] of Object.entries(LOADING_LOCALE.strings)) {
      expect(text, key).toBe(ptBR.strings[key as keyof typeof ptBR.strings])
    }
  })
})
