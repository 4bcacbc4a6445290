import { useSyncExternalStore } from 'react'

const QUERY = '(pointer: coarse)'

function subscribe(listener: () => void) {
  if (typeof matchMedia !== 'function') return () => {}
  const list = matchMedia(QUERY)
  list.addEventListener('change', listener)
  return () => list.removeEventListener('change', listener)
}

const isCoarse = () => typeof matchMedia === 'function' && matchMedia(QUERY).matches

/**
 * Whether the main pointer is a finger (`pointer: coarse`): there, nothing is dragged, and each
 * document offers a camera and a file chooser as two buttons. `false` on the server.
 */
export function useTouchScreen(): boolean {
  return useSyncExternalStore(subscribe, isCoarse, () => false)
}
