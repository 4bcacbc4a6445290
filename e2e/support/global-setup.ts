import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** Generates the fixture files once (they are git-ignored); a no-op when they exist. */
export default function globalSetup(): void {
  const script = fileURLToPath(new URL('../fixtures/generate.mjs', import.meta.url))
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error('generating the e2e fixtures failed')
}
