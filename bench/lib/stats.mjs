/** Nearest-rank percentile of numbers (null when there are none). */
export function percentile(values, p) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/** p50/p95/p99/max/mean of a sample (milliseconds in, milliseconds out, rounded to 0.1). */
export function summarize(values) {
  const finite = values.filter((value) => Number.isFinite(value));
  const round = (value) => (value === null ? null : Math.round(value * 10) / 10);
  return {
    count: finite.length,
    p50: round(percentile(finite, 50)),
    p95: round(percentile(finite, 95)),
    p99: round(percentile(finite, 99)),
    max: round(finite.length ? Math.max(...finite) : null),
    mean: round(finite.length ? finite.reduce((sum, value) => sum + value, 0) / finite.length : null),
  };
}

/** count / seconds, rounded to 0.1; null when the time span is not positive. */
export function rate(count, seconds) {
  if (!Number.isFinite(count) || !Number.isFinite(seconds) || seconds <= 0) return null;
  return Math.round((count / seconds) * 10) / 10;
}

export function round(value, digits = 1) {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export const MiB = 1024 * 1024;
