import type { Meta, StoryObj } from './csf.ts'
import type { FrameArgs } from './StoryFrame.tsx'
import type { SlotFixture, ViewFixture } from './fixtures.ts'

/** What every story's args hold: the frame (locale, theme, width) and the widget state as data. */
export type StoryArgs = FrameArgs & ViewFixture
export type StoryMeta = Meta<StoryArgs>
export type Story = StoryObj<StoryArgs>

/** The company of the demo's default scenario (MEI): four documents. */
export const COMPANY_TYPES = ['ccmei', 'identity_card_front', 'identity_card_back', 'selfie']

export function companyDocuments(overrides: Record<string, Partial<SlotFixture>> = {}) {
  return COMPANY_TYPES.map((type): SlotFixture => ({ type, ...overrides[type] }))
}
