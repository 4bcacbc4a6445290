import { LiveEventsStory } from '../LiveEventsStory.tsx'
import { DEFAULT_FRAME_ARGS, withStoryFrame, type FrameArgs } from '../StoryFrame.tsx'
import type { Meta, StoryObj } from '../csf.ts'

/** `onEvent`, the host's analytics stream, listed live from the real widget on the demo sandbox. */
const meta = {
  title: 'Events',
  component: LiveEventsStory,
  decorators: [withStoryFrame],
  args: DEFAULT_FRAME_ARGS,
  render: (args) => <LiveEventsStory {...args} />,
} satisfies Meta<FrameArgs>
export default meta

/** Upload, refuse, cancel, retry: every step the widget reports, in order, as it happens. */
export const Live: StoryObj<FrameArgs> = {}
