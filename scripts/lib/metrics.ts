/**
 * Classification metrics for honest reporting on imbalanced data: balanced accuracy and macro-F1
 * next to accuracy, a majority-class baseline, tie-aware ROC-AUC, threshold selection, and
 * bootstrap confidence intervals that resample groups (installs), not clips.
 */
import type { BinaryMetrics, ClassificationMetrics, ClassMetrics, ConfidenceInterval, MetricWithCi, RocPoint } from './metrics-report.ts';
import { createRandom, randomInt } from './random.ts';

/** Default number of bootstrap resamples: enough for stable 2.5/97.5 percentiles. */
export const DEFAULT_BOOTSTRAP_RESAMPLES = 1000;
export const DEFAULT_CI_LEVEL = 0.95;

/** Index of the largest value (first one on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i;
  return best;
}

function checkSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: ${a.length} true labels but ${b.length} predictions`);
}

/** confusion[true][predicted] counts for class indices in [0, classCount). */
export function confusionMatrix(trueClasses: readonly number[], predictedClasses: readonly number[], classCount: number): number[][] {
  checkSameLength(trueClasses, predictedClasses, 'confusionMatrix');
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  trueClasses.forEach((t, i) => {
    const p = predictedClasses[i] ?? -1;
    if (t < 0 || t >= classCount || p < 0 || p >= classCount) throw new RangeError(`class index out of range at example ${i}`);
    matrix[t]![p]! += 1;
  });
  return matrix;
}

function safeRatio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function f1Of(precision: number, recall: number): number {
  return safeRatio(2 * precision * recall, precision + recall);
}

/**
 * Accuracy, balanced accuracy, macro-F1, per-class P/R/F1 and the confusion matrix.
 * Precision of a class never predicted is 0. Balanced accuracy and macro-F1 average over the
 * classes that have at least one true example (a class absent from a fold cannot be scored).
 */
export function classificationMetrics(trueClasses: readonly number[], predictedClasses: readonly number[], labels: readonly string[]): ClassificationMetrics {
  if (trueClasses.length === 0) throw new RangeError('classificationMetrics: no examples to score');
  const confusion = confusionMatrix(trueClasses, predictedClasses, labels.length);
  const perClass: ClassMetrics[] = labels.map((label, c) => {
    const row = confusion[c] ?? [];
    const support = row.reduce((s, v) => s + v, 0);
    const truePositives = row[c] ?? 0;
    const predicted = confusion.reduce((s, r) => s + (r[c] ?? 0), 0);
    const precision = safeRatio(truePositives, predicted);
    const recall = safeRatio(truePositives, support);
    return { label, precision, recall, f1: f1Of(precision, recall), support };
  });
  const present = perClass.filter((m) => m.support > 0);
  const correct = labels.reduce((s, _, c) => s + (confusion[c]?.[c] ?? 0), 0);
  return {
    labels: [...labels],
    count: trueClasses.length,
    accuracy: correct / trueClasses.length,
    balancedAccuracy: present.reduce((s, m) => s + m.recall, 0) / present.length,
    macroF1: present.reduce((s, m) => s + m.f1, 0) / present.length,
    perClass,
    confusion,
  };
}

/** The most frequent class of the training labels (lowest index on ties). */
export function majorityClass(trainClasses: readonly number[], classCount: number): number {
  const counts = new Array<number>(classCount).fill(0);
  for (const c of trainClasses) counts[c]! += 1;
  return argmax(counts);
}

/** Scores the "always answer the training majority class" baseline on test labels. */
export function majorityBaseline(trainClasses: readonly number[], testClasses: readonly number[], labels: readonly string[]): ClassificationMetrics {
  const majority = majorityClass(trainClasses, labels.length);
  return classificationMetrics(testClasses, testClasses.map(() => majority), labels);
}

/**
 * ROC-AUC as the probability that a random positive scores above a random negative, ties
 * counting one half (Mann–Whitney U with mid-ranks).
 * @throws RangeError when positives or negatives are missing (AUC is undefined)
 */
