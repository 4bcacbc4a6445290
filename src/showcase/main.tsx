import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ShowcaseApp } from './ShowcaseApp.tsx'
import { stories } from './stories.ts'

const root = document.getElementById('root')
if (!root) throw new Error('showcase.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <ShowcaseApp stories={stories} search={window.location.search} />
  </StrictMode>,
)
