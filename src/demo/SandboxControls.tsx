import { useId, useState, type FormEvent } from 'react'
import { demoApi, type DemoFault, type DemoSession } from './demo-api-client.ts'

interface SandboxControlsProps {
  session: DemoSession
  /** Called with the new session after a scenario change or a reset (a new customer). */
  onSession: (session: DemoSession) => void
}

const FAULT_LABELS: Record<DemoFault, string> = {
  '500': 'Provider error 500 (the widget retries)',
  '429': 'Rate limited: 429 with Retry-After',
  drop: 'Connection dropped mid-upload',
  slow: 'Slow provider',
  stall: 'Provider stalls (cancel it)',
  html502: 'Gateway answers an HTML 502 page',
  token_expired: 'Proxy’s access token expired (401 token_expired)',
}

/** The sandbox's knobs: scenario, reset, review delay, a forced rejection, an injected fault. */
export function SandboxControls({ session, onSession }: SandboxControlsProps) {
  const ids = useId()
  const [delaySeconds, setDelaySeconds] = useState(String(session.reviewDelayMs / 1000))
  const [rejectMessage, setRejectMessage] = useState('')
  const [fault, setFault] = useState<DemoFault>(session.faults[0] ?? '500')
  const [notice, setNotice] = useState('')

  async function run(action: () => Promise<string>) {
    try {
      setNotice(await action())
    } catch (error) {
      setNotice(`That did not work: ${String(error)}`)
    }
  }

  const submit = (action: () => Promise<string>) => (event: FormEvent) => {
    event.preventDefault()
    void run(action)
  }

  return (
    <section className="demo-card" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Sandbox</h2>

      <div className="demo-field">
        <label htmlFor={`${ids}-scenario`}>Scenario</label>
        <select
          id={`${ids}-scenario`}
          value={session.scenario}
          onChange={(event) => {
            const scenario = event.target.value
            void run(async () => {
              onSession(await demoApi.pickScenario(scenario))
              return 'A fresh customer of that scenario is yours.'
            })
          }}
        >
          {session.scenarios.map((scenario) => (
            <option key={scenario.id} value={scenario.id}>
              {scenario.id}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        onClick={() =>
          void run(async () => {
            onSession(await demoApi.reset())
            return 'Started over with a fresh copy of the scenario.'
          })
        }
      >
        Reset: start over
      </button>

      <form
        className="demo-field"
        onSubmit={submit(async () => {
          const ms = Math.round(Number(delaySeconds) * 1000)
          onSession(await demoApi.setReviewDelay(ms))
          return `Reviews now take ${ms / 1000} s.`
        })}
      >
        <label htmlFor={`${ids}-delay`}>Review delay (seconds)</label>
        <div className="demo-inline">
          <input
            id={`${ids}-delay`}
            type="number"
            min="0"
            max="120"
            step="0.5"
            value={delaySeconds}
            onChange={(event) => setDelaySeconds(event.target.value)}
          />
          <button type="submit">Apply</button>
        </div>
      </form>

      <form
        className="demo-field"
        onSubmit={submit(async () => {
          await demoApi.forceReject(rejectMessage.trim() || undefined)
          return 'The next review of your documents will reject it.'
        })}
      >
        <label htmlFor={`${ids}-reject`}>Reviewer’s message (optional)</label>
        <input
          id={`${ids}-reject`}
          type="text"
          maxLength={500}
          value={rejectMessage}
          onChange={(event) => setRejectMessage(event.target.value)}
        />
        <button type="submit">Force the next review to reject</button>
      </form>

      <form
        className="demo-field"
        onSubmit={submit(async () => {
          await demoApi.injectFault(fault)
          return `Injected: ${FAULT_LABELS[fault]}. It hits the next upload.`
        })}
      >
        <label htmlFor={`${ids}-fault`}>Fault for the next upload</label>
        <select
          id={`${ids}-fault`}
          value={fault}
          onChange={(event) => setFault(event.target.value as DemoFault)}
        >
          {session.faults.map((kind) => (
            <option key={kind} value={kind}>
              {FAULT_LABELS[kind]}
            </option>
          ))}
        </select>
        <button type="submit">Inject</button>
      </form>

      <p className="demo-notice" role="status">
        {notice}
      </p>
    </section>
  )
}
