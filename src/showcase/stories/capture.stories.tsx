import type { QualityWarning } from '../../index.ts'
import { FixtureStory, renderFixture } from '../FixtureStory.tsx'
import { DEFAULT_FRAME_ARGS, withStoryFrame } from '../StoryFrame.tsx'
import { companyDocuments, type Story, type StoryMeta } from '../story-args.ts'

/** From a picked photo to its review: preview, quality warnings, processing, cancelled, sent. */
const meta = {
  title: 'Capture',
  component: FixtureStory,
  decorators: [withStoryFrame],
  args: DEFAULT_FRAME_ARGS,
  render: renderFixture,
} satisfies StoryMeta
export default meta

function confirm(...warnings: QualityWarning[]): Story {
  return {
    args: {
      documents: companyDocuments({
        identity_card_front: { upload: { state: 'confirm', fileName: 'rg-frente.jpg', warnings } },
      }),
    },
  }
}

/** A photo whose checks found a problem waits for the user: send anyway, or choose another. */
export const ConfirmBlurry = confirm('blurry')
export const ConfirmDark = confirm('dark')
export const ConfirmBright = confirm('bright')
export const ConfirmSmall = confirm('small')
export const ConfirmBlurryAndDark = confirm('blurry', 'dark')

/** Every byte is out; the server has not answered yet. */
export const Processing: Story = {
  args: {
    documents: companyDocuments({
      ccmei: {
        upload: {
          state: 'processing',
          fileName: 'certificado-mei.pdf',
          percent: 100,
          totalBytes: 254 * 1024,
          pages: 3,
        },
      },
    }),
  },
}

/** After "Cancelar envio": the card says so, and is ready for another file. */
export const Cancelled: Story = {
  args: { documents: companyDocuments({ selfie: { cancelled: true } }) },
}

/** A photo's thumbnail and a PDF's size and pages, while they go. */
export const Preview: Story = {
  args: {
    documents: companyDocuments({
      ccmei: {
        upload: { state: 'uploading', fileName: 'ccmei.pdf', percent: 30, pages: 2 },
      },
      identity_card_front: {
        upload: { state: 'uploading', fileName: 'rg-frente.jpg', percent: 60 },
      },
    }),
  },
}

/** The file sent stays named on its card after the review. */
export const SentAndReviewed: Story = {
  args: {
    documents: companyDocuments({
      ccmei: {
        status: 'approved',
        upload: { state: 'done', fileName: 'rg.pdf', percent: 100, pages: 1 },
      },
      identity_card_front: {
        status: 'rejected',
        message: 'A foto está desfocada.',
        upload: { state: 'done', fileName: 'rg-frente.jpg', percent: 100 },
      },
    }),
  },
}

/** After a reload: the page forgot the upload, the tab remembers which file it sent. */
export const SentBeforeReload: Story = {
  args: {
    documents: companyDocuments({
      ccmei: { status: 'submitted', sentFileName: 'rg.pdf' },
      selfie: { status: 'rejected', message: 'Rosto cortado.', sentFileName: 'selfie.jpg' },
    }),
  },
}
