import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { OnboardingApp } from './OnboardingApp.tsx'

// The host application's own query client: the widget finds it through the provider and shares
// it (its queries sit beside the host's own, under their own keys).
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } },
})

const root = document.getElementById('root')
if (!root) throw new Error('onboarding.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <OnboardingApp />
    </QueryClientProvider>
  </StrictMode>,
)
