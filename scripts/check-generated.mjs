// Fails when src/api/generated/schema.ts no longer matches openapi/kyc-api.yaml. `npm test` runs it
// first. It regenerates exactly as `npm run gen:types` does (openapi-typescript, then prettier with
// the repo's config) into memory and compares with the committed file.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'

const root = fileURLToPath(new URL('..', import.meta.url))
const SPEC = 'openapi/kyc-api.yaml'
const GENERATED = 'src/api/generated/schema.ts'
const FIX = 'Run `npm run gen:types` and commit src/api/generated/schema.ts.'

function fail(message) {
  console.error(`${message}\n${FIX}`)
  process.exit(1)
}

const cli = fileURLToPath(new URL('../node_modules/openapi-typescript/bin/cli.js', import.meta.url))
// Without -o the CLI prints the file (banner included) to stdout.
const run = spawnSync(process.execPath, [cli, SPEC], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})
if (run.status !== 0) {
  console.error(run.stderr)
  fail(`openapi-typescript could not read ${SPEC} (exit ${run.status}).`)
}

const absoluteGenerated = `${root}${GENERATED}`
const options = (await prettier.resolveConfig(absoluteGenerated)) ?? {}
const expected = await prettier.format(run.stdout, { ...options, filepath: absoluteGenerated })

if (!existsSync(absoluteGenerated)) fail(`${GENERATED} is missing.`)
const actual = readFileSync(absoluteGenerated, 'utf8')

if (actual !== expected) {
  const actualLines = actual.split('\n')
  const expectedLines = expected.split('\n')
  const at = expectedLines.findIndex((line, index) => line !== actualLines[index])
  const line = at === -1 ? expectedLines.length : at
  fail(
    `${GENERATED} is stale: it differs from what ${SPEC} generates, first at line ${line + 1}:\n` +
      `  committed: ${JSON.stringify(actualLines[line] ?? '<end of file>')}\n` +
      `  expected:  ${JSON.stringify(expectedLines[line] ?? '<end of file>')}`,
  )
}
console.log(`${GENERATED} is up to date with ${SPEC}.`)
