// What an integrator gets from `npm install kyc-uploader`, checked on every `npm test`:
// the library build, publint, are-the-types-wrong, what the browser entry may and may not pull
// in, the size budget (.size-limit.json) and a server-side render of the built widget.
import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const steps = [
  ['library build', 'npm run build --silent'],
  ['publint', 'npx publint --strict'],
  // The package is ESM-only on purpose (React 18+ hosts all bundle ESM, and Node 20.19+ can
  // require() it), so the CommonJS and node10 resolutions are out of scope: that is the
  // esm-only profile. styles.css is not a JS entry; attw cannot analyse it.
  ['types (attw)', 'npx attw --pack --profile esm-only --exclude-entrypoints ./styles.css'],
  ['browser entry contents', checkBrowserEntry],
  ['server-side render of the built widget', 'node scripts/ssr-check.mjs'],
  ['size budget', 'npx size-limit'],
]

// `import … from 'x'`, `export … from 'x'` and `import 'x'` in Rolldown's (unminified) output.
const STATIC_IMPORT = /(?:^|\n)\s*(?:(?:import|export)\b[^'";]*?\bfrom|import)\s*['"]([^'"]+)['"]/g

/** The files the browser entry loads, following its static relative imports. */
export async function moduleGraph(entry) {
  const seen = new Map()
  const pending = [resolve(entry)]
  while (pending.length > 0) {
    const file = pending.pop()
    if (seen.has(file)) continue
    const code = await readFile(file, 'utf8')
    seen.set(file, code)
    for (const [, specifier] of code.matchAll(STATIC_IMPORT)) {
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier))
    }
  }
  return seen
}

/** Bare specifiers (packages and builtins) a module graph imports. */
function bareImports(graph) {
  const found = new Set()
  for (const code of graph.values()) {
    for (const [, specifier] of code.matchAll(STATIC_IMPORT)) {
      if (!specifier.startsWith('.')) found.add(specifier)
    }
    for (const [, specifier] of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g))
      found.add(specifier)
  }
  return found
}

/** Every string value of a (nested) strings table. */
function stringsOf(table) {
  if (typeof table === 'string') return [table]
  if (table && typeof table === 'object') return Object.values(table).flatMap(stringsOf)
  return []
}

async function checkBrowserEntry() {
  const problems = []
  const entry = await readFile('dist/index.js', 'utf8')
  if (!/^(['"])use client\1;?\n/.test(entry))
    problems.push('dist/index.js does not open with "use client"')
  for (const server of ['dist/server.js', 'dist/sandbox.js']) {
    if (/^\s*(['"])use client\1/.test(await readFile(server, 'utf8'))) {
      problems.push(`${server} is marked "use client"`)
    }
  }

  const graph = await moduleGraph('dist/index.js')
  const allowed = [
    'react',
    'react-dom',
    'react/jsx-runtime',
    '@tanstack/react-query',
    'react-dropzone',
  ]
  for (const specifier of bareImports(graph)) {
    if (!allowed.includes(specifier)) problems.push(`the browser entry imports ${specifier}`)
  }
  const code = [...graph.values()].join('\n')
  for (const secret of ['sandbox-secret', 'client_secret', 'clientSecret']) {
    if (code.includes(secret)) problems.push(`the browser entry contains "${secret}"`)
  }

  // A page that does not use English must not download it: no English sentence may be in the
  // graph of the main entry. Strings that read the same in Portuguese (templates such as
  // "{label}: {status}", short ones such as "PDF") are not English and are left out.
  const english = await import(pathToFileURL(resolve('dist/locales/en.js')).href)
  const main = await import(pathToFileURL(resolve('dist/index.js')).href)
  const portuguese = new Set(stringsOf(main.ptBR))
  const sentences = [...new Set(Object.values(english).flatMap(stringsOf))].filter(
    (text) => text.length >= 12 && /[a-z]{3,} [a-z]{2,}/i.test(text) && !portuguese.has(text),
  )
  if (sentences.length === 0) problems.push('found no English strings in dist/locales/en.js')
  const leaked = sentences.filter((text) => code.includes(JSON.stringify(text).slice(1, -1)))
  if (leaked.length > 0)
    problems.push(`English strings in the main entry: ${leaked.slice(0, 3).join(' | ')}`)

  console.log(
    `browser entry: ${graph.size} file(s), imports ${[...bareImports(graph)].sort().join(', ')}`,
  )
  console.log(`English strings checked absent from the main entry: ${sentences.length}`)
  for (const problem of problems) console.error(`  ✗ ${problem}`)
  return problems.length === 0
}

async function main() {
  // The build must work for anything else to mean something; the other checks all run, so one
  // failure does not hide the next.
  const failed = []
  for (const [name, step] of steps) {
    console.log(`\n-- ${name}`)
    const ok =
      typeof step === 'string'
        ? spawnSync(step, { shell: true, stdio: 'inherit' }).status === 0
        : await step()
    if (ok) continue
    console.error(`-- ${name}: FAILED`)
    failed.push(name)
    if (name === 'library build') break
  }
  if (failed.length > 0) {
    console.error(`\npackage checks failed: ${failed.join(', ')}`)
    process.exit(1)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
