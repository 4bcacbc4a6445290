import { FixtureStory, renderFixture } from '../FixtureStory.tsx'
import { DEFAULT_FRAME_ARGS, withStoryFrame } from '../StoryFrame.tsx'
import { EMOJI_NAME, HOSTILE_HTML, LONG_NAME, RTL_OVERRIDE_NAME } from '../fixtures.ts'
import type { Story, StoryMeta } from '../story-args.ts'

/** Text the widget does not control, rendered as inert text however it is written. */
const meta = {
  title: 'Hostile input',
  component: FixtureStory,
  decorators: [withStoryFrame],
  args: DEFAULT_FRAME_ARGS,
  render: renderFixture,
} satisfies StoryMeta
export default meta

export const HtmlInReviewerMessage: Story = {
  args: { documents: [{ type: 'ccmei', status: 'rejected', message: HOSTILE_HTML }] },
}

/** In an unknown type's description (its label), a data item's, and a server's error detail. */
export const HtmlInDescription: Story = {
  args: {
    documents: [
      { type: 'unknown_type', description: HOSTILE_HTML },
      {
        type: 'selfie',
        upload: {
          state: 'failed',
          fileName: 'selfie.jpg',
          errorCode: 'teapot',
          errorDetail: HOSTILE_HTML,
        },
      },
    ],
    dataItems: [
      {
        type: 'unknown_data',
        description: HOSTILE_HTML,
        status: 'rejected',
        message: HOSTILE_HTML,
      },
    ],
  },
}

export const OddFileNames: Story = {
  args: {
    documents: [
      { type: 'ccmei', upload: { state: 'uploading', fileName: RTL_OVERRIDE_NAME, percent: 10 } },
      {
        type: 'identity_card_front',
        upload: { state: 'failed', fileName: EMOJI_NAME, errorCode: 'network_error' },
      },
      { type: 'identity_card_back', validation: { code: 'file_disguised', fileName: LONG_NAME } },
      { type: 'selfie', upload: { state: 'uploading', fileName: LONG_NAME, percent: 90 } },
    ],
  },
}

export const OddFileNamesPhone: Story = {
  ...OddFileNames,
  args: { ...OddFileNames.args, width: 'phone' },
}
