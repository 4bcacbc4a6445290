import { useEffect, useState } from 'react'
import { readHandoffSession } from '../../api/handoff.ts'
import { KycUploader } from '../../index.ts'

const BASE_URL = '/api/kyc'

/**
 * The page the phone lands on after confirming the hand-off link: the proxy set a session cookie
 * for one customer and redirected here. The page asks the proxy which customer
 * (`GET /api/kyc/handoff`) and shows the widget on it, with the camera actions of a touch screen.
 * When the session ends (on the computer, or at its expiry) the proxy answers 401 and the page
 * says so.
 */
export function PhoneApp() {
  const [customerId, setCustomerId] = useState('')
  const [session, setSession] = useState<'loading' | 'open' | 'missing' | 'ended'>('loading')
  useEffect(() => {
    const controller = new AbortController()
    readHandoffSession(BASE_URL, { signal: controller.signal }).then(
      (found) => {
        if (!found) return setSession('missing')
        setCustomerId(found.customerId)
        setSession('open')
      },
      () => !controller.signal.aborted && setSession('missing'),
    )
    return () => controller.abort()
  }, [])

  return (
    <main className="phone">
      <h1>Seus documentos</h1>
      {session === 'missing' || session === 'ended' ? (
        <p className="phone-missing" role="alert" data-phone-missing={session}>
          {session === 'ended'
            ? 'Esta sessão terminou: foi encerrada no computador ou expirou. Para continuar, escolha “continuar no celular” no computador de novo.'
            : 'Esta página abre a partir do código QR mostrado no computador. Lá, escolha “continuar no celular” e leia o código com a câmera.'}
        </p>
      ) : (
        <KycUploader
          customerId={customerId}
          baseUrl={BASE_URL}
          handoff="phone"
          onUnauthorized={() => setSession('ended')}
        />
      )}
    </main>
  )
}
