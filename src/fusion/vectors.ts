import type { NeedProbabilities } from '../domain/needs.ts';

/** Element-wise arithmetic mean of need vectors; null for an empty list. */
export function meanNeedProbabilities(vectors: readonly NeedProbabilities[]): NeedProbabilities | null {
  if (vectors.length === 0) return null;
  const sum = [0, 0, 0, 0];
  for (const vector of vectors) {
    for (let i = 0; i < sum.length; i += 1) sum[i] = (sum[i] ?? 0) + (vector[i] ?? 0);
  }
  const n = vectors.length;
  return [(sum[0] ?? 0) / n, (sum[1] ?? 0) / n, (sum[2] ?? 0) / n, (sum[3] ?? 0) / n];
}

/** Arithmetic mean of numbers; NaN for an empty list (callers decide what "no data" means). */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** True when every entry is a finite probability in [0, 1]. */
export function isValidNeedProbabilities(vector: NeedProbabilities): boolean {
  return vector.every((p) => Number.isFinite(p) && p >= 0 && p <= 1);
}