export function rocAuc(scores: ArrayLike<number>, isPositive: readonly boolean[]): number {
  checkSameLength(isPositive, scores, 'rocAuc');
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let positives = 0;
  let positiveRankSum = 0;
  let start = 0;
  while (start < order.length) {
    let end = start;
    const value = scores[order[start] ?? 0] ?? 0;
    while (end + 1 < order.length && scores[order[end + 1] ?? 0] === value) end++;
    const midRank = (start + end) / 2 + 1;
    for (let r = start; r <= end; r++) {
      if (isPositive[order[r] ?? 0] === true) {
        positives++;
        positiveRankSum += midRank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) throw new RangeError(`ROC-AUC needs positives and negatives (got ${positives} and ${negatives})`);
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** ROC curve points from (0,0) to (1,1), one per distinct score, highest threshold first. */
export function rocCurve(scores: ArrayLike<number>, isPositive: readonly boolean[]): RocPoint[] {
  checkSameLength(isPositive, scores, 'rocCurve');
  const positives = isPositive.filter(Boolean).length;
  const negatives = isPositive.length - positives;
  if (positives === 0 || negatives === 0) throw new RangeError('a ROC curve needs positives and negatives');
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  const points: RocPoint[] = [{ falsePositiveRate: 0, truePositiveRate: 0, threshold: Number.POSITIVE_INFINITY }];
  let tp = 0;
  let fp = 0;
  for (let r = 0; r < order.length; r++) {
    const index = order[r] ?? 0;
    if (isPositive[index] === true) tp++;
    else fp++;
    const next = order[r + 1];
    if (next === undefined || scores[next] !== scores[index]) {
      points.push({ falsePositiveRate: fp / negatives, truePositiveRate: tp / positives, threshold: scores[index] ?? 0 });
    }
  }
  return points;
}

/** Precision, recall, F1 and counts when scores ≥ threshold are called positive. */
export function binaryMetricsAtThreshold(scores: ArrayLike<number>, isPositive: readonly boolean[], threshold: number): BinaryMetrics {
  checkSameLength(isPositive, scores, 'binaryMetricsAtThreshold');
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  isPositive.forEach((positive, i) => {
    const called = (scores[i] ?? 0) >= threshold;
    if (positive && called) tp++;
    else if (positive) fn++;
    else if (called) fp++;
    else tn++;
  });
  const precision = safeRatio(tp, tp + fp);
  const recall = safeRatio(tp, tp + fn);
  return {
    threshold,
    precision,
    recall,
    f1: f1Of(precision, recall),
    accuracy: safeRatio(tp + tn, isPositive.length),
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
  };
}

export type ThresholdCriterion =
  /** The threshold with the highest F1. */
  | { kind: 'maxF1' }
  /** The lowest threshold (highest recall) whose precision reaches the target. Falls back to max F1. */
  | { kind: 'targetPrecision'; precision: number };

/**
 * Chooses a decision threshold among the observed scores (midpoints between distinct scores, so
 * it is not tied to one example). Use it on validation/out-of-fold scores only, never on the
 * data the threshold is then reported on as if unseen.
 */
export function selectThreshold(scores: ArrayLike<number>, isPositive: readonly boolean[], criterion: ThresholdCriterion): BinaryMetrics {
  const distinct = [...new Set(Array.from(scores))].sort((a, b) => a - b);
  if (distinct.length === 0) throw new RangeError('selectThreshold: no scores');
  const candidates = distinct.map((value, i) => (i === 0 ? value : ((distinct[i - 1] ?? value) + value) / 2));
  const evaluated = candidates.map((t) => binaryMetricsAtThreshold(scores, isPositive, t));
  const bestF1 = evaluated.reduce((best, m) => (m.f1 > best.f1 ? m : best));
  if (criterion.kind === 'maxF1') return bestF1;
  const meeting = evaluated.filter((m) => m.truePositives > 0 && m.precision >= criterion.precision);
  return meeting.length === 0 ? bestF1 : meeting.reduce((best, m) => (m.recall > best.recall || (m.recall === best.recall && m.threshold < best.threshold) ? m : best));
}

/** Linear-interpolated quantile of sorted values (q in [0, 1]). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of nothing');
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] ?? 0;
  const b = sorted[upper] ?? 0;
  return a + (b - a) * (position - lower);
}

export interface BootstrapOptions {
  seed: number;
  resamples?: number;
  level?: number;
  /** What one group is, for the report (e.g. "installs"). */
  unit: string;
}

/**
 * Percentile bootstrap CI that resamples whole groups with replacement: examples of one baby
 * stay together, so the interval reflects how many babies were tested, not how many clips.
 * Resamples where the statistic is undefined (NaN or throws, e.g. AUC with one class) are skipped.
 * @param groups group id of each example
 * @param statistic computes the metric from example indices (repeats allowed)
 */
export function bootstrapCi(groups: readonly string[], statistic: (indices: number[]) => number, options: BootstrapOptions): ConfidenceInterval {
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const level = options.level ?? DEFAULT_CI_LEVEL;
  const groupLists = groupMembers(groups);
  if (groupLists.length === 0) throw new RangeError('bootstrapCi: no examples');
  const random = createRandom(options.seed);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const indices: number[] = [];
    for (let g = 0; g < groupLists.length; g++) indices.push(...(groupLists[randomInt(random, groupLists.length)] ?? []));
    let value: number;
    try {
      value = statistic(indices);
    } catch {
      continue;
    }
    if (Number.isFinite(value)) values.push(value);
  }
  if (values.length === 0) throw new RangeError('bootstrapCi: the statistic was undefined on every resample');
  values.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { low: quantileSorted(values, tail), high: quantileSorted(values, 1 - tail), level, resamples: values.length, unit: options.unit };
}

/** Examples of each group, groups in sorted-name order (the order bootstrapCi draws from). */
function groupMembers(groups: readonly string[]): number[][] {
  const members = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const list = members.get(g);
    if (list === undefined) members.set(g, [i]);
    else list.push(i);
  });
  return [...members.keys()].sort().map((g) => members.get(g) ?? []);
}

