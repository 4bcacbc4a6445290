// Server-side rendering of the built package in plain Node (no DOM, no window): importing
// `kyc-uploader` must not touch browser globals, and `renderToString(<KycUploader/>)` must print
// the loading state without a request. check-package.mjs runs this after the build.
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { pathToFileURL } from 'node:url'

export const LOADING_TEXT = { 'pt-BR': 'Carregando documentos…', en: 'Loading documents…' }

/**
 * Renders `<KycUploader customerId … />` from `widget` (the package's main module) to HTML,
 * counting the `fetch` calls made meanwhile (a server render must make none).
 */
export function renderOnServer(widget, props = {}) {
  const realFetch = globalThis.fetch
  let fetchCalls = 0
  globalThis.fetch = (...args) => {
    fetchCalls += 1
    return realFetch(...args)
  }
  try {
    const html = renderToString(
      createElement(widget.KycUploader, {
        customerId: 'cust_3c6af039bdb764af2e7870c712b19f56',
        baseUrl: '/api/kyc',
        ...props,
      }),
    )
    return { html, fetchCalls }
  } finally {
    globalThis.fetch = realFetch
  }
}

/** What is wrong with rendering `widget` on the server, as sentences; empty when all is well. */
export function serverRenderProblems(widget, english) {
  const problems = []
  if (typeof widget.KycUploader !== 'function' && typeof widget.KycUploader !== 'object') {
    return ['the package exports no KycUploader']
  }
  const cases = [
    ['pt-BR', {}],
    ['en', english ? { locale: english } : null],
  ]
  for (const [language, props] of cases) {
    if (!props) continue
    let rendered
    try {
      rendered = renderOnServer(widget, props)
    } catch (error) {
      problems.push(
        `rendering (${language}) threw: ${error instanceof Error ? error.message : error}`,
      )
      continue
    }
    if (!rendered.html.includes(LOADING_TEXT[language])) {
      problems.push(
        `the ${language} render lacks "${LOADING_TEXT[language]}": ${rendered.html.slice(0, 200)}`,
      )
    }
    if (!rendered.html.includes('data-kyc-uploader'))
      problems.push('the root lacks data-kyc-uploader')
    if (rendered.fetchCalls > 0)
      problems.push(`the ${language} render made ${rendered.fetchCalls} request(s)`)
  }
  return problems
}

async function main() {
  const browserGlobals = ['window', 'document', 'localStorage', 'HTMLElement']
  const present = browserGlobals.filter((name) => name in globalThis)
  if (present.length > 0) throw new Error(`not a plain Node: ${present.join(', ')} defined`)
  // The package by its own name: this resolves through package.json's "exports" to dist/.
  const widget = await import('kyc-uploader')
  const { en } = await import('kyc-uploader/locales/en')
  const problems = serverRenderProblems(widget, en)
  if (problems.length > 0) {
    for (const problem of problems) console.error(`  ✗ ${problem}`)
    process.exit(1)
  }
  const { html } = renderOnServer(widget)
  console.log(`server render ok (${html.length} characters of HTML, no request, no DOM):`)
  console.log(`  ${html.slice(0, 160)}${html.length > 160 ? '…' : ''}`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
