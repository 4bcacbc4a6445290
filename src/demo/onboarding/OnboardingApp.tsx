import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { KycUploader } from '../../index.ts'
import { demoApi } from '../demo-api-client.ts'

const STEPS = ['Dados da empresa', 'Documentos', 'Conta aberta'] as const

/**
 * How an integrator embeds the widget: one step of the host's own onboarding flow. The host
 * knows who is signed in (here, the demo session), passes the customer id, and moves on when
 * `onComplete` says every document is approved.
 */
export function OnboardingApp() {
  const [step, setStep] = useState(1)
  const [documentsApproved, setDocumentsApproved] = useState(false)
  // The host's own data, through the same QueryClient the widget uses.
  const session = useQuery({ queryKey: ['host', 'session'], queryFn: demoApi.session })

  return (
    <div className="onb" data-theme="light">
      <header className="onb-header">
        <p className="onb-brand">Banco Aurora</p>
        <h1>Abrir conta PJ</h1>
      </header>

      <nav aria-label="Etapas do cadastro">
        <ol className="onb-steps">
          {STEPS.map((label, index) => (
            <li
              key={label}
              data-state={index < step ? 'done' : index === step ? 'current' : 'next'}
              aria-current={index === step ? 'step' : undefined}
            >
              {label}
            </li>
          ))}
        </ol>
      </nav>

      <main className="onb-main">
        {step === 1 && (
          <section aria-labelledby="onb-documents-heading">
            <h2 id="onb-documents-heading">Envie os documentos da empresa</h2>
            <p className="onb-help">
              Precisamos confirmar sua identidade e a da empresa. A análise costuma levar poucos
              minutos; você pode acompanhar aqui mesmo.
            </p>
            {session.isError && (
              <p role="alert">Não foi possível abrir sua sessão. Recarregue a página.</p>
            )}
            {/* Mounted while the session loads (an empty id): the widget's loading state holds
                the room its cards will take, so the Continue button does not move. */}
            {!session.isError && (
              <KycUploader
                customerId={session.data?.customerId ?? ''}
                baseUrl="/api/kyc"
                className="onb-uploader"
                onComplete={() => setDocumentsApproved(true)}
              />
            )}
            <div className="onb-actions">
              <button
                type="button"
                className="onb-continue"
                disabled={!documentsApproved}
                aria-describedby="onb-continue-hint"
                onClick={() => setStep(2)}
              >
                Continuar
              </button>
              <p id="onb-continue-hint" className="onb-hint">
                {documentsApproved
                  ? 'Documentos aprovados. Você já pode continuar.'
                  : 'O botão é liberado quando todos os documentos forem aprovados.'}
              </p>
            </div>
          </section>
        )}
        {step === 2 && (
          <section aria-labelledby="onb-done-heading" className="onb-done">
            <h2 id="onb-done-heading">Conta aberta!</h2>
            <p>Seus documentos foram aprovados e sua conta PJ está pronta para uso.</p>
          </section>
        )}
      </main>
    </div>
  )
}
