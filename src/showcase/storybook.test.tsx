// The story files as Storybook reads them: every meta and story satisfies @storybook/react's own
// `Meta` / `StoryObj` types (checked by tsc), and `composeStories`, Storybook's own way of running a
// story outside Storybook, renders each one exactly as the showcase page does. Storybook is a
// devDependency of this test only: the showcase itself loads none of it.
import { composeStories, type Meta, type StoryObj } from '@storybook/react'
import { createElement, type ComponentType } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import type { FixtureStory } from './FixtureStory.tsx'
import { stories as showcaseStories } from './stories.ts'
import * as appearance from './stories/appearance.stories.tsx'
import * as capture from './stories/capture.stories.tsx'
import * as documents from './stories/documents.stories.tsx'
import * as events from './stories/events.stories.tsx'
import * as handoff from './stories/handoff.stories.tsx'
import * as hostileInput from './stories/hostile-input.stories.tsx'
import * as states from './stories/states.stories.tsx'
import * as validationErrors from './stories/validation-errors.stories.tsx'
import * as viewfinder from './stories/viewfinder.stories.tsx'

type StorybookMeta = Meta<typeof FixtureStory>
type StorybookStory = StoryObj<StorybookMeta>

/** A story module as Storybook's types demand it: a `Meta` default export, `StoryObj` stories. */
function typed<M extends { default: StorybookMeta }>(
  module: M & { [name in Exclude<keyof M, 'default'>]: StorybookStory },
) {
  return module
}

// The live events story renders the real widget rather than a fixture (its own component).
type LiveMeta = Meta<typeof events.default.component>
function typedLive<M extends { default: LiveMeta }>(
  module: M & { [name in Exclude<keyof M, 'default'>]: StoryObj<LiveMeta> },
) {
  return module as unknown as ReturnType<typeof typed<typeof appearance>>
}

// The viewfinder's stories render its dialog alone, fed by a canvas (their own component).
type ViewfinderMeta = Meta<typeof viewfinder.default.component>
function typedViewfinder<M extends { default: ViewfinderMeta }>(
  module: M & { [name in Exclude<keyof M, 'default'>]: StoryObj<ViewfinderMeta> },
) {
  return module as unknown as ReturnType<typeof typed<typeof appearance>>
}

const modules = {
  appearance: typed(appearance),
  events: typedLive(events),
  capture: typed(capture),
  documents: typed(documents),
  handoff: typed(handoff),
  hostileInput: typed(hostileInput),
  states: typed(states),
  validationErrors: typed(validationErrors),
  viewfinder: typedViewfinder(viewfinder),
}

it('covers every story file the showcase loads', () => {
  const titles = new Set(showcaseStories.map((story) => story.title))
  expect(new Set(Object.values(modules).map((module) => module.default.title))).toEqual(titles)
})

describe.each(Object.entries(modules))('%s, composed by Storybook', (_, module) => {
  const composed = Object.entries(composeStories(module))
  const title = module.default.title
  const expected = showcaseStories.filter((story) => story.title === title)

  it('has every story of the file', () => {
    expect(composed.map(([exportName]) => exportName).sort()).toEqual(
      expected.map((story) => story.exportName).sort(),
    )
  })

  it.each(composed)('%s renders what the showcase renders', (exportName, Story) => {
    const showcase = expected.find((story) => story.exportName === exportName)
    const html = renderToStaticMarkup(createElement(Story as ComponentType))
    expect(html).toMatch(/data-kyc-(uploader|viewfinder)/)
    expect(html).toBe(renderToStaticMarkup(showcase!.render()))
  })
})
