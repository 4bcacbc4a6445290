// The soak's bookkeeping: what each upload was and how it ended in the widget, and the audit
// of the sandbox's stored documents against it. Pure functions, so the spec can also check that
// the audit does flag a duplicate, a loss or a stray document.
import type { StoredDocument } from './test.ts'

/** How the user's upload ended, as the widget showed it. */
export type UploadOutcome =
  /** Reached submitted (or approved / rejected on review): the user completed it. */
  | 'completed'
  /** The user pressed cancel before it finished: nothing may be stored. */
  | 'cancelled'
  /** A final failure without a retry that helped, or no final state in time: a soak failure. */
  | 'unfinished'

export interface SoakUpload {
  /** The marker inside the file, e.g. `r12-u3`. */
  id: string
  round: number
  customerId: string
  type: string
  fileName: string
  sha256: string
  size: number
  /** What was injected before it: a fault kind, `exhaust:<kind>`, `cancel:<how>` or `none`. */
  plan: string
  outcome: UploadOutcome
  /** Times the user pressed the retry button after a final failure. */
  retryClicks: number
  /** The widget's last state and status, for the report of an unfinished upload. */
  lastSeen?: string
}

export interface AuditCounts {
  /** Stored documents beyond the one each completed upload should have left. */
  duplicates: number
  /** Completed uploads of which no document was stored. */
  lost: number
  /** Stored documents whose bytes, size or ending differ from the file sent (or a partial file). */
  corrupt: number
  /** Cancelled uploads that were stored anyway. */
  storedAfterCancel: number
  /** Stored documents that match no upload of that customer and type. */
  strays: number
}

/** Audits the stored documents of every soak customer against the uploads the soak made. */
export function auditStored(
  uploads: readonly SoakUpload[],
  storedByCustomer: ReadonlyMap<string, readonly StoredDocument[]>,
): { counts: AuditCounts; problems: string[] } {
  const counts: AuditCounts = {
    duplicates: 0,
    lost: 0,
    corrupt: 0,
    storedAfterCancel: 0,
    strays: 0,
  }
  const problems: string[] = []
  const accounted = new Set<StoredDocument>()

  for (const upload of uploads) {
    const stored = storedByCustomer.get(upload.customerId) ?? []
    const matching = stored.filter(
      (document) => document.type === upload.type && document.sha256 === upload.sha256,
    )
    for (const document of matching) accounted.add(document)
    const where = `${upload.id} (${upload.type}, ${upload.plan})`
    if (upload.outcome === 'cancelled') {
      if (matching.length > 0) {
        counts.storedAfterCancel += matching.length
        problems.push(`${where}: cancelled, yet stored ${matching.length}×`)
      }
      continue
    }
    if (upload.outcome !== 'completed') {
      problems.push(
        `${where}: unfinished in the widget (${upload.lastSeen}), stored ${matching.length}×`,
      )
      continue
    }
    if (matching.length === 0) {
      counts.lost += 1
      problems.push(`${where}: completed in the widget, nothing stored`)
      continue
    }
    if (matching.length > 1) {
      counts.duplicates += matching.length - 1
      problems.push(`${where}: stored ${matching.length}×`)
    }
    for (const document of matching) {
      if (document.size !== upload.size || !document.complete) {
        counts.corrupt += 1
        problems.push(`${where}: stored ${document.size} bytes, complete=${document.complete}`)
      }
    }
  }

  const soakCustomers = new Set(uploads.map((upload) => upload.customerId))
  for (const customerId of soakCustomers) {
    for (const document of storedByCustomer.get(customerId) ?? []) {
      if (accounted.has(document)) continue
      // Bytes that match a file sent for another type or customer are a mix-up; bytes that match
      // nothing are a partial or mangled file.
      counts.strays += 1
      problems.push(
        `${customerId}: stored ${document.type} ${document.file_name} (${document.size} bytes) matches no upload`,
      )
    }
  }
  return { counts, problems }
}

export interface SoakSummary {
  seed: number
  rounds: number
  attempted: number
  completed: number
  cancelled: number
  unfinished: number
  faults: Record<string, number>
  uploadRequests: number
  /** Requests sent again for the same upload (automatic retries and retry clicks). */
  resends: number
  /** Uploads stored by the provider whose answer was lost on the way back (a retry must replay). */
  storedThenLost: number
  retryClicks: number
  /** 429s from the proxy's own per-customer limit (not injected): the soak must not be throttled. */
  throttled: number
  audit: AuditCounts
  /** Documents whose widget status differed from the server's as the page showed it, or after a reload. */
  mismatches: number
  /** Uncaught exceptions and console errors in the pages (API failures aside). */
  pageProblems: number
  durationMs: number
}

/** The counts that must be zero for the soak to pass. */
export function failingCounts(summary: SoakSummary): Record<string, number> {
  return {
    duplicates: summary.audit.duplicates,
    lost: summary.audit.lost,
    mismatches: summary.mismatches,
    corrupt: summary.audit.corrupt,
    storedAfterCancel: summary.audit.storedAfterCancel,
    strays: summary.audit.strays,
    unfinished: summary.unfinished,
    throttled: summary.throttled,
    pageProblems: summary.pageProblems,
  }
}

export function formatSummary(summary: SoakSummary): string {
  const faults = Object.entries(summary.faults)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ')
  const failing = Object.entries(failingCounts(summary))
    .map(([name, count]) => `${name} ${count}`)
    .join(', ')
  return [
    `soak: seed ${summary.seed} (replay with SOAK_SEED=${summary.seed})`,
    `  rounds (fresh customers): ${summary.rounds}`,
    `  uploads attempted ${summary.attempted}, completed ${summary.completed}, cancelled ${summary.cancelled}, unfinished ${summary.unfinished}`,
    `  faults injected: ${faults || 'none'}`,
    `  upload requests ${summary.uploadRequests}, resent ${summary.resends} (retries), retry clicks ${summary.retryClicks}, throttled by the proxy ${summary.throttled}`,
    `  stored but answer lost (the retry must not store again): ${summary.storedThenLost}`,
    `  audit: duplicates ${summary.audit.duplicates}, lost ${summary.audit.lost}, mismatches ${summary.mismatches}`,
    `  must all be 0: ${failing}`,
    `  duration ${(summary.durationMs / 1000).toFixed(1)} s`,
  ].join('\n')
}
