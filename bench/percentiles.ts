/** The percentile and median of every benchmark (the browser bench page and the Node bench scripts). */

/** Nearest-rank percentile (p in 0–100) of unsorted samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Nearest-rank median: the middle sample of an odd count, the lower middle of an even one. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}
