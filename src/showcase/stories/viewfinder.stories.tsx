import { DEFAULT_FRAME_ARGS, withStoryFrame } from '../StoryFrame.tsx'
import { ViewfinderStory, type ViewfinderStoryArgs } from '../ViewfinderStory.tsx'
import type { Meta, StoryObj } from '../csf.ts'

/**
 * The in-page viewfinder (issue 22), each state and hint, fed by a canvas instead of a camera:
 * `[data-kyc-viewfinder][data-state]`, `[data-hint]` and the `[data-action]` buttons.
 */
const meta = {
  title: 'Viewfinder',
  component: ViewfinderStory,
  decorators: [withStoryFrame],
  args: {
    ...DEFAULT_FRAME_ARGS,
    width: 'phone',
    label: 'RG (frente)',
    outline: 'card',
    state: 'aiming',
    hint: 'aim',
    torch: null,
  },
  render: (args) => <ViewfinderStory {...args} />,
} satisfies Meta<ViewfinderStoryArgs>
export default meta

type Story = StoryObj<ViewfinderStoryArgs>

/** The camera is asked for: no picture yet, the shutter disabled. */
export const Starting: Story = { args: { state: 'starting' } }
/** The first frames: fit the document inside the outline. */
export const Aiming: Story = {}
/** Each hint the photo worker's checks give, one at a time. */
export const AimingBlurry: Story = { args: { hint: 'blurry' } }
export const AimingDark: Story = { args: { hint: 'dark' } }
export const AimingBright: Story = { args: { hint: 'bright' } }
export const AimingGlare: Story = { args: { hint: 'glare' } }
export const AimingFar: Story = { args: { hint: 'far' } }
export const AimingSteady: Story = { args: { hint: 'steady' } }
/** Good and steady: the outline turns green and the photo is about to be taken. */
export const Good: Story = { args: { state: 'good', hint: 'good' } }
/** The still is being taken. */
export const Capturing: Story = { args: { state: 'capturing', hint: 'good' } }
/** The camera could not open: one line, and the camera app or a file instead. */
export const Failed: Story = { args: { state: 'failed' } }
/** A camera with a torch: its toggle beside the shutter. */
export const WithTorch: Story = { args: { torch: false } }
/** An A4 document: a page's outline. */
export const Page: Story = { args: { outline: 'page', label: 'Certificado MEI (CCMEI)' } }
/** The selfie: an oval, the picture mirrored on screen, worded for a face. */
export const Selfie: Story = { args: { outline: 'face', label: 'Selfie' } }
/** In English, on a dark page. */
export const EnglishDark: Story = {
  args: { locale: 'en', theme: 'dark', hint: 'glare', label: 'ID card (front)' },
}
