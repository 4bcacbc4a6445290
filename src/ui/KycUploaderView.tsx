import { forwardRef, type ComponentPropsWithoutRef, type ForwardedRef } from 'react'
import { interpolate } from '../locales/format.ts'
import type { KycUploaderViewModel } from '../react/types.ts'
import { BiometricsCard } from './BiometricsCard.tsx'
import { classNames } from './classNames.ts'
import { DataItemList } from './DataItemList.tsx'
import { DocumentCard } from './DocumentCard.tsx'
import { DocumentSummary } from './DocumentSummary.tsx'
import { HandoffPanel } from './HandoffPanel.tsx'
import { KycUploaderProvider } from './KycUploaderProvider.tsx'
import { LoadingSkeleton, skeletonSummary } from './LoadingSkeleton.tsx'

/** A view model, plus any attribute of the root `<div>` (`className` is added to ours). */
export interface KycUploaderViewProps
  extends
    KycUploaderViewModel,
    Omit<ComponentPropsWithoutRef<'div'>, 'children' | keyof KycUploaderViewModel> {}

/** Every document is in review or approved. */
function nothingToSend(documents: KycUploaderViewModel['documents']): boolean {
  return documents.every((slot) => slot.status === 'submitted' || slot.status === 'approved')
}

/**
 * Renders a view model: from `useKycUploader`, or from plain fixture data (functions may be
 * no-ops). Root: `data-kyc-uploader` and `data-state`. Gives the parts inside their strings,
 * locale tag and size limit (`KycUploaderProvider`).
 */
export const KycUploaderView = forwardRef(function KycUploaderView(
  {
    state,
    error,
    documents,
    dataItems,
    biometrics,
    complete,
    phoneDone,
    handoff,
    announcement,
    retryLoad,
    strings,
    localeTag,
    maxFileSize,
    className,
    ...rest
  }: KycUploaderViewProps,
  ref: ForwardedRef<HTMLDivElement>,
) {
  const root = (
    <div
      {...rest}
      ref={ref}
      className={classNames('kyc-uploader', className)}
      data-kyc-uploader=""
      data-state={state}
    >
      {state === 'loading' && (
        <LoadingSkeleton
          text={strings['state.loading']}
          prompt={strings['dropzone.prompt']}
          summary={skeletonSummary(strings)}
        />
      )}
      {/* The button holds its room while the cards load, disabled until they are there. */}
      {state === 'loading' && handoff && (
        <HandoffPanel handoff={handoff} strings={strings} disabled />
      )}
      {state === 'empty' && <p className="kyc-state">{strings['state.empty']}</p>}
      {state === 'not-found' && <p className="kyc-state">{strings['state.notFound']}</p>}
      {state === 'error' && (
        <div className="kyc-state" data-state="error">
          <p>{interpolate(strings['state.error'], { message: error?.message ?? '' })}</p>
          <button type="button" className="kyc-button" onClick={retryLoad}>
            {strings['state.retry']}
          </button>
        </div>
      )}
      {state === 'ready' && (
        <>
          {phoneDone && !complete && (
            <p className="kyc-state kyc-state--complete" data-handoff-done="">
              {strings['handoff.done']}
            </p>
          )}
          {complete && <p className="kyc-state kyc-state--complete">{strings['state.complete']}</p>}
          <DocumentSummary documents={documents} strings={strings} />
          {documents.length > 0 && (
            <ul className="kyc-list" aria-label={strings['list.label']}>
              {documents.map((slot) => (
                <DocumentCard key={slot.type} slot={slot} />
              ))}
            </ul>
          )}
          {biometrics && <BiometricsCard biometrics={biometrics} />}
          <DataItemList items={dataItems} />
          {/* The offer goes once nothing is left to send (an open panel stays until closed). */}
          {handoff && !(handoff.state === 'idle' && nothingToSend(documents)) && (
            <HandoffPanel handoff={handoff} strings={strings} />
          )}
        </>
      )}
      <div className="kyc-live" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </div>
  )
  // A fresh value each render costs nothing here: every part below re-renders with the view.
  return (
    <KycUploaderProvider value={{ strings, localeTag, maxFileSize }}>{root}</KycUploaderProvider>
  )
})
