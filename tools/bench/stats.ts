/** Summaries of repeated timings: median and 95th percentile (nearest rank). */

export interface TimingSummary {
  runs: number;
  median_ms: number;
  p95_ms: number;
  min_ms: number;
  max_ms: number;
}

/**
 * The `q`-quantile (0…1) of `samples` by the nearest-rank method: the
 * smallest sample with at least `q` of all samples at or below it. With 20
 * samples, p95 is the 19th smallest. Throws on an empty list.
 */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile must be from 0 to 1, got ${q}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

/** The middle sample, or the mean of the two middle ones. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Median, p95, min and max of millisecond timings, to 0.1 ms. */
export function summarize(samples: readonly number[]): TimingSummary {
  return {
    runs: samples.length,
    median_ms: round1(median(samples)),
    p95_ms: round1(percentile(samples, 0.95)),
    min_ms: round1(Math.min(...samples)),
    max_ms: round1(Math.max(...samples)),
  };
}
