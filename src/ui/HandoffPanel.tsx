import { lazy, Suspense, useEffect, useRef } from 'react'
import type { KycStrings } from '../locales/types.ts'
import type { HandoffView } from '../react/types.ts'
import { useTouchScreen } from '../react/useTouchScreen.ts'
import { handoffStatusText } from './handoff-status.ts'

export interface HandoffPanelProps {
  handoff: HandoffView
  strings: KycStrings
  /** The button shows but cannot be pressed (while the cards load). Default: `false`. */
  disabled?: boolean
}

/** The opened panel's status line and close button: while its chunk loads, or if it cannot. */
function HandoffShell({ handoff, strings }: HandoffPanelProps) {
  return (
    <div
      role="group"
      className="kyc-handoff kyc-handoff--open"
      data-state={handoff.state}
      aria-label={strings['handoff.title']}
    >
      <p className="kyc-handoff__status" role="status">
        {handoffStatusText(handoff, strings)}
      </p>
      <button type="button" className="kyc-button" data-action="close" onClick={handoff.close}>
        {strings['handoff.close']}
      </button>
    </div>
  )
}

// The QR code and the rest of the opened panel load when the button is pressed. A chunk that
// cannot load (offline) leaves the status line and the close button, never a broken widget.
const HandoffSheet = lazy(() =>
  import('./HandoffSheet.tsx').then(
    (module) => ({ default: module.HandoffSheet }),
    () => ({ default: HandoffShell }),
  ),
)

/**
 * The hand-off to the phone: the button (`data-action="handoff"`), then the QR code of a single-use
 * link, the link as text to copy and its time left, and what the phone did, announced as it
 * happens. `data-state` on the root.
 */
export function HandoffPanel({ handoff, strings, disabled = false }: HandoffPanelProps) {
  const { state } = handoff
  const touch = useTouchScreen()
  const opened = state !== 'idle' && state !== 'unavailable'
  // Focus goes back to the button when the panel closes.
  const wasOpen = useRef(opened)
  const startButton = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (!opened && wasOpen.current) startButton.current?.focus()
    wasOpen.current = opened
  }, [opened])

  if (state === 'unavailable') {
    return (
      <p className="kyc-handoff kyc-state" data-state={state}>
        {strings['handoff.unavailable']}
      </p>
    )
  }
  if (state === 'idle') {
    // On a touch screen the user already holds the camera: nothing to hand off to.
    if (touch) return null
    return (
      <div className="kyc-handoff" data-state={state}>
        <button
          ref={startButton}
          type="button"
          className="kyc-button"
          data-action="handoff"
          disabled={disabled}
          onClick={handoff.start}
        >
          {strings['handoff.start']}
        </button>
      </div>
    )
  }
  return (
    <Suspense fallback={<HandoffShell handoff={handoff} strings={strings} />}>
      <HandoffSheet handoff={handoff} strings={strings} />
    </Suspense>
  )
}
