import { useCallback, useEffect, useState } from 'react'
import { KycUploader, type KycEvent } from '../index.ts'
import { demoApi } from '../demo/demo-api-client.ts'
import { LOCALES } from './fixtures.ts'
import type { FrameArgs } from './StoryFrame.tsx'

/** An event's fields besides its name and time, as plain text. */
function details(event: KycEvent): string {
  return Object.entries(event)
    .filter(([key]) => key !== 'name' && key !== 'at')
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join(', ')
}

/**
 * The one live story: the real widget on the demo's sandbox (a customer of the visitor's demo
 * session, through the dev server's proxy), and `onEvent`'s stream listed as it comes. Pick a
 * file, cancel, send a dark photo anyway: each step appears below the cards.
 */
export function LiveEventsStory({ locale }: FrameArgs) {
  const [customerId, setCustomerId] = useState('')
  const [events, setEvents] = useState<KycEvent[]>([])
  useEffect(() => {
    let live = true
    demoApi.session().then(
      (session) => live && setCustomerId(session.customerId),
      () => {}, // No demo backend (a test renders the story alone): the widget keeps loading.
    )
    return () => {
      live = false
    }
  }, [])
  const onEvent = useCallback((event: KycEvent) => setEvents((list) => [...list, event]), [])
  return (
    <div className="showcase-events">
      <KycUploader customerId={customerId} locale={LOCALES[locale]} onEvent={onEvent} />
      <section aria-labelledby="showcase-events-heading">
        <h3 id="showcase-events-heading">onEvent</h3>
        <ol className="showcase-events__list" data-events={events.length}>
          {events.map((event, index) => (
            <li key={index} data-event={event.name}>
              <code>{event.name}</code> {details(event)}
            </li>
          ))}
        </ol>
      </section>
    </div>
  )
}
