import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { PhoneApp } from './PhoneApp.tsx'

const root = document.getElementById('root')
if (!root) throw new Error('phone.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <PhoneApp />
  </StrictMode>,
)
