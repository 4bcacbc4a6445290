/** Review status of one required document, as the widget shows it. */
export type DocumentStatus = 'pending' | 'submitted' | 'approved' | 'rejected'

export const DOCUMENT_STATUSES: readonly DocumentStatus[] = [
  'pending',
  'submitted',
  'approved',
  'rejected',
]

function isDocumentStatus(value: unknown): value is DocumentStatus {
  return typeof value === 'string' && (DOCUMENT_STATUSES as readonly string[]).includes(value)
}

/**
 * The status of a `kyc` item, tolerant of what the provider leaves out: an unknown or missing
 * `status` is derived from `uploaded_at` (none: pending, else submitted).
 */
export function documentStatusOf(item: {
  status?: unknown
  uploaded_at?: unknown
}): DocumentStatus {
  if (isDocumentStatus(item.status)) return item.status
  return typeof item.uploaded_at === 'string' && item.uploaded_at !== '' ? 'submitted' : 'pending'
}

export interface PollSchedule {
  /** First interval while something is in review. Default: 2000 ms. */
  initialMs: number
  /** Longest interval. Default: 30 000 ms. */
  maxMs: number
  /** Growth per poll that saw no change. Default: 1.5. */
  factor: number
}

export const DEFAULT_POLL_SCHEDULE: PollSchedule = { initialMs: 2000, maxMs: 30_000, factor: 1.5 }

/**
 * Interval before the next poll, given how many polls in a row found nothing new. Starts short
 * because reviews often finish within seconds, then backs off to spare the provider's rate limit.
 */
export function pollDelay(unchangedPolls: number, schedule: PollSchedule = DEFAULT_POLL_SCHEDULE) {
  return Math.min(
    schedule.maxMs,
    Math.round(schedule.initialMs * schedule.factor ** unchangedPolls),
  )
}
