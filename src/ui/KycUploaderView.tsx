import { interpolate } from '../locales/format.ts'
import type { KycUploaderViewModel } from '../react/types.ts'
import { DocumentCard } from './DocumentCard.tsx'
import { HandoffPanel } from './HandoffPanel.tsx'
import { LoadingSkeleton } from './LoadingSkeleton.tsx'
import { BiometricsCard, DataItemList } from './OtherItems.tsx'

export interface KycUploaderViewProps extends KycUploaderViewModel {
  /** Extra class on the root, beside `kyc-uploader`. */
  className?: string | undefined
}

/**
 * Renders a view model: from `useKycUploader`, or from plain fixture data (functions may be
 * no-ops). Root: `data-kyc-uploader` and `data-state`.
 */
export function KycUploaderView(props: KycUploaderViewProps) {
  const { state, strings, localeTag, maxFileSize } = props
  const className = props.className ? `kyc-uploader ${props.className}` : 'kyc-uploader'
  return (
    <div className={className} data-kyc-uploader="" data-state={state}>
      {state === 'loading' && (
        <LoadingSkeleton
          text={strings['state.loading']}
          prompt={strings['dropzone.prompt']}
          promptTouch={strings['dropzone.promptTouch']}
        />
      )}
      {/* The button holds its room while the cards load, disabled until they are there. */}
      {state === 'loading' && props.handoff && (
        <HandoffPanel handoff={props.handoff} strings={strings} disabled />
      )}
      {state === 'empty' && <p className="kyc-state">{strings['state.empty']}</p>}
      {state === 'not-found' && <p className="kyc-state">{strings['state.notFound']}</p>}
      {state === 'error' && (
        <div className="kyc-state" data-state="error">
          <p>{interpolate(strings['state.error'], { message: props.error?.message ?? '' })}</p>
          <button type="button" className="kyc-button" onClick={props.retryLoad}>
            {strings['state.retry']}
          </button>
        </div>
      )}
      {state === 'ready' && (
        <>
          {props.phoneDone && !props.complete && (
            <p className="kyc-state kyc-state--complete" data-handoff-done="">
              {strings['handoff.done']}
            </p>
          )}
          {props.complete && (
            <p className="kyc-state kyc-state--complete">{strings['state.complete']}</p>
          )}
          {props.documents.length > 0 && (
            <ul className="kyc-list" aria-label={strings['list.label']}>
              {props.documents.map((slot) => (
                <DocumentCard
                  key={slot.type}
                  slot={slot}
                  strings={strings}
                  localeTag={localeTag}
                  maxFileSize={maxFileSize}
                />
              ))}
            </ul>
          )}
          {props.biometrics && <BiometricsCard biometrics={props.biometrics} strings={strings} />}
          <DataItemList items={props.dataItems} strings={strings} />
          {props.handoff && <HandoffPanel handoff={props.handoff} strings={strings} />}
        </>
      )}
      <div className="kyc-live" role="status" aria-live="polite" aria-atomic="true">
        {props.announcement}
      </div>
    </div>
  )
}
