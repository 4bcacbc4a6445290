import { useEffect, useId, useRef, useState } from 'react'
import { interpolate } from '../locales/format.ts'
import type { KycStrings } from '../locales/types.ts'
import type { HandoffView } from '../react/types.ts'
import { QrCode } from './QrCode.tsx'

export interface HandoffPanelProps {
  handoff: HandoffView
  strings: KycStrings
}

const minutes = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`

/**
 * "Continue on the phone": the button, then the QR code of a single-use link, the link as text
 * to copy and its time left; what the phone did, announced as it happens. `data-state` on the root.
 */
export function HandoffPanel({ handoff, strings }: HandoffPanelProps) {
  const id = useId()
  const { state } = handoff
  const [copiedUrl, setCopiedUrl] = useState<string | null>(null)
  const copied = copiedUrl !== null && copiedUrl === handoff.url
  const panel = useRef<HTMLDivElement>(null)
  const opened = state !== 'idle' && state !== 'unavailable'
  // Focus follows the user into the panel they opened, and back to the button when it closes.
  const wasOpen = useRef(opened)
  const startButton = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (opened && !wasOpen.current) panel.current?.focus()
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
    return (
      <div className="kyc-handoff" data-state={state}>
        <button
          ref={startButton}
          type="button"
          className="kyc-button"
          data-action="handoff"
          onClick={handoff.start}
        >
          {strings['handoff.start']}
        </button>
      </div>
    )
  }

  const copy = () => {
    const { url } = handoff
    if (!url) return
    navigator.clipboard?.writeText(url).then(
      () => setCopiedUrl(url),
      () => {}, // the text field stays there to copy by hand
    )
  }
  const status =
    state === 'issuing'
      ? strings['handoff.issuing']
      : state === 'waiting'
        ? strings['handoff.waiting']
        : state === 'used'
          ? strings['handoff.used']
          : state === 'expired'
            ? strings['handoff.expired']
            : interpolate(strings['handoff.failed'], { message: handoff.error?.message ?? '' })

  return (
    // A group, not a landmark: several widgets on a page may each open one.
    <div
      ref={panel}
      role="group"
      className="kyc-handoff kyc-handoff--open"
      data-state={state}
      aria-label={strings['handoff.title']}
      tabIndex={-1}
    >
      <p className="kyc-handoff__status" role="status">
        {status}
      </p>
      {state === 'waiting' && handoff.url && (
        <>
          <QrCode text={handoff.url} label={strings['handoff.qr']} />
          <label className="kyc-handoff__label" htmlFor={`${id}-link`}>
            {strings['handoff.link']}
          </label>
          <div className="kyc-actions">
            <input
              id={`${id}-link`}
              className="kyc-handoff__link"
              type="text"
              readOnly
              value={handoff.url}
              onFocus={(event) => event.currentTarget.select()}
            />
            <button type="button" className="kyc-button" data-action="copy" onClick={copy}>
              {copied ? strings['handoff.copied'] : strings['handoff.copy']}
            </button>
          </div>
          <p className="kyc-handoff__time" data-seconds={handoff.secondsLeft}>
            {interpolate(strings['handoff.timeLeft'], { time: minutes(handoff.secondsLeft) })}
          </p>
        </>
      )}
      <div className="kyc-actions">
        {(state === 'expired' || state === 'failed') && (
          <button
            type="button"
            className="kyc-button kyc-button--primary"
            data-action="handoff"
            onClick={handoff.start}
          >
            {strings['handoff.again']}
          </button>
        )}
        <button type="button" className="kyc-button" data-action="close" onClick={handoff.close}>
          {strings['handoff.close']}
        </button>
      </div>
    </div>
  )
}
