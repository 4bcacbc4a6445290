import { KycUploaderView } from '../index.ts'
import { buildViewModel } from './fixtures.ts'
import type { StoryArgs } from './story-args.ts'

/** Renders the widget's presentational view over a fixture view model: no hook, no request. */
export function FixtureStory(args: StoryArgs) {
  return <KycUploaderView {...buildViewModel(args, args.locale)} />
}

/** The CSF `render` of every story: args in, widget out. */
export const renderFixture = (args: StoryArgs) => <FixtureStory {...args} />
