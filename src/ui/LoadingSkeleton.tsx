import { interpolate } from '../locales/format.ts'
import type { KycStrings } from '../locales/types.ts'
import { useTouchScreen } from '../react/useTouchScreen.ts'

/** The four documents the outline stands for, as the summary line above them names them. */
const TYPICAL_SET = ['ccmei', 'identity_card_front', 'identity_card_back', 'selfie'] as const

/**
 * The summary line a first visit gets with the typical set (nothing sent, four to send), in the
 * strings at hand: its words take their room unseen, so the line wraps where the real one will.
 * `undefined` while those strings have not loaded.
 */
export function skeletonSummary(strings: Partial<KycStrings>): string | undefined {
  const progress = strings['summary.progress']
  const missing = strings['summary.missing']
  const labels = TYPICAL_SET.map((type) => strings[`label.${type}`])
  if (!progress || !missing || labels.some((label) => !label)) return undefined
  return `${interpolate(progress, { done: 0, total: TYPICAL_SET.length })} ${interpolate(missing, {
    labels: labels.join(', '),
  })}`
}

/** A line of text's height (a no-break space), drawn as a bar; hidden from assistive technology. */
const bar = (kind: 'label' | 'badge' | 'hint') => (
  <span className={`kyc-skeleton__bar kyc-skeleton__bar--${kind}`} aria-hidden="true">
    {'\u00a0'}
  </span>
)

/**
 * What the widget shows while the customer loads: the outline of four cards (a typical KYC set),
 * with the loading text where the first card's label will be. Each outline is a pending card's
 * parts at their font sizes, paddings and borders, the dropzone's prompt drawn as bars (so it
 * wraps where the real one will): as tall as the card that replaces it, so the page below the
 * widget does not move when the cards arrive.
 */
export function LoadingSkeleton({
  text,
  prompt,
  summary,
}: {
  text: string
  prompt: string | undefined
  summary: string | undefined
}) {
  // On a touch screen a card has no dropzone, only a row of two buttons (camera, file chooser).
  const touch = useTouchScreen()
  return (
    <>
      {summary && (
        <p className="kyc-summary" aria-hidden="true">
          <span className="kyc-skeleton__text">
            <span>{summary}</span>
          </span>
        </p>
      )}
      <div className="kyc-list">
        {[0, 1, 2, 3].map((index) => (
          <div key={index} className="kyc-skeleton__card">
            <div className="kyc-card__header">
              {index ? bar('label') : <p className="kyc-state">{text}</p>}
              {bar('badge')}
            </div>
            <div className="kyc-field">
              {/* The prompt's own words, invisible (the default locale's once it has loaded); a
                  touch screen's card has no box, only its two buttons. */}
              {!touch && (
                <div className="kyc-skeleton__zone" aria-hidden="true">
                  <span className="kyc-skeleton__text">
                    <span>{prompt ?? text}</span>
                  </span>
                </div>
              )}
              {bar('hint')}
              <span className="kyc-file-input" />
              {touch && (
                <div className="kyc-actions" aria-hidden="true">
                  <span className="kyc-button kyc-skeleton__button">{'\u00a0'}</span>
                  <span className="kyc-button kyc-skeleton__button">{'\u00a0'}</span>
                </div>
              )}
            </div>
          </div>
        ))}
      </div>
    </>
  )
}
