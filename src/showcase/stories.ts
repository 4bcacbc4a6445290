/// <reference types="vite/client" />
import { collectStories, type CsfModule } from './csf.ts'

/** Every story under `./stories`, found by Vite (and Vitest) at build time. */
export const stories = collectStories(
  Object.values(import.meta.glob<CsfModule>('./stories/*.stories.tsx', { eager: true })),
)
