/** How many cards the skeleton holds: a typical KYC set (ID front and back, selfie, one more). */
const SKELETON_CARDS = 4

/** A line of text's height (a no-break space), drawn as a bar; hidden from assistive technology. */
const Bar = ({ kind }: { kind: 'badge' | 'hint' }) => (
  <span className={`kyc-skeleton__bar kyc-skeleton__bar--${kind}`} aria-hidden="true">
    {'\u00a0'}
  </span>
)

/**
 * What the widget shows while the customer loads: the outline of the cards to come, with the
 * loading text where the first card's label will be. Each outline is a pending card's parts at
 * their font sizes, paddings and borders, the dropzone's prompt drawn as bars (so it wraps where
 * the real one will): as tall as the card that replaces it, so the page below the widget does not
 * move when the cards arrive.
 */
export function LoadingSkeleton({ text, prompt }: { text: string; prompt: string | undefined }) {
  return (
    <div className="kyc-list kyc-skeleton">
      {Array.from({ length: SKELETON_CARDS }, (_, index) => (
        <div key={index} className="kyc-skeleton__card">
          <div className="kyc-card__header">
            {index === 0 ? (
              <p className="kyc-state">{text}</p>
            ) : (
              <span className="kyc-skeleton__bar" aria-hidden="true">
                {'\u00a0'}
              </span>
            )}
            <Bar kind="badge" />
          </div>
          <div className="kyc-field">
            <div className="kyc-skeleton__zone" aria-hidden="true">
              {/* The prompt's own words, invisible: the English or the default one once loaded. */}
              <span className="kyc-skeleton__text">{prompt ?? text}</span>
            </div>
            <Bar kind="hint" />
            <span className="kyc-file-input" />
          </div>
        </div>
      ))}
    </div>
  )
}
