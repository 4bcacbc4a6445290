import type { QueryClient, QueryKey } from '@tanstack/react-query'
import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import { endHandoff, issueHandoff, readHandoffState, type HandoffRequest } from '../api/handoff.ts'
import type { KycApiError } from '../api/errors.ts'
import {
  handoffReducer,
  IDLE_HANDOFF,
  secondsLeft,
  type HandoffSnapshot,
} from '../core/handoff-machine.ts'

/** How often the desktop asks whether the phone has opened the link. */
export const HANDOFF_STATE_POLL_MS = 2000
/** How often the desktop reads the customer while the phone works (a stream pushes sooner). */
export const HANDOFF_FOLLOW_MS = 4000

export interface HandoffOptions {
  enabled: boolean
  request: Omit<HandoffRequest, 'signal'>
  queryClient: QueryClient
  customerKey: QueryKey
}

export interface HandoffModel {
  snapshot: HandoffSnapshot<KycApiError>
  secondsLeft: number
  start: () => void
  close: () => void
  end: () => void
}

/**
 * The hand-off on the desktop: asks the proxy for a link, follows whether the phone has
 * opened it, counts down its time, and while the phone works reads the customer every few seconds
 * so the cards move even without a stream. Every timer belongs to the state that started it.
 */
export function useHandoff({
  enabled,
  request,
  queryClient,
  customerKey,
}: HandoffOptions): HandoffModel {
  const [snapshot, dispatch] = useReducer(handoffReducer<KycApiError>, IDLE_HANDOFF)
  const [now, setNow] = useState(() => Date.now())
  const latest = useRef({ request, customerKey })
  latest.current = { request, customerKey }
  const pending = useRef<AbortController | null>(null)
  const current = useRef(snapshot)
  current.current = snapshot

  // Ends a link on the proxy, and the phone session it made: tried twice, the panel does not wait.
  const endLink = useCallback((id: string) => {
    const request = latest.current.request
    void endHandoff(request, id).catch(() => endHandoff(request, id).catch(() => {}))
  }, [])

  const start = useCallback(() => {
    pending.current?.abort()
    const controller = new AbortController()
    pending.current = controller
    dispatch({ type: 'issue' })
    issueHandoff({ ...latest.current.request, signal: controller.signal }).then(
      (issued) => {
        if (controller.signal.aborted) return
        setNow(Date.now())
        dispatch({ type: 'issued', ...issued })
      },
      (error: KycApiError) => {
        if (controller.signal.aborted) return
        dispatch(error.status === 404 ? { type: 'unavailable' } : { type: 'failed', error })
      },
    )
  }, [])

  const close = useCallback(() => {
    pending.current?.abort()
    // A link nobody opened stops working when its panel closes.
    const { state, id } = current.current
    if (state === 'waiting' && id !== null) endLink(id)
    dispatch({ type: 'close' })
  }, [endLink])

  const end = useCallback(() => {
    const { id } = current.current
    if (id !== null) endLink(id)
    dispatch({ type: 'close' })
  }, [endLink])

  useEffect(() => () => pending.current?.abort(), [])

  const { state, id } = snapshot
  useEffect(() => {
    if (state !== 'waiting' || id === null) return undefined
    const controller = new AbortController()
    const tick = setInterval(() => {
      setNow(Date.now())
      dispatch({ type: 'tick', now: Date.now() })
    }, 1000)
    const poll = setInterval(() => {
      readHandoffState({ ...latest.current.request, signal: controller.signal }, id).then(
        (seen) => dispatch({ type: 'seen', state: seen }),
        () => {}, // the next poll tries again; the clock still expires the link
      )
    }, HANDOFF_STATE_POLL_MS)
    return () => {
      controller.abort()
      clearInterval(tick)
      clearInterval(poll)
    }
  }, [state, id])

  useEffect(() => {
    if (state !== 'used') return undefined
    void queryClient.invalidateQueries({ queryKey: latest.current.customerKey })
    const follow = setInterval(
      () => void queryClient.invalidateQueries({ queryKey: latest.current.customerKey }),
      HANDOFF_FOLLOW_MS,
    )
    return () => clearInterval(follow)
  }, [state, queryClient])

  return {
    snapshot: enabled ? snapshot : IDLE_HANDOFF,
    secondsLeft: secondsLeft(snapshot, now),
    start,
    close,
    end,
  }
}
