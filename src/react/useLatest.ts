import { useLayoutEffect, useRef } from 'react'

const useIsomorphicLayoutEffect = typeof document === 'undefined' ? () => {} : useLayoutEffect

/**
 * A ref that always holds the latest value, so callbacks passed as props can change on every
 * render without rebuilding clients or restarting queries. Read it in events and effects only.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value)
  useIsomorphicLayoutEffect(() => {
    ref.current = value
  })
  return ref
}
