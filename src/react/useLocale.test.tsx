// @vitest-environment jsdom
import { renderHook, waitFor } from '@testing-library/react'
import { en } from '../locales/en.ts'

// A fresh module registry per test: whether this page has loaded the default locale is
// module state.
async function freshModules() {
  vi.resetModules()
  const { useLocale } = await import('./useLocale.ts')
  const defaults = await import('../locales/defaultLocale.ts')
  return { useLocale, ...defaults }
}

describe('useLocale', () => {
  it("speaks the host's locale at once and never loads the default", async () => {
    const { useLocale, loadedDefaultLocale } = await freshModules()
    const { result } = renderHook(() => useLocale(en))
    expect(result.current).toBe(en)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(loadedDefaultLocale()).toBeUndefined()
  })

  it('loads pt-BR when no locale is passed, and has it at once for the next widget', async () => {
    const { useLocale } = await freshModules()
    const first = renderHook(() => useLocale(undefined))
    expect(first.result.current).toBeUndefined()
    await waitFor(() => expect(first.result.current?.tag).toBe('pt-BR'))
    expect(first.result.current?.strings['status.approved']).toBe('Aprovado')
    const second = renderHook(() => useLocale(undefined))
    expect(second.result.current).toBe(first.result.current)
  })
})
