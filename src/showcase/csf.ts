import { createElement, type ComponentType, type ReactElement } from 'react'

/**
 * The slice of Component Story Format (CSF 3) the showcase reads. Story files written to these
 * types load unchanged in Storybook or Ladle; the showcase page renders them without either.
 */
export type Args = object

export interface StoryContext<A extends Args = Args> {
  /** Stable id, Storybook's way: `<title>--<export name>`, kebab-cased. */
  id: string
  /** The default export's `title`, e.g. `Documents`. */
  title: string
  /** Human name: the story's `name`, else its export name in words. */
  name: string
  /** The default export's args, overridden by the story's own. */
  args: A
}

export type Decorator<A extends Args = Args> = (
  Story: ComponentType,
  context: StoryContext<A>,
) => ReactElement

export interface Meta<A extends Args = Args> {
  title: string
  /** Rendered with the args as props when neither the story nor the meta has `render`. */
  component?: ComponentType<never>
  args?: Partial<A>
  decorators?: Decorator<A>[]
  render?: (args: A, context: StoryContext<A>) => ReactElement
}

export interface StoryObj<A extends Args = Args> {
  name?: string
  args?: Partial<A>
  decorators?: Decorator<A>[]
  render?: (args: A, context: StoryContext<A>) => ReactElement
}

/** What `import * as m from './x.stories.tsx'` gives. */
export interface CsfModule {
  default: Meta
  [exportName: string]: unknown
}

/** One story, resolved: its id, names, merged args and a way to render it. */
export interface LoadedStory {
  id: string
  title: string
  name: string
  exportName: string
  args: Args
  render: () => ReactElement
}

/** Storybook's `sanitize`: lower case, runs of punctuation and spaces become one `-`. */
export function sanitize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ ’–—―′¿'`~!@#$%^&*()_|+\-=?;:'",.<>{}[\]\\/]/gi, '-')
    .replace(/-+/g, '-')
    .replace(/^-+/, '')
    .replace(/-+$/, '')
}

/** `RejectedLongMessage` -> `Rejected Long Message`, `Uploading40Percent` -> `Uploading 40 Percent`. */
export function storyNameFromExport(exportName: string): string {
  return exportName
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Za-z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/\s+/g, ' ')
    .trim()
}

export function storyId(title: string, exportName: string): string {
  return `${sanitize(title)}--${sanitize(storyNameFromExport(exportName))}`
}

/**
 * CSF 2 story: a function of the args, with `args`, `storyName` and `decorators` hung on it (the
 * form Ladle reads). Accepted beside CSF 3 objects so either style of story file loads here.
 */
export type StoryFn<A extends Args = Args> = ((args: A) => ReactElement) & {
  args?: Partial<A>
  storyName?: string
  decorators?: Decorator<A>[]
}

/** A named export as a CSF 3 story object, or `null` when it is not a story. */
function asStory(key: string, value: unknown): StoryObj | null {
  if (key === 'default' || key === '__namedExportsOrder') return null
  if (typeof value === 'function') {
    const fn = value as StoryFn
    return { args: fn.args, name: fn.storyName, decorators: fn.decorators, render: fn }
  }
  return typeof value === 'object' && value !== null ? (value as StoryObj) : null
}

function loadModule(module: CsfModule): LoadedStory[] {
  const meta = module.default
  // A module namespace lists its exports alphabetically in a browser but in source order under
  // Vitest, so the order is made explicit: the file's `__namedExportsOrder` (what Storybook's
  // loader adds) when it has one, else alphabetical.
  const exportNames = Array.isArray(module.__namedExportsOrder)
    ? (module.__namedExportsOrder as string[])
    : Object.keys(module).sort()
  const loaded: LoadedStory[] = []
  for (const exportName of exportNames) {
    const story = asStory(exportName, module[exportName])
    if (!story) continue
    const args: Args = { ...meta.args, ...story.args }
    const context: StoryContext = {
      id: storyId(meta.title, exportName),
      title: meta.title,
      name: story.name ?? storyNameFromExport(exportName),
      args,
    }
    const renderStory = (): ReactElement => {
      const render = story.render ?? meta.render
      if (render) return render(args, context)
      if (!meta.component) throw new Error(`${context.id}: no render and no component`)
      return createElement(meta.component as ComponentType<Args>, args)
    }
    // Storybook applies the story's decorators first (innermost), then the meta's.
    const decorators = [...(story.decorators ?? []), ...(meta.decorators ?? [])]
    const render = decorators.reduce<() => ReactElement>(
      (inner, decorate) => () => decorate(inner, context),
      renderStory,
    )
    loaded.push({ ...context, exportName, render })
  }
  return loaded
}

/** Every story of the given modules, sorted by title, then by export order within a file. */
export function collectStories(modules: Iterable<CsfModule>): LoadedStory[] {
  const stories = [...modules]
    .sort((a, b) =>
      a.default.title < b.default.title ? -1 : a.default.title > b.default.title ? 1 : 0,
    )
    .flatMap(loadModule)
  const seen = new Set<string>()
  for (const story of stories) {
    if (seen.has(story.id)) throw new Error(`Duplicate story id: ${story.id}`)
    seen.add(story.id)
  }
  return stories
}
