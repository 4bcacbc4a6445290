// A DevTools trace of one page, reduced to what the long-task figure needs: the renderer main
// thread's tasks with their wall time and their CPU time, and the page's performance marks.
// The Long Tasks API reports wall time only; on a busy machine a task of a few milliseconds of
// work can last 100 ms because the OS ran something else. CPU time tells the two apart.

const CATEGORIES = ['toplevel', 'devtools.timeline', 'blink.user_timing', '__metadata']

export async function startTrace(cdp) {
  const events = []
  const onData = (data) => events.push(...data.value)
  cdp.on('Tracing.dataCollected', onData)
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES },
    transferMode: 'ReportEvents',
  })
  return async function stopTrace() {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
    await cdp.send('Tracing.end')
    await complete
    cdp.off('Tracing.dataCollected', onData)
    return summarize(events)
  }
}

function summarize(events) {
  const mainThreads = new Set(
    events
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  )
  // A task is an outermost complete event on a renderer main thread (RunTask, a microtask
  // checkpoint, …): the events inside it are its parts.
  const onMain = events
    .filter((event) => event.ph === 'X' && mainThreads.has(`${event.pid}:${event.tid}`))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur)
  const tasks = []
  let openUntil = -Infinity
  for (const event of onMain) {
    if (event.ts < openUntil) continue
    openUntil = event.ts + event.dur
    tasks.push({ ts: event.ts, wallMs: event.dur / 1000, cpuMs: (event.tdur ?? 0) / 1000 })
  }
  const marks = new Map()
  for (const event of events) {
    if (event.cat?.includes('blink.user_timing') && event.ph !== 'e') {
      const list = marks.get(event.name) ?? []
      if (!list.includes(event.ts)) list.push(event.ts)
      marks.set(event.name, list)
    }
  }
  /** Main-thread tasks that started between the nth `start` mark and the nth `end` mark. */
  function tasksBetween(startName, endName, index = 0) {
    const start = marks.get(startName)?.[index]
    const end = marks.get(endName)?.[index]
    if (start === undefined || end === undefined)
      throw new Error(`no ${startName} or ${endName} mark in the trace`)
    return tasks.filter((task) => task.ts >= start && task.ts <= end)
  }
  return {
    tasksBetween,
    /** Where the nth `name` mark falls on the trace's clock (µs), or undefined. */
    markAt: (name, index = 0) => marks.get(name)?.[index],
    /** Main-thread tasks that started between the nth `${prefix}-upload-start` and `-end`. */
    tasksDuring(prefix, index = 0) {
      return tasksBetween(`${prefix}-upload-start`, `${prefix}-upload-end`, index)
    },
  }
}
