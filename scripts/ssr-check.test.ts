// The server-render check, on the source (npm test runs it on the build too, via
// check-package.mjs): the widget renders its loading state in plain Node, and the check does
// catch a widget that touches the DOM or the network while rendering on the server.
import { en } from '../src/locales/en.ts'
import * as widget from '../src/index.ts'
import { LOADING_TEXT, renderOnServer, serverRenderProblems } from './ssr-check.mjs'

describe('server rendering in plain Node', () => {
  it('runs without a DOM', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
  })

  it('prints the loading state, in Portuguese by default and in English when asked', () => {
    expect(renderOnServer(widget).html).toContain(LOADING_TEXT['pt-BR'])
    expect(renderOnServer(widget, { locale: en }).html).toContain(LOADING_TEXT.en)
    expect(serverRenderProblems(widget, en)).toEqual([])
  })

  it('makes no request while rendering', () => {
    expect(renderOnServer(widget).fetchCalls).toBe(0)
  })

  it('reports a widget that reads window while rendering', () => {
    const broken = {
      KycUploader: () => `${window.innerWidth}`,
    }
    expect(serverRenderProblems(broken)).toEqual([
      expect.stringMatching(/threw: window is not defined/),
    ])
  })

  it('reports a widget that fetches while rendering and one without the loading text', () => {
    const eager = {
      KycUploader: () => {
        void fetch('http://127.0.0.1:9/never').catch(() => {})
        return 'Carregando documentos…'
      },
    }
    expect(serverRenderProblems(eager)).toContain('the pt-BR render made 1 request(s)')
    expect(serverRenderProblems({ KycUploader: () => 'Olá' })).toEqual(
      expect.arrayContaining([expect.stringContaining('lacks "Carregando documentos…"')]),
    )
  })
})
