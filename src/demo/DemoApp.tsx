import { useEffect, useState } from 'react'
import { KycUploader } from '../index.ts'
import { demoApi, type DemoSession } from './demo-api-client.ts'
import { applyPreferences, LOCALES, readPreferences, type Preferences } from './preferences.ts'
import { PreferencesForm } from './PreferencesForm.tsx'
import { SandboxControls } from './SandboxControls.tsx'

/** The standalone demo: one visitor, one fresh sandbox customer, the widget and its controls. */
export function DemoApp() {
  const [session, setSession] = useState<DemoSession | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [preferences, setPreferences] = useState<Preferences>(() =>
    readPreferences(window.location.search),
  )
  const [completedFor, setCompletedFor] = useState<string | null>(null)

  useEffect(() => {
    demoApi.session().then(setSession, (error: unknown) => setLoadError(String(error)))
  }, [])

  useEffect(() => applyPreferences(preferences), [preferences])

  const scenario = session?.scenarios.find((item) => item.id === session.scenario)
  const complete = session !== null && completedFor === session.customerId

  return (
    <div className="demo">
      <header className="demo-header">
        <h1>kyc-uploader</h1>
        <p className="demo-lede">
          A drop-in React widget with which a customer uploads KYC documents and follows their
          review.
        </p>
        <ul className="demo-facts">
          <li>
            <strong>Real:</strong> the browser’s HTTP uploads, the host proxy at{' '}
            <code>/api/kyc</code> (which holds the provider secret server-side) and the review
            queue.
          </li>
          <li>
            <strong>Emulated:</strong> the KYC provider itself, a sandbox on loopback that reviews
            each file after a delay and rejects any file whose name contains “reject”.
          </li>
        </ul>
      </header>

      <main className="demo-layout">
        <section className="demo-widget" aria-labelledby="demo-widget-heading">
          <h2 id="demo-widget-heading">Documents</h2>
          <p className="demo-scenario">{scenario?.label ?? '\u00a0'}</p>
          {loadError && (
            <p className="demo-error" role="alert">
              The demo backend did not answer: {loadError}
            </p>
          )}
          {/* Mounted before the session arrives (an empty id), so its loading state holds the
              room the cards will take and the panel below does not move when they come. */}
          {!loadError && (
            <KycUploader
              key={session?.customerId}
              customerId={session?.customerId ?? ''}
              baseUrl="/api/kyc"
              handoff="offer"
              locale={LOCALES[preferences.locale]?.locale}
              onComplete={() => setCompletedFor(session?.customerId ?? null)}
            />
          )}
          {complete && (
            <p className="demo-complete" role="status" data-demo-complete>
              onComplete fired: every document is approved, so a host would move on now.
            </p>
          )}
        </section>

        <aside className="demo-panel" aria-label="Demo settings">
          <PreferencesForm preferences={preferences} onChange={setPreferences} />
          {session && <SandboxControls session={session} onSession={setSession} />}
        </aside>
      </main>
    </div>
  )
}
