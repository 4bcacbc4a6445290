// The whole test suite, in the order a failure is cheapest to find. `npm test` runs this.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const steps = [
  ['generated types are fresh', 'node scripts/check-generated.mjs', 'scripts/check-generated.mjs'],
  ['typecheck', 'npx tsc -p tsconfig.json'],
  ['lint', 'npx eslint .'],
  ['format', 'npx prettier --check .'],
  ['unit, component and HTTP tests', 'npx vitest run'],
  ['package build and checks', 'node scripts/check-package.mjs', 'scripts/check-package.mjs'],
  // The soak (200 uploads with random faults, then an audit) starts first on one worker while
  // the other specs fill the second; SOAK_SEED replays a printed run.
  [
    'end-to-end in Chromium',
    'npx playwright test --project=soak --project=desktop --project=phone --project=faults',
    'playwright.config.ts',
  ],
]

const only = process.argv.slice(2)
const failed = []
let passed = 0
for (const [name, command, needs] of steps) {
  if (only.length > 0 && !only.some((word) => name.includes(word))) continue
  if (needs && !existsSync(needs)) continue
  console.log(`\n== ${name}: ${command}`)
  const started = Date.now()
  const result = spawnSync(command, { shell: true, stdio: 'inherit' })
  console.log(
    `== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
  if (result.status === 0) passed += 1
  else failed.push(name)
}
console.log(`\nsteps: ${passed} passed, ${failed.length} failed`)
if (failed.length > 0) {
  console.log(`\n${failed.length} step(s) failed: ${failed.join(', ')}`)
  process.exit(1)
}
