/**
 * The platform-shortcut probe: can a simple classifier tell iOS from Android recordings from
 * what the need network computes (its pooled trunk features)? Donate-a-Cry's two platforms
 * used different codecs and their share differs by need, so a network may learn the codec
 * instead of the cry. Scored by install-grouped cross-validation, as balanced accuracy
 * (0.5 = the features carry no platform information).
 */
import { balancedAccuracyOf } from './probe-metrics.ts';
import { stratifiedGroupKFold } from '../lib/splits.ts';

const PROBE_FOLDS = 5;
const ITERATIONS = 300;
const LEARNING_RATE = 0.1;
/** L2 penalty on the weights: keeps the probe from memorizing installs. */
const L2 = 1e-2;

interface Standardizer {
  mean: Float64Array;
  scale: Float64Array;
}

function fitStandardizer(rows: readonly Float32Array[]): Standardizer {
  const dims = rows[0]?.length ?? 0;
  const mean = new Float64Array(dims);
  const scale = new Float64Array(dims);
  for (const row of rows) row.forEach((v, d) => (mean[d]! += v / rows.length));
  for (const row of rows) row.forEach((v, d) => (scale[d]! += (v - mean[d]!) ** 2 / rows.length));
  scale.forEach((v, d) => (scale[d] = 1 / Math.max(Math.sqrt(v), 1e-6)));
  return { mean, scale };
}

/** Balanced logistic regression by gradient descent; returns a scoring function. */
export function trainLogisticRegression(rows: readonly Float32Array[], labels: readonly number[]): (row: Float32Array) => number {
  const { mean, scale } = fitStandardizer(rows);
  const dims = mean.length;
  const standardized = rows.map((row) => Float64Array.from(row, (v, d) => (v - mean[d]!) * scale[d]!));
  const positives = labels.filter((l) => l === 1).length;
  const weightOf = (label: number) => (label === 1 ? 0.5 / Math.max(1, positives) : 0.5 / Math.max(1, labels.length - positives));
  const w = new Float64Array(dims);
  let bias = 0;
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const gradient = new Float64Array(dims);
    let biasGradient = 0;
    standardized.forEach((x, i) => {
      let z = bias;
      for (let d = 0; d < dims; d++) z += w[d]! * x[d]!;
      const error = (1 / (1 + Math.exp(-z)) - labels[i]!) * weightOf(labels[i]!);
      for (let d = 0; d < dims; d++) gradient[d]! += error * x[d]!;
      biasGradient += error;
    });
    for (let d = 0; d < dims; d++) w[d]! -= LEARNING_RATE * (gradient[d]! + L2 * w[d]!) * 10;
    bias -= LEARNING_RATE * biasGradient * 10;
  }
  return (row) => {
    let z = bias;
    for (let d = 0; d < dims; d++) z += w[d]! * (row[d]! - mean[d]!) * scale[d]!;
    return 1 / (1 + Math.exp(-z));
  };
}

/** Out-of-fold balanced accuracy of predicting label 0/1 from the features, folds grouped by `groups`. */
export function groupedProbeBalancedAccuracy(features: readonly Float32Array[], labels: readonly number[], groups: readonly string[], seed: number): number {
  const items = features.map((_, i) => i);
  const folds = stratifiedGroupKFold(items, PROBE_FOLDS, seed, (i) => groups[i] ?? '', (i) => String(labels[i]));
  const predicted = new Array<number>(labels.length).fill(0);
  for (const fold of folds) {
    if (fold.testIndices.length === 0) continue;
    const score = trainLogisticRegression(fold.trainIndices.map((i) => features[i]!), fold.trainIndices.map((i) => labels[i]!));
    for (const i of fold.testIndices) predicted[i] = score(features[i]!) >= 0.5 ? 1 : 0;
  }
  return balancedAccuracyOf(labels, predicted);
}
