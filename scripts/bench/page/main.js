// The bench page: widgets from the built package (dist/) in a host page, plus the probes the
// benchmarks read through `window.__bench`. Query: `c` (customer id, repeatable), `n` (widgets
// per customer, comma-separated in the order of `c`, default 1 each), `max` (maxFileSize), `photos`
// (`off`: no photo step). Widgets share the host's
// QueryClientProvider, as the README tells hosts to do when several show one customer.
import { Profiler, createElement as h } from 'react'
import { createRoot } from 'react-dom/client'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { KycUploader } from 'kyc-uploader'
import 'kyc-uploader/styles.css'

const params = new URLSearchParams(location.search)
const customers = params.getAll('c')
const perCustomer = (params.get('n') ?? '').split(',').map(Number)
const maxFileSize = params.has('max') ? Number(params.get('max')) : undefined
// `photos=off`: photos go as picked, the way the widget sent them before issue 11.
const photos = params.get('photos') === 'off' ? false : undefined

const bench = {
  /** performance.now() of every React commit in the widgets' tree (profiling build). */
  commits: [],
  /** Every animation frame's time. */
  frames: [],
  /** Long tasks (> 50 ms) seen by the Long Tasks API: { start, duration }. */
  longTasks: [],
  /** Upload progress events of every XHR in the page: { time, loaded, total }. */
  progress: [],
  /** Every XHR's send() and loadend times, to split the widget's time around the request. */
  requests: [],
  /** Set by `armWidget`, filled by the listeners below. */
  widgetRun: null,
}
window.__bench = bench

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    bench.longTasks.push({ start: entry.startTime, duration: entry.duration })
  }
}).observe({ type: 'longtask', buffered: true })

const frame = (time) => {
  bench.frames.push(time)
  requestAnimationFrame(frame)
}
requestAnimationFrame(frame)

// Watch the progress of every upload, the widget's and the baseline's alike.
const send = XMLHttpRequest.prototype.send
XMLHttpRequest.prototype.send = function (body) {
  const request = { sent: performance.now(), ended: null }
  bench.requests.push(request)
  this.addEventListener('loadend', () => {
    request.ended = performance.now()
  })
  this.upload.addEventListener('progress', (event) => {
    bench.progress.push({ time: performance.now(), loaded: event.loaded, total: event.total })
  })
  return send.call(this, body)
}

// The marks below (widget-upload-start/end, bare-upload-start/end) also place the uploads in a
// DevTools trace, where the bench reads each main-thread task's CPU time.

/**
 * Times the widget's upload of `type` in widget `index`: from the file input's change event
 * (what the user did) to the document showing `submitted` (what the user sees).
 */
bench.armWidget = (index, type) => {
  const slot = document.querySelector(`[data-bench-widget="${index}"] [data-kyc-type="${type}"]`)
  if (!slot) throw new Error(`no document ${type} in widget ${index}`)
  const run = { start: null, end: null, status: null }
  bench.widgetRun = run
  const onChange = (event) => {
    if (slot.contains(event.target) && run.start === null) {
      run.start = performance.mark('widget-upload-start').startTime
    }
  }
  document.addEventListener('change', onChange, true)
  const observer = new MutationObserver(() => {
    const status = slot.getAttribute('data-status')
    if (run.start !== null && status !== 'pending' && status !== 'rejected') {
      run.end = performance.mark('widget-upload-end').startTime
      run.status = status
      observer.disconnect()
      document.removeEventListener('change', onChange, true)
    }
  })
  observer.observe(slot, { attributes: true, attributeFilter: ['data-status'] })
}

/** The same form data as the widget's, by a bare XHR to the same endpoint, timed likewise. */
bench.bareXhr = (customerId, type) =>
  new Promise((resolve, reject) => {
    const start = performance.mark('bare-upload-start').startTime
    const file = document.getElementById('baseline-file').files[0]
    const form = new FormData()
    form.append('type', type)
    form.append('file', file, file.name)
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/kyc/customers/${encodeURIComponent(customerId)}/documents`)
    xhr.setRequestHeader('Idempotency-Key', crypto.randomUUID())
    xhr.onload = () => {
      const end = performance.mark('bare-upload-end').startTime
      resolve({ start, end, status: xhr.status })
    }
    xhr.onerror = () => reject(new Error('baseline upload failed'))
    xhr.send(form)
  })

/** Headless Chromium never hides a tab, so hidden is emulated the way a browser reports it. */
let visibility = 'visible'
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility })
Object.defineProperty(document, 'hidden', {
  configurable: true,
  get: () => visibility === 'hidden',
})
bench.setVisibility = (state) => {
  visibility = state
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
}

const onRender = () => bench.commits.push(performance.now())
const queryClient = new QueryClient()
let widgetCount = 0
const widgets = customers.flatMap((customerId, customerIndex) =>
  Array.from({ length: perCustomer[customerIndex] || 1 }, () => {
    const index = widgetCount++
    return h(
      'section',
      { key: index, 'data-bench-widget': index, 'data-customer': customerId },
      h(KycUploader, { customerId, baseUrl: '/api/kyc', maxFileSize, photos }),
    )
  }),
)
createRoot(document.getElementById('root')).render(
  h(
    QueryClientProvider,
    { client: queryClient },
    h(Profiler, { id: 'widgets', onRender }, ...widgets),
  ),
)
