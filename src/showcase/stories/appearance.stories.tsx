import { FixtureStory, renderFixture } from '../FixtureStory.tsx'
import { DEFAULT_FRAME_ARGS, withStoryFrame } from '../StoryFrame.tsx'
import type { Story, StoryMeta } from '../story-args.ts'

/** One busy widget (every status, an upload, an error, a data item, biometrics) per locale, theme and width. */
const meta = {
  title: 'Appearance',
  component: FixtureStory,
  decorators: [withStoryFrame],
  args: {
    ...DEFAULT_FRAME_ARGS,
    documents: [
      { type: 'ccmei', status: 'approved' },
      { type: 'identity_card_front', status: 'submitted' },
      {
        type: 'identity_card_back',
        status: 'rejected',
        message: 'Verso ilegível / Back is unreadable.',
      },
      { type: 'selfie', upload: { state: 'uploading', fileName: 'selfie.jpg', percent: 40 } },
      { type: 'proof_of_address', validation: { code: 'file_disguised', fileName: 'conta.pdf' } },
      { type: 'cnh', upload: { state: 'failed', fileName: 'cnh.png', errorCode: 'timeout' } },
    ],
    dataItems: [{ type: 'address', description: 'Endereço residencial' }],
    biometrics: { status: 'pending' },
  },
  render: renderFixture,
} satisfies StoryMeta
export default meta

export const PtBrLight: Story = { args: { locale: 'pt-BR', theme: 'light' } }
export const EnLight: Story = { args: { locale: 'en', theme: 'light' } }
export const PtBrDark: Story = { args: { locale: 'pt-BR', theme: 'dark' } }
export const EnDark: Story = { args: { locale: 'en', theme: 'dark' } }
/** A phone's 360 px wide container. */
export const PhoneWidth: Story = { args: { width: 'phone' } }
export const PhoneWidthDarkEn: Story = { args: { width: 'phone', theme: 'dark', locale: 'en' } }
