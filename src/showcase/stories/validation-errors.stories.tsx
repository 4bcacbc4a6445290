import type { ValidationCode } from '../../index.ts'
import { FixtureStory, renderFixture } from '../FixtureStory.tsx'
import { DEFAULT_FRAME_ARGS, withStoryFrame } from '../StoryFrame.tsx'
import { companyDocuments, type Story, type StoryMeta } from '../story-args.ts'

/** Each reason a file is refused before anything is sent, shown next to its dropzone. */
const meta = {
  title: 'Validation errors',
  component: FixtureStory,
  decorators: [withStoryFrame],
  args: DEFAULT_FRAME_ARGS,
  render: renderFixture,
} satisfies StoryMeta
export default meta

function refused(code: ValidationCode, fileName?: string): Story {
  return { args: { documents: companyDocuments({ ccmei: { validation: { code, fileName } } }) } }
}

export const FileEmpty = refused('file_empty', 'certificado-vazio.pdf')
export const FileTooLarge = refused('file_too_large', 'foto-da-camera.jpg')
export const FileHeic = refused('file_heic', 'IMG_0042.HEIC')
export const FileTypeUnsupported = refused('file_type_unsupported', 'planilha.xlsx')
export const FileDisguised = refused('file_disguised', 'nota-fiscal.pdf')
export const FileCorrupt = refused('file_corrupt', 'download-interrompido.pdf')
export const FileEncrypted = refused('file_encrypted', 'extrato-protegido.pdf')
export const FileUnreadable = refused('file_unreadable', 'arquivo-da-nuvem.pdf')
export const TooManyFiles = refused('too_many_files')
export const FilePhotoRequired: Story = {
  args: {
    documents: companyDocuments({
      selfie: { validation: { code: 'file_photo_required', fileName: 'rg.pdf' } },
    }),
  },
}
