import { FixtureStory, renderFixture } from '../FixtureStory.tsx'
import { DEFAULT_FRAME_ARGS, withStoryFrame } from '../StoryFrame.tsx'
import { companyDocuments, type Story, type StoryMeta } from '../story-args.ts'

/** One document in each status, upload state and kind of item. */
const meta = {
  title: 'Documents',
  component: FixtureStory,
  decorators: [withStoryFrame],
  args: DEFAULT_FRAME_ARGS,
  render: renderFixture,
} satisfies StoryMeta
export default meta

export const Pending: Story = { args: { documents: [{ type: 'ccmei', status: 'pending' }] } }

export const Submitted: Story = { args: { documents: [{ type: 'ccmei', status: 'submitted' }] } }

export const Approved: Story = { args: { documents: [{ type: 'ccmei', status: 'approved' }] } }

export const Rejected: Story = {
  args: {
    documents: [
      {
        type: 'ccmei',
        status: 'rejected',
        message: 'O documento está ilegível. Envie uma foto nítida.',
      },
    ],
  },
}

/** The demo's default company, one document in each status. */
export const MixedStatuses: Story = {
  args: {
    documents: companyDocuments({
      identity_card_front: { status: 'submitted' },
      identity_card_back: { status: 'approved' },
      selfie: { status: 'rejected', message: 'O rosto não aparece por inteiro.' },
    }),
  },
}

export const Uploading40Percent: Story = {
  args: {
    documents: companyDocuments({
      ccmei: {
        upload: {
          state: 'uploading',
          fileName: 'certificado-mei.pdf',
          percent: 40,
          totalBytes: 5 * 1024 * 1024,
        },
      },
    }),
  },
}

/** Sending, before the first progress event: an indeterminate bar, not a false 0 %. */
export const UploadStarting: Story = {
  args: {
    documents: companyDocuments({
      selfie: { upload: { state: 'uploading', fileName: 'selfie.jpg' } },
    }),
  },
}

/** Every upload state besides idle and uploading, one per document. */
export const UploadStates: Story = {
  args: {
    documents: [
      { type: 'ccmei', upload: { state: 'validating', fileName: 'certificado-mei.pdf' } },
      { type: 'identity_card_front', upload: { state: 'queued', fileName: 'rg-frente.jpg' } },
      {
        type: 'identity_card_back',
        upload: {
          state: 'retrying',
          fileName: 'rg-verso.jpg',
          percent: 65,
          errorCode: 'internal_error',
        },
      },
      { type: 'selfie', upload: { state: 'paused', fileName: 'selfie.jpg', percent: 20 } },
      {
        type: 'proof_of_address',
        status: 'submitted',
        upload: { state: 'done', fileName: 'conta-de-luz.pdf', percent: 100 },
      },
    ],
  },
}

export const FailedUploadWithRetry: Story = {
  args: {
    documents: companyDocuments({
      identity_card_front: {
        upload: {
          state: 'failed',
          fileName: 'rg-frente.jpg',
          percent: 70,
          errorCode: 'network_error',
        },
      },
    }),
  },
}

export const RejectedLongMessage: Story = {
  args: {
    documents: [
      {
        type: 'identity_card_front',
        status: 'rejected',
        message:
          'Não foi possível validar o documento enviado. A foto está desfocada e com reflexo sobre o número do RG, a data de nascimento não pode ser lida e a borda inferior do documento foi cortada. Fotografe o documento inteiro sobre uma superfície escura, com boa iluminação, sem flash e sem capa plástica, e envie novamente. Se preferir, envie o PDF digital emitido pelo órgão de identificação, que costuma ser aprovado mais rápido. Documentos com rasuras, dobras sobre os dados ou partes cobertas pelos dedos também são recusados.',
      },
      { type: 'identity_card_back', status: 'approved' },
    ],
  },
}

/** A `data` item sits beside the documents: fixed elsewhere, never uploaded. */
export const DataItem: Story = {
  args: {
    documents: [{ type: 'cnh' }, { type: 'selfie', status: 'submitted' }],
    dataItems: [
      {
        type: 'address',
        description: 'Endereço residencial',
        status: 'rejected',
        message: 'O CEP não corresponde à cidade informada.',
      },
    ],
  },
}

export const Biometrics: Story = {
  args: {
    documents: [{ type: 'cnh', status: 'approved' }],
    biometrics: { status: 'pending' },
  },
}

/** Without `onBiometrics` the widget only says where biometrics happens. */
export const BiometricsWithoutHandler: Story = {
  args: {
    documents: [{ type: 'cnh', status: 'approved' }],
    biometrics: { status: 'pending', startable: false },
  },
}

export const ManyDocuments: Story = {
  args: {
    documents: [
      { type: 'ccmei', status: 'approved' },
      { type: 'cnpj_card', status: 'approved' },
      { type: 'articles_of_association', status: 'submitted' },
      { type: 'identity_card_front', status: 'rejected', message: 'Foto cortada.' },
      { type: 'identity_card_back', status: 'submitted' },
      { type: 'cnh' },
      { type: 'passport' },
      {
        type: 'proof_of_address',
        upload: { state: 'uploading', fileName: 'conta-de-agua.pdf', percent: 75 },
      },
      { type: 'proof_of_income', validation: { code: 'file_heic', fileName: 'IMG_2231.HEIC' } },
      { type: 'selfie' },
      { type: 'power_of_attorney', description: 'Procuração do sócio administrador' },
    ],
    dataItems: [{ type: 'mother_name', description: 'Nome da mãe' }],
    biometrics: { status: 'pending' },
  },
}
