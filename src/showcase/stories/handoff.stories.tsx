import { FixtureStory, renderFixture } from '../FixtureStory.tsx'
import { DEFAULT_FRAME_ARGS, withStoryFrame } from '../StoryFrame.tsx'
import { companyDocuments, type Story, type StoryMeta } from '../story-args.ts'

/** Continue on the phone: the desktop's panel from the button to the phone's work, and the phone. */
const meta = {
  title: 'Hand-off',
  component: FixtureStory,
  decorators: [withStoryFrame],
  args: DEFAULT_FRAME_ARGS,
  render: renderFixture,
} satisfies StoryMeta
export default meta

/** The button under the cards, when the proxy offers the hand-off. */
export const Offered: Story = {
  args: { documents: companyDocuments(), handoff: { state: 'idle' } },
}

/** The QR code of the single-use link, the link to copy, and its time left. */
export const Waiting: Story = {
  args: { documents: companyDocuments(), handoff: { state: 'waiting', secondsLeft: 583 } },
}

/** The phone opened the link: the cards follow what it sends. */
export const Used: Story = {
  args: {
    documents: companyDocuments({ identity_card_front: { status: 'submitted' } }),
    handoff: { state: 'used' },
  },
}

/** Ten minutes went by unused: a new link is one press away. */
export const Expired: Story = {
  args: { documents: companyDocuments(), handoff: { state: 'expired' } },
}

/** The link could not be made (offline): what happened, and a new try. */
export const Failed: Story = {
  args: { documents: companyDocuments(), handoff: { state: 'failed' } },
}

/** The proxy has no hand-off (404): a note instead of the button. */
export const Unavailable: Story = {
  args: { documents: companyDocuments(), handoff: { state: 'unavailable' } },
}

/** On the phone, every document sent: back to the computer. */
export const PhoneDone: Story = {
  args: {
    documents: companyDocuments({
      ccmei: { status: 'submitted' },
      identity_card_front: { status: 'submitted' },
      identity_card_back: { status: 'submitted' },
      selfie: { status: 'submitted' },
    }),
    phoneDone: true,
  },
}
