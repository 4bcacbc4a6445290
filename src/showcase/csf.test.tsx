import { createElement, type ComponentType, type ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import {
  collectStories,
  storyId,
  storyNameFromExport,
  type CsfModule,
  type StoryFn,
} from './csf.ts'

function Box({ label, children }: { label: string; children?: ReactNode }) {
  return createElement('div', { 'data-box': label }, children)
}

describe('story ids', () => {
  it('are built the way Storybook builds them, so the same URL names the same story', () => {
    expect(storyId('Validation errors', 'FileHeic')).toBe('validation-errors--file-heic')
    expect(storyId('Documents', 'Uploading40Percent')).toBe('documents--uploading-40-percent')
    expect(storyId('Appearance', 'PtBrLight')).toBe('appearance--pt-br-light')
    expect(storyId('Widget/Document card', 'HTMLInMessage')).toBe(
      'widget-document-card--html-in-message',
    )
    expect(storyNameFromExport('RejectedLongMessage')).toBe('Rejected Long Message')
  })
})

describe('collectStories', () => {
  const module = {
    default: {
      title: 'Boxes',
      args: { label: 'meta', tone: 'plain' },
      decorators: [(Story) => createElement(Box, { label: 'outer' }, createElement(Story))],
      render: (args) => createElement(Box, { label: (args as { label: string }).label }),
    },
    Second: { args: { label: 'second' } },
    First: {
      name: 'The first one',
      args: { label: 'first' },
      decorators: [
        (Story: ComponentType) => createElement(Box, { label: 'inner' }, createElement(Story)),
      ],
    },
    notAStory: 'a string is skipped',
  } satisfies CsfModule

  it('sorts by title, then export name, and merges the meta args under the story args', () => {
    const stories = collectStories([{ default: { title: 'Zeta' }, Only: {} }, module])
    expect(stories.map((s) => [s.id, s.name])).toEqual([
      ['boxes--first', 'The first one'],
      ['boxes--second', 'Second'],
      ['zeta--only', 'Only'],
    ])
    expect(stories[0]?.args).toEqual({ label: 'first', tone: 'plain' })
  })

  it("wraps the story's own decorators inside the meta's, as Storybook does", () => {
    const [first] = collectStories([module])
    expect(renderToStaticMarkup(createElement(first!.render))).toBe(
      '<div data-box="outer"><div data-box="inner"><div data-box="first"></div></div></div>',
    )
  })

  it('reads CSF 2 function stories (the form Ladle uses) with their args', () => {
    const Plain: StoryFn<{ label: string }> = ({ label }) => createElement(Box, { label })
    Plain.args = { label: 'from a function' }
    Plain.storyName = 'Plain box'
    const [story] = collectStories([{ default: { title: 'Fn' }, Plain }])
    expect(story?.id).toBe('fn--plain')
    expect(story?.name).toBe('Plain box')
    expect(renderToStaticMarkup(createElement(story!.render))).toBe(
      '<div data-box="from a function"></div>',
    )
  })

  it('refuses two stories with one id', () => {
    expect(() =>
      collectStories([
        { default: { title: 'Twice' }, A: {} },
        { default: { title: 'twice' }, A: {} },
      ]),
    ).toThrow('Duplicate story id: twice--a')
  })
})
