// What an integrator gets from `npm install kyc-uploader`, checked on every `npm test`:
// the library build, publint, are-the-types-wrong, what the browser entry may and may not pull
// in, the size budget (.size-limit.json) and a server-side render of the built widget.
import { spawnSync } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const steps = [
  ['library build', 'npm run build --silent'],
  ['publint', 'npx publint --strict'],
  // The package is ESM-only on purpose (React 18+ hosts all bundle ESM, and Node 20.19+ can
  // require() it), so the CommonJS and node10 resolutions are out of scope: that is the
  // esm-only profile. styles.css is not a JS entry; attw cannot analyse it.
  ['types (attw)', 'npx attw --pack --profile esm-only --exclude-entrypoints ./styles.css'],
  ['every import of the build is declared', checkDeclaredImports],
  ['browser entry contents', checkBrowserEntry],
  ['server-side render of the built widget', 'node scripts/ssr-check.mjs'],
  // skipLibCheck false, with the Redis entry imported: our declarations name no ioredis type.
  ["a host's strict tsc with kyc-uploader/server/redis", 'node scripts/check-host-types.mjs'],
  ['size budget', 'npx size-limit'],
]

// `import … from 'x'`, `export … from 'x'` and `import 'x'` in Rolldown's (unminified) output.
const STATIC_IMPORT = /(?:^|\n)\s*(?:(?:import|export)\b[^'";]*?\bfrom|import)\s*['"]([^'"]+)['"]/g

// `import('x')` with a literal specifier.
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g

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
    for (const [, specifier] of code.matchAll(DYNAMIC_IMPORT)) {
      if (!specifier.startsWith('.')) found.add(specifier)
    }
  }
  return found
}

/** The package a bare specifier names (`@scope/name/sub` -> `@scope/name`), or null for a builtin. */
export function packageOf(specifier) {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return null
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
}

/** Code without its comments (JSDoc examples import packages the code itself does not). */
function withoutComments(code) {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
}

/**
 * Bare imports of every JavaScript and declaration file under `dir` (all of it is published)
 * that name neither a dependency, a peer, a Node builtin nor the package itself: an integrator's
 * plain `npm install` would not bring them, and the import would fail.
 */
export async function undeclaredImports(dir, manifest) {
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ])
  const problems = []
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(?:js|mjs|d\.ts)$/.test(entry.name)) continue
    const file = join(entry.parentPath, entry.name)
    const code = withoutComments(await readFile(file, 'utf8'))
    const specifiers = [...code.matchAll(STATIC_IMPORT), ...code.matchAll(DYNAMIC_IMPORT)]
    for (const [, specifier] of specifiers) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) continue
      const name = packageOf(specifier)
      if (name !== null && !declared.has(name)) {
        problems.push(
          `${relative(process.cwd(), file)} imports ${specifier}, not a dependency or peer`,
        )
      }
    }
  }
  return problems
}

async function checkDeclaredImports() {
  const manifest = JSON.parse(await readFile('package.json', 'utf8'))
  const problems = await undeclaredImports('dist', manifest)
  for (const problem of problems) console.error(`  ✗ ${problem}`)
  if (problems.length === 0) {
    console.log(
      `every bare import in dist/ names one of: ${[
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
      ].join(', ')} (or a Node builtin)`,
    )
  }
  return problems.length === 0
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
  // Loaded on demand, and only a locale (the default one, when the host passes none), the
  // photo step (its worker's starter, on the first photo picked), the PDF reader (on the first
  // PDF picked) or the opened hand-off panel with its QR code (when "continue on the phone" is
  // pressed).
  const onDemand = (target) =>
    target.startsWith(resolve('dist/locales') + '/') ||
    /^(prepare-photo|inspect|Viewfinder|HandoffSheet)-[\w-]+\.js$/.test(
      target.slice(resolve('dist/chunks').length + 1),
    )
  for (const [file, source] of graph) {
    for (const [, specifier] of source.matchAll(DYNAMIC_IMPORT)) {
      const target = resolve(dirname(file), specifier)
      if (specifier.startsWith('.') && !onDemand(target))
        problems.push(`the browser entry loads ${specifier} on demand`)
    }
  }
  for (const secret of ['sandbox-secret', 'client_secret', 'clientSecret']) {
    if (code.includes(secret)) problems.push(`the browser entry contains "${secret}"`)
  }

  // A page must download only the locale it uses: no sentence of any locale may be in the
  // static graph of the main entry (pt-BR, the default, comes as a chunk when no locale is
  // passed; only what the widget says while it loads, or if it fails to, is in the entry).
  // Strings that read the same in two (templates such as "{label}: {status}", short ones such
  // as "PDF") belong to neither and are left out.
  const locales = {
    English: await import(pathToFileURL(resolve('dist/locales/en.js')).href),
    Portuguese: await import(pathToFileURL(resolve('dist/locales/pt-BR.js')).href),
    Spanish: await import(pathToFileURL(resolve('dist/locales/es.js')).href),
  }
  const tables = Object.fromEntries(
    Object.entries(locales).map(([name, module]) => [
      name,
      new Set(Object.values(module).flatMap(stringsOf)),
    ]),
  )
  // The exceptions: what the widget says while the default locale loads, or if it does not arrive.
  // (and the prompt the loading skeleton outlines, so its bars wrap where the cards' will).
  for (const key of [
    'state.loading',
    'state.error',
    'state.retry',
    'error.network_error',
    'dropzone.prompt',
  ]) {
    tables.Portuguese.delete(locales.Portuguese.ptBR?.strings?.[key])
  }
  const checked = []
  for (const [name, own] of Object.entries(tables)) {
    const others = Object.entries(tables).filter(([key]) => key !== name)
    const sentences = [...own].filter(
      (text) =>
        text.length >= 12 &&
        /[a-z]{3,} [a-z]{2,}/i.test(text) &&
        !others.some(([, table]) => table.has(text)),
    )
    if (sentences.length === 0) problems.push(`found no ${name} strings`)
    const leaked = sentences.filter((text) => code.includes(JSON.stringify(text).slice(1, -1)))
    if (leaked.length > 0)
      problems.push(`${name} strings in the main entry: ${leaked.slice(0, 3).join(' | ')}`)
    checked.push(`${name} ${sentences.length}`)
  }

  console.log(
    `browser entry: ${graph.size} file(s), imports ${[...bareImports(graph)].sort().join(', ')}`,
  )
  console.log(`strings checked absent from the main entry: ${checked.join(', ')}`)
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
