// Small numeric helpers shared by the benchmarks.

/** The median of a list of numbers (the mean of the middle two for an even count). */
export function median(values) {
  return percentile(values, 50)
}

/** The p-th percentile (0–100) by linear interpolation between closest ranks. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low)
}

export const MiB = 1024 * 1024

export function formatMs(ms) {
  return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`
}

export function formatMiB(bytes) {
  return `${(bytes / MiB).toFixed(2)} MiB`
}

/**
 * One benchmark's outcome: `figure` is the line printed, `pass` whether it met its target,
 * `values` the raw numbers kept for docs/performance.md.
 */
export function result(name, { figure, target, pass, values = {} }) {
  return { name, figure, target, pass, values }
}
