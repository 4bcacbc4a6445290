// The opened "continue on the phone" panel, with the QR code: a chunk of its own, imported when
// the button is pressed (uqr's encoder with it), never part of the widget's entry.
import { useEffect, useId, useRef, useState } from 'react'
import { interpolate } from '../locales/format.ts'
import type { HandoffPanelProps } from './HandoffPanel.tsx'
import { handoffStatusText } from './handoff-status.ts'
import { interpolateNodes } from './interpolateNodes.tsx'
import { qrPath } from './qr-path.ts'

/** The link's host when it is a loopback address no phone can reach, else `null`. */
function loopbackHost(url: string): string | null {
  const { hostname, host } = new URL(url)
  return hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127\./.test(hostname)
    ? host
    : null
}

const minutes = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`

/** The QR code as one SVG path (attributes only, no inline style, so a strict CSP holds). */
function QrCode({ text, label }: { text: string; label: string }) {
  const { size, d } = qrPath(text)
  return (
    <svg
      className="kyc-handoff__qr"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  )
}

/** The QR code of the link, the link as text to copy, its time left, and what the phone did. */
export function HandoffSheet({ handoff, strings }: HandoffPanelProps) {
  const id = useId()
  const { state } = handoff
  const [copiedUrl, setCopiedUrl] = useState<string | null>(null)
  const copied = copiedUrl !== null && copiedUrl === handoff.url
  const unreachable = handoff.url ? loopbackHost(handoff.url) : null
  const panel = useRef<HTMLDivElement>(null)
  // Focus follows the user into the panel they opened.
  useEffect(() => panel.current?.focus(), [])

  const copy = () => {
    const { url } = handoff
    if (!url) return
    navigator.clipboard?.writeText(url).then(
      () => setCopiedUrl(url),
      () => {}, // the text field stays there to copy by hand
    )
  }

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
        {handoffStatusText(handoff, strings)}
      </p>
      {state === 'waiting' && handoff.url && (
        <>
          <QrCode text={handoff.url} label={strings['handoff.qr']} />
          {handoff.code && (
            <p className="kyc-handoff__code">
              {interpolateNodes(strings['handoff.code'], {
                code: <strong data-handoff-code="">{handoff.code}</strong>,
              })}
            </p>
          )}
          {unreachable && (
            // A developer's setup (the link names this machine): say so, and what to set.
            <p className="kyc-handoff__note" data-handoff-note="loopback">
              {interpolate(strings['handoff.loopback'], { host: unreachable })}
            </p>
          )}
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
        {state === 'used' && (
          <button
            type="button"
            className="kyc-button"
            data-action="end-handoff"
            onClick={handoff.end}
          >
            {strings['handoff.end']}
          </button>
        )}
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
