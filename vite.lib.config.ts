// The library build behind `npm run build`: ES modules in dist/, one file per public entry.
// Kept apart from vite.config.ts so the demo's dev server and vitest are untouched by it.
// Declarations come from `tsc -p tsconfig.build.json` (see package.json's build script).
import { readFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

/** Public entries: the key is the path in dist/ without `.js`, the value the source file. */
export const LIBRARY_ENTRIES = {
  index: 'src/index.ts',
  'locales/en': 'src/locales/en.ts',
  'locales/es': 'src/locales/es.ts',
  // Also the chunk the widget loads when no locale is passed (it is the default).
  'locales/pt-BR': 'src/locales/pt-BR.ts',
  server: 'src/server/index.ts',
  // The proxy as a node:http / Express listener (uses @hono/node-server, a dependency).
  'server/node': 'src/server/node.ts',
  // The Redis store, apart so that the proxy's entry names no ioredis (an optional peer).
  'server/redis': 'src/server/redis.ts',
  sandbox: 'src/sandbox/index.ts',
  // The kit for a host's own tests (the sandbox and the proxy in-process, fixture files).
  testing: 'src/testing/index.ts',
  // `npx kyc-uploader-sandbox` (package.json's bin): the sandbox as a command.
  'bin/kyc-uploader-sandbox': 'src/sandbox/bin.ts',
  // A CSS entry: emitted as dist/styles.css (minified by Vite), with no JS beside it.
  styles: 'src/ui/styles.css',
}

// Peers, our own dependency (left for the host's bundler so it is deduped with any other copy),
// and the Node-only modules of the proxy and the sandbox.
const EXTERNAL_PACKAGES = [
  'react',
  'react-dom',
  '@tanstack/react-query',
  'react-dropzone',
  'hono',
  '@hono/node-server',
  // The Redis store's client, an optional peer loaded only by hosts that use it.
  'ioredis',
]

function isExternal(id: string): boolean {
  if (id.startsWith('node:') || builtinModules.includes(id)) return true
  return EXTERNAL_PACKAGES.some((name) => id === name || id.startsWith(`${name}/`))
}

const USE_CLIENT = /^\s*(['"])use client\1/

/**
 * The widget's entry must open with `"use client"` for React Server Components frameworks.
 * Rolldown keeps an entry module's own directive but drops those of the modules it inlines, so
 * the banner adds it only when src/index.ts does not already start with it (never twice). The
 * proxy, the sandbox and the locale are not client components and get nothing.
 */
async function useClientBanner(chunk: {
  isEntry: boolean
  name: string
  facadeModuleId: string | null
}): Promise<string> {
  if (chunk.isEntry && chunk.name.startsWith('bin/')) return '#!/usr/bin/env node'
  if (!chunk.isEntry || chunk.name !== 'index' || !chunk.facadeModuleId) return ''
  const source = await readFile(chunk.facadeModuleId, 'utf8')
  return USE_CLIENT.test(source) ? '' : "'use client';"
}

/**
 * `import 'kyc-uploader/styles.css'` must type-check without a bundler's client types too (under
 * `noUncheckedSideEffectImports`, TypeScript wants a declaration for every side-effect import):
 * the export's `types` condition points at this empty module.
 */
const stylesheetDeclaration = {
  name: 'kyc-stylesheet-declaration',
  generateBundle(this: {
    emitFile(file: { type: 'asset'; fileName: string; source: string }): void
  }) {
    this.emitFile({
      type: 'asset',
      fileName: 'styles.css.d.ts',
      source:
        '// kyc-uploader/styles.css: a stylesheet, imported for its side effect only.\nexport {}\n',
    })
  },
}

export default defineConfig({
  plugins: [react(), stylesheetDeclaration],
  // The photo worker (src/capture/photo.worker.ts) is emitted as a file of its own and found
  // relative to the chunk that starts it, wherever the package is installed.
  base: './',
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Published code stays readable; the host's bundler minifies. size-limit measures minified.
    minify: false,
    cssMinify: true,
    // Lets the stylesheet be an entry of its own instead of being merged into one CSS file.
    cssCodeSplit: true,
    target: 'es2022',
    copyPublicDir: false,
    lib: {
      entry: LIBRARY_ENTRIES,
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      external: isExternal,
      // Inlined constants leave behind a bare `import "./chunks/limits.js"` kept for execution
      // order, which bundlers honouring `sideEffects` then warn about; import them by name.
      optimization: { inlineConst: false },
      output: {
        banner: useClientBanner,
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
})
