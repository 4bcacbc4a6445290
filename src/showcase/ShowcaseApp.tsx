import { Component, createElement, useEffect, type ReactNode } from 'react'
import { sanitize, type LoadedStory } from './csf.ts'

const SITE_NAME = 'KycUploader showcase'

/** The page's own URL for one story, relative to showcase.html. */
export function storyHref(id: string): string {
  return `?story=${encodeURIComponent(id)}`
}

export function groupHref(title: string): string {
  return `?title=${encodeURIComponent(sanitize(title))}`
}

interface ShowcaseAppProps {
  stories: readonly LoadedStory[]
  /** `location.search`: `?story=<id>` shows one story, `?title=<group>` a group side by side. */
  search: string
}

export function ShowcaseApp({ stories, search }: ShowcaseAppProps) {
  const params = new URLSearchParams(search)
  const storyParam = params.get('story')
  const titleParam = params.get('title')
  if (storyParam !== null) {
    const story = stories.find((s) => s.id === storyParam)
    return story ? <StoryPage story={story} /> : <NotFoundPage what={`story “${storyParam}”`} />
  }
  if (titleParam !== null) {
    const group = stories.filter((s) => sanitize(s.title) === titleParam)
    return group.length > 0 ? (
      <GroupPage title={group[0]?.title ?? titleParam} stories={group} />
    ) : (
      <NotFoundPage what={`group “${titleParam}”`} />
    )
  }
  return <IndexPage stories={stories} />
}

function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title
  }, [title])
}

function Layout({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <>
      <header className="showcase-header">
        <a className="showcase-home" href="?">
          {SITE_NAME}
        </a>
      </header>
      <main className="showcase-main">
        <h1 className="showcase-heading">{heading}</h1>
        {children}
      </main>
    </>
  )
}

function groupsOf(stories: readonly LoadedStory[]): Map<string, LoadedStory[]> {
  const groups = new Map<string, LoadedStory[]>()
  for (const story of stories) {
    const group = groups.get(story.title) ?? []
    group.push(story)
    groups.set(story.title, group)
  }
  return groups
}

function IndexPage({ stories }: { stories: readonly LoadedStory[] }) {
  useDocumentTitle(SITE_NAME)
  return (
    <Layout heading={SITE_NAME}>
      <p className="showcase-lead">
        Every state of the widget, rendered from fixtures: nothing here talks to a server or waits
        on a timer, so each story looks the same every time. Each has its own URL.
      </p>
      {[...groupsOf(stories)].map(([title, group]) => (
        <section
          key={title}
          className="showcase-group"
          aria-labelledby={`group-${sanitize(title)}`}
        >
          <h2 id={`group-${sanitize(title)}`}>
            <a href={groupHref(title)}>{title}</a>
          </h2>
          <ul className="showcase-list">
            {group.map((story) => (
              <li key={story.id}>
                <a href={storyHref(story.id)}>{story.name}</a>{' '}
                <code className="showcase-id">{story.id}</code>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  )
}

function StoryPage({ story }: { story: LoadedStory }) {
  useDocumentTitle(`${story.title}: ${story.name} · ${SITE_NAME}`)
  return (
    <Layout heading={`${story.title}: ${story.name}`}>
      <StoryBoundary id={story.id}>{createElement(story.render)}</StoryBoundary>
    </Layout>
  )
}

function GroupPage({ title, stories }: { title: string; stories: readonly LoadedStory[] }) {
  useDocumentTitle(`${title} · ${SITE_NAME}`)
  return (
    <Layout heading={title}>
      <div className="showcase-grid">
        {stories.map((story) => (
          <section key={story.id} className="showcase-cell" aria-labelledby={`cell-${story.id}`}>
            <h2 id={`cell-${story.id}`}>
              <a href={storyHref(story.id)}>{story.name}</a>
            </h2>
            <StoryBoundary id={story.id}>{createElement(story.render)}</StoryBoundary>
          </section>
        ))}
      </div>
    </Layout>
  )
}

function NotFoundPage({ what }: { what: string }) {
  useDocumentTitle(`Not found · ${SITE_NAME}`)
  return (
    <Layout heading="Not found">
      <p>
        There is no {what}. <a href="?">See all stories</a>.
      </p>
    </Layout>
  )
}

interface StoryBoundaryState {
  error: Error | null
}

/** A story that throws shows why, and never gets `data-story-ready`, so the e2e fails on it. */
class StoryBoundary extends Component<{ id: string; children: ReactNode }, StoryBoundaryState> {
  override state: StoryBoundaryState = { error: null }

  static getDerivedStateFromError(error: unknown): StoryBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override render() {
    if (this.state.error) {
      return (
        <p className="showcase-error" role="alert" data-story-error={this.props.id}>
          This story failed to render: {this.state.error.message}
        </p>
      )
    }
    return this.props.children
  }
}
