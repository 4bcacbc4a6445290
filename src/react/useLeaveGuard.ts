import { useEffect } from 'react'

/**
 * While `active`, leaving or reloading the page asks first (the browser's own "leave site?"
 * dialog): an upload in flight would be lost without a word.
 */
export function useLeaveGuard(active: boolean): void {
  useEffect(() => {
    if (!active) return
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      // Older Chromium and Safari want a return value as well.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
  }, [active])
}