/**
 * ROC-AUC with its group bootstrap CI, as metricWithCi(groups, rocAuc…) computes it (same seed →
 * same resamples) but in linear time per resample: the scores are sorted once and each resample
 * only re-weights them, so tens of thousands of windows take well under a second.
 */
export function rocAucWithCi(scores: ArrayLike<number>, isPositive: readonly boolean[], groups: readonly string[], options: BootstrapOptions): MetricWithCi {
  checkSameLength(isPositive, scores, 'rocAucWithCi');
  checkSameLength(groups, scores, 'rocAucWithCi');
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  // Tie blocks of the sorted order: [start, end) ranges of equal scores.
  const blockStarts: number[] = [];
  order.forEach((index, r) => {
    if (r === 0 || scores[index] !== scores[order[r - 1] ?? 0]) blockStarts.push(r);
  });
  blockStarts.push(order.length);
  const weightedAuc = (weights: Float64Array): number => {
    let negativesBelow = 0;
    let pairs = 0;
    let positives = 0;
    for (let b = 0; b + 1 < blockStarts.length; b++) {
      let blockPositives = 0;
      let blockNegatives = 0;
      for (let r = blockStarts[b] ?? 0; r < (blockStarts[b + 1] ?? 0); r++) {
        const index = order[r] ?? 0;
        const w = weights[index] ?? 0;
        if (isPositive[index] === true) blockPositives += w;
        else blockNegatives += w;
      }
      pairs += blockPositives * (negativesBelow + blockNegatives / 2);
      negativesBelow += blockNegatives;
      positives += blockPositives;
    }
    return positives === 0 || negativesBelow === 0 ? Number.NaN : pairs / (positives * negativesBelow);
  };
  const value = rocAuc(scores, isPositive);
  const groupLists = groupMembers(groups);
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const level = options.level ?? DEFAULT_CI_LEVEL;
  const random = createRandom(options.seed);
  const weights = new Float64Array(scores.length);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    weights.fill(0);
    for (let g = 0; g < groupLists.length; g++) for (const i of groupLists[randomInt(random, groupLists.length)] ?? []) weights[i] = (weights[i] ?? 0) + 1;
    const auc = weightedAuc(weights);
    if (Number.isFinite(auc)) values.push(auc);
  }
  if (values.length === 0) throw new RangeError('rocAucWithCi: every resample lacked positives or negatives');
  values.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { value, ci: { low: quantileSorted(values, tail), high: quantileSorted(values, 1 - tail), level, resamples: values.length, unit: options.unit } };
}

/** A statistic on all examples together with its group bootstrap CI. */
export function metricWithCi(groups: readonly string[], statistic: (indices: number[]) => number, options: BootstrapOptions): MetricWithCi {
  const all = groups.map((_, i) => i);
  return { value: statistic(all), ci: bootstrapCi(groups, statistic, options) };
}

/** Picks the given indices out of an array (helper for bootstrap statistics). */
export function pick<T>(values: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => values[i] as T);
}
