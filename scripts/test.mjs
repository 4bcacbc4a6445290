// The whole test suite, in the order a failure is cheapest to find. `npm test` runs this.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'

const LINT = 'npx eslint .'
const FORMAT = 'npx prettier --check .'

/**
 * Lint and format once more, now that the e2e step has left its demo build in .tmp/: the next
 * `npm test` in this checkout starts with exactly these two steps, so they must ignore it.
 */
function lintAfterDemoBuild() {
  const builds = existsSync('.tmp')
    ? readdirSync('.tmp').filter((name) => name.startsWith('demo-dist-'))
    : []
  if (builds.length === 0) {
    console.error('no demo build in .tmp/ (the e2e step makes one)')
    return { status: 1 }
  }
  console.log(`demo build(s) present: ${builds.map((name) => `.tmp/${name}`).join(', ')}`)
  return spawnSync(`${LINT} && ${FORMAT}`, { shell: true, stdio: 'inherit' })
}

const steps = [
  ['generated types are fresh', 'node scripts/check-generated.mjs', 'scripts/check-generated.mjs'],
  ['typecheck', 'npx tsc -p tsconfig.json'],
  ['lint', LINT],
  ['format', FORMAT],
  ['unit, component and HTTP tests', 'npx vitest run'],
  ['package build and checks', 'node scripts/check-package.mjs', 'scripts/check-package.mjs'],
  // The packed package in scratch apps outside the repo: Vite + React 19 (with the README's test
  // recipes), Vite + React 18, Next.js, webpack 5 + Express 5 and React Router 7, each built,
  // served against the sandbox and used in Chromium (README snippets).
  [
    'consumer apps: Vite + React 19, Vite + React 18, Next.js, webpack + Express, React Router 7',
    'node scripts/consumer-apps.mjs --built',
    'scripts/consumer-apps.mjs',
  ],
  // The soak (200 uploads with random faults, then an audit) starts first on one worker while
  // the other specs fill the second; SOAK_SEED replays a printed run.
  [
    'end-to-end in Chromium',
    'npx playwright test --project=soak --project=desktop --project=phone --project=faults',
    'playwright.config.ts',
  ],
  ['the ignore list holds over the demo build', lintAfterDemoBuild, 'playwright.config.ts'],
]

const only = process.argv.slice(2)
const failed = []
let passed = 0
for (const [name, command, needs] of steps) {
  if (only.length > 0 && !only.some((word) => name.includes(word))) continue
  if (needs && !existsSync(needs)) continue
  console.log(`\n== ${name}${typeof command === 'string' ? `: ${command}` : ''}`)
  const started = Date.now()
  const result =
    typeof command === 'string' ? spawnSync(command, { shell: true, stdio: 'inherit' }) : command()
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
