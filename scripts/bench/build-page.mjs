// Builds the bench page for production, with the widget from dist/ (what the package ships)
// and React's profiling build, so <Profiler> counts commits at production speed.
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const root = fileURLToPath(new URL('./page/', import.meta.url))
const repo = fileURLToPath(new URL('../../', import.meta.url))

export async function buildBenchPage(outDir) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    mode: 'production',
    resolve: {
      alias: [
        { find: /^kyc-uploader\/styles\.css$/, replacement: `${repo}dist/styles.css` },
        { find: /^kyc-uploader$/, replacement: `${repo}dist/index.js` },
        { find: /^react-dom\/client$/, replacement: 'react-dom/profiling' },
      ],
    },
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      minify: true,
      rolldownOptions: {
        // TanStack Query's "use client" markers mean nothing in a page bundle.
        onLog(level, log, handler) {
          if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log)
        },
      },
    },
  })
  return outDir
}
