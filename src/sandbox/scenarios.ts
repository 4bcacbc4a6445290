import type { Customer, KycItem } from '../api/types.ts'

/** The seeded customers, one per case the widget must handle. `company` is the demo default. */
export const SCENARIOS = ['company', 'person-cnh', 'mixed', 'rejected', 'approved'] as const

export type ScenarioId = (typeof SCENARIOS)[number]

/** One line per scenario, for pickers in the demo. */
export const SCENARIO_LABELS: Record<ScenarioId, string> = {
  company: 'MEI company: CCMEI, identity card front and back, selfie (all pending)',
  'person-cnh': 'Person with a driving licence (CNH) and a selfie',
  mixed: 'Documents beside a data correction and a biometrics session',
  rejected: 'One document rejected by the reviewer, the rest approved',
  approved: 'Everything approved',
}

export function isScenarioId(value: unknown): value is ScenarioId {
  return typeof value === 'string' && (SCENARIOS as readonly string[]).includes(value)
}

/** The message a reviewer leaves on a rejected document, by type. */
export function rejectionMessageFor(type: string): string {
  switch (type) {
    case 'selfie':
      return 'O rosto não está totalmente visível; tire uma nova selfie em um local iluminado, sem óculos ou boné.'
    case 'ccmei':
      return 'O certificado enviado está vencido ou ilegível; envie o CCMEI atualizado em PDF.'
    default:
      return 'A foto está desfocada; envie uma imagem nítida do documento.'
  }
}

const SEEDED_AT = '2026-03-02T12:00:00.000Z'
const REVIEWED_AT = '2026-03-04T09:30:00.000Z'

function pending(type: string, description: string): KycItem {
  return {
    kind: 'document',
    type,
    description,
    status: 'pending',
    message: null,
    uploaded_at: null,
  }
}

function reviewed(item: KycItem, status: 'approved' | 'rejected', message: string | null = null) {
  return { ...item, status, message, uploaded_at: '2026-03-03T15:12:40.000Z' }
}

const CCMEI = 'Certificado da Condição de Microempreendedor Individual (CCMEI)'
const ID_FRONT = 'Documento de identidade (RG) – frente'
const ID_BACK = 'Documento de identidade (RG) – verso'
const SELFIE = 'Selfie segurando o documento de identidade'
const CNH = 'Carteira Nacional de Habilitação (CNH)'

/**
 * Builds the seeded customer of a scenario. Ids are stable, so links and tests can name them;
 * CPFs and CNPJs carry valid check digits and belong to nobody.
 */
export function seedCustomer(scenario: ScenarioId): Customer {
  switch (scenario) {
    case 'company':
      return {
        id: 'cust_3c6af039bdb764af2e7870c712b19f56',
        status: 'pending_kyc',
        cpf: '38192046524',
        cnpj: '45821937000166',
        name: 'Mariana Souza Lima',
        email: 'mariana@docesdamari.com.br',
        phone: '+5511987654321',
        trading_name: 'Doces da Mari',
        external_id: 'onb-1001',
        kyc: [
          pending('ccmei', CCMEI),
          pending('identity_card_front', ID_FRONT),
          pending('identity_card_back', ID_BACK),
          pending('selfie', SELFIE),
        ],
        created_at: SEEDED_AT,
        updated_at: SEEDED_AT,
      }
    case 'person-cnh':
      return {
        id: 'cust_45c238a0ea9a39b04c2d2a3aff7995cf',
        status: 'pending_kyc',
        cpf: '70461325853',
        cnpj: null,
        name: 'João Pedro Almeida',
        email: 'joao.almeida@email.com.br',
        phone: '+5521998761234',
        trading_name: null,
        external_id: 'onb-1002',
        kyc: [pending('cnh', CNH), pending('selfie', SELFIE)],
        created_at: SEEDED_AT,
        updated_at: SEEDED_AT,
      }
    case 'mixed':
      return {
        id: 'cust_600376466889b44ab76094a28595db6e',
        status: 'pending_kyc',
        cpf: '15340789675',
        cnpj: '39184762000120',
        name: 'Ana Beatriz Ferreira',
        email: 'contato@anabeatrizdesign.com.br',
        phone: '+5531991234567',
        trading_name: 'Ana Beatriz Design',
        external_id: 'onb-1003',
        kyc: [
          pending('ccmei', CCMEI),
          pending('identity_card_front', ID_FRONT),
          {
            kind: 'data',
            type: 'mother_name',
            description: 'Nome da mãe',
            status: 'rejected',
            message: 'O nome da mãe não confere com o cadastro da Receita Federal.',
            uploaded_at: null,
          },
          pending('biometrics', 'Prova de vida (biometria facial)'),
        ],
        created_at: SEEDED_AT,
        updated_at: SEEDED_AT,
      }
    case 'rejected':
      return {
        id: 'cust_769846200995b7bf482a10cf21c21a3f',
        status: 'pending_kyc',
        cpf: '26851937409',
        cnpj: '27364015000195',
        name: 'Carlos Eduardo Santos',
        email: 'carlos@santosreformas.com.br',
        phone: '+5541988776655',
        trading_name: 'Santos Reformas',
        external_id: 'onb-1004',
        kyc: [
          reviewed(pending('ccmei', CCMEI), 'approved'),
          reviewed(
            pending('identity_card_front', ID_FRONT),
            'rejected',
            rejectionMessageFor('identity_card_front'),
          ),
          reviewed(pending('identity_card_back', ID_BACK), 'approved'),
          reviewed(pending('selfie', SELFIE), 'approved'),
        ],
        created_at: SEEDED_AT,
        updated_at: REVIEWED_AT,
      }
    case 'approved':
      return {
        id: 'cust_7110c6c10f9b235e41961f46e863c29e',
        status: 'active',
        cpf: '52998224725',
        cnpj: null,
        name: 'Fernanda Oliveira Costa',
        email: 'fernanda.costa@email.com.br',
        phone: '+5551987650987',
        trading_name: null,
        external_id: 'onb-1005',
        kyc: [
          reviewed(pending('cnh', CNH), 'approved'),
          reviewed(pending('selfie', SELFIE), 'approved'),
        ],
        created_at: SEEDED_AT,
        updated_at: REVIEWED_AT,
      }
  }
}
