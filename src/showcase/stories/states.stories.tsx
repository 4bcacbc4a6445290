import { FixtureStory, renderFixture } from '../FixtureStory.tsx'
import { DEFAULT_FRAME_ARGS, withStoryFrame } from '../StoryFrame.tsx'
import { companyDocuments, type Story, type StoryMeta } from '../story-args.ts'

/** The widget as a whole, before and instead of its documents. */
const meta = {
  title: 'States',
  component: FixtureStory,
  decorators: [withStoryFrame],
  args: DEFAULT_FRAME_ARGS,
  render: renderFixture,
} satisfies StoryMeta
export default meta

export const Loading: Story = { args: { state: 'loading' } }

export const NotFound: Story = { args: { state: 'not-found', errorCode: 'customer_not_found' } }

export const NothingRequired: Story = { args: { state: 'empty' } }

export const ErrorLoading: Story = { args: { state: 'error', errorCode: 'network_error' } }

export const ErrorLoadingProviderDown: Story = {
  args: { state: 'error', errorCode: 'provider_unreachable' },
}

export const AllApproved: Story = {
  args: { documents: companyDocuments().map((slot) => ({ ...slot, status: 'approved' })) },
}
