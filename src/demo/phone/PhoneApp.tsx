import { useEffect, useState } from 'react'
import { readHandoffSession } from '../../api/handoff.ts'
import { KycUploader } from '../../index.ts'

const BASE_URL = '/api/kyc'

/**
 * The page the phone lands on after opening the hand-off link: the proxy's exchange set a session
 * cookie for one customer and redirected here. The page asks the proxy which customer
 * (`GET /api/kyc/handoff`) and shows the widget on it, with the camera actions of a touch screen.
 */
export function PhoneApp() {
  const [customerId, setCustomerId] = useState('')
  const [missing, setMissing] = useState(false)
  useEffect(() => {
    const controller = new AbortController()
    readHandoffSession(BASE_URL, { signal: controller.signal }).then(
      (session) => (session ? setCustomerId(session.customerId) : setMissing(true)),
      () => !controller.signal.aborted && setMissing(true),
    )
    return () => controller.abort()
  }, [])

  return (
    <main className="phone">
      <h1>Seus documentos</h1>
      {missing ? (
        <p className="phone-missing" role="alert" data-phone-missing="">
          Esta página abre a partir do código QR mostrado no computador. Lá, escolha “continuar no
          celular” e leia o código com a câmera.
        </p>
      ) : (
        <KycUploader customerId={customerId} baseUrl={BASE_URL} handoff="phone" />
      )}
    </main>
  )
}
