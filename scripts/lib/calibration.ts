/**
 * Probability calibration for the need classifier: temperature scaling (one scalar T, logits / T,
 * fit by minimising the negative log-likelihood on out-of-fold logits), expected calibration error
 * with a reliability table, and accuracy as a function of a "not sure" threshold so the app's
 * threshold can be justified from measured numbers.
 */
import type { ConfidenceThresholdRow, ReliabilityBin } from './metrics-report.ts';
import { argmax, classificationMetrics } from './metrics.ts';

/** Equal-width bins for the expected calibration error (the common choice in the literature). */
export const ECE_BINS = 15;
/** Search range for the temperature: beyond these the model is either noise or a step function. */
export const MIN_TEMPERATURE = 0.05;
export const MAX_TEMPERATURE = 20;
/** Golden-section iterations on log T: the bracket shrinks by 0.618 each time (≈ 1e-10 after 50). */
const GOLDEN_SECTION_ITERATIONS = 60;
/** Keeps log() finite for probabilities that underflow to 0. */
const MIN_PROBABILITY = 1e-12;

/** Softmax of logits / temperature, numerically stable. */
export function softmax(logits: readonly number[], temperature = 1): number[] {
  const scaled = logits.map((z) => z / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((z) => Math.exp(z - max));
  const sum = exps.reduce((s, v) => s + v, 0);
  return exps.map((e) => e / sum);
}

function checkRows(rows: readonly (readonly number[])[], labels: readonly number[], what: string): void {
  if (rows.length === 0) throw new RangeError(`${what}: no examples`);
  if (rows.length !== labels.length) throw new RangeError(`${what}: ${rows.length} rows but ${labels.length} labels`);
}

/** Mean negative log-likelihood of the true labels under softmax(logits / temperature). */
export function negativeLogLikelihood(logits: readonly (readonly number[])[], labels: readonly number[], temperature = 1): number {
  checkRows(logits, labels, 'negativeLogLikelihood');
  let total = 0;
  logits.forEach((row, i) => {
    const p = softmax(row, temperature)[labels[i] ?? 0] ?? 0;
    total -= Math.log(Math.max(p, MIN_PROBABILITY));
  });
  return total / logits.length;
}

/**
 * Fits the temperature that minimises the NLL, by golden-section search on log T within
 * [MIN_TEMPERATURE, MAX_TEMPERATURE] (the NLL is unimodal in T). T > 1 softens an overconfident
 * model; T < 1 sharpens an underconfident one. The argmax, hence accuracy, never changes.
 */
export function fitTemperature(logits: readonly (readonly number[])[], labels: readonly number[]): number {
  checkRows(logits, labels, 'fitTemperature');
  const objective = (logT: number): number => negativeLogLikelihood(logits, labels, Math.exp(logT));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(MIN_TEMPERATURE);
  let high = Math.log(MAX_TEMPERATURE);
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let fa = objective(a);
  let fb = objective(b);
  for (let i = 0; i < GOLDEN_SECTION_ITERATIONS; i++) {
    if (fa <= fb) {
      high = b;
      b = a;
      fb = fa;
      a = high - ratio * (high - low);
      fa = objective(a);
    } else {
      low = a;
      a = b;
      fa = fb;
      b = low + ratio * (high - low);
      fb = objective(b);
    }
  }
  return Math.exp((low + high) / 2);
}

/** Applies a fitted temperature to rows of logits. */
export function calibratedProbabilities(logits: readonly (readonly number[])[], temperature: number): number[][] {
  return logits.map((row) => softmax(row, temperature));
}

/**
 * Expected calibration error of the top-class probability: the count-weighted mean gap between
 * confidence and accuracy over equal-width bins (a confidence of exactly 1 goes in the last bin).
 */
export function reliability(probabilities: readonly (readonly number[])[], labels: readonly number[], binCount = ECE_BINS): { ece: number; bins: ReliabilityBin[] } {
  checkRows(probabilities, labels, 'reliability');
  const sums = Array.from({ length: binCount }, () => ({ count: 0, confidence: 0, correct: 0 }));
  probabilities.forEach((row, i) => {
    const predicted = argmax(row);
    const confidence = row[predicted] ?? 0;
    const bin = sums[Math.min(binCount - 1, Math.floor(confidence * binCount))];
    if (bin === undefined) return;
    bin.count++;
    bin.confidence += confidence;
    if (predicted === labels[i]) bin.correct++;
  });
  let ece = 0;
  const bins = sums.map((s, b) => {
    const meanConfidence = s.count === 0 ? 0 : s.confidence / s.count;
    const accuracy = s.count === 0 ? 0 : s.correct / s.count;
    ece += (s.count / probabilities.length) * Math.abs(meanConfidence - accuracy);
    return { low: b / binCount, high: (b + 1) / binCount, count: s.count, meanConfidence, accuracy };
  });
  return { ece, bins };
}

/** Thresholds 0, 0.05, …, 0.95 on the top probability. */
export const DEFAULT_CONFIDENCE_THRESHOLDS: readonly number[] = Array.from({ length: 20 }, (_, i) => Math.round(i * 5) / 100);

/**
 * For each threshold: how many examples the model would answer (top probability ≥ threshold)
 * and how often those answers are right, as accuracy and balanced accuracy.
 */
export function accuracyByConfidence(
  probabilities: readonly (readonly number[])[],
  labels: readonly number[],
  classNames: readonly string[],
  thresholds: readonly number[] = DEFAULT_CONFIDENCE_THRESHOLDS,
): ConfidenceThresholdRow[] {
  checkRows(probabilities, labels, 'accuracyByConfidence');
  const predictions = probabilities.map((row) => argmax(row));
  const confidences = probabilities.map((row, i) => row[predictions[i] ?? 0] ?? 0);
  return thresholds.map((threshold) => {
    const answered = confidences.flatMap((c, i) => (c >= threshold ? [i] : []));
    if (answered.length === 0) return { threshold, coverage: 0, accuracy: null, balancedAccuracy: null, answered: 0 };
    const m = classificationMetrics(
      answered.map((i) => labels[i] ?? 0),
      answered.map((i) => predictions[i] ?? 0),
      classNames,
    );
    return { threshold, coverage: answered.length / probabilities.length, accuracy: m.accuracy, balancedAccuracy: m.balancedAccuracy, answered: answered.length };
  });
}

export interface NotSureCriterion {
  /** Which accuracy must reach the target among answered examples. */
  metric: 'accuracy' | 'balancedAccuracy';
  /** Required value of that metric, e.g. 0.5. */
  target: number;
  /** Thresholds answering fewer examples than this are not trusted (too few to measure). */
  minAnswered: number;
}

/**
 * The lowest threshold whose answered examples reach the target, so the app answers as often as
 * it can while being right often enough. When no threshold does, returns 1 (always "not sure")
 * and says so: an honest app does not pretend.
 */
export function chooseNotSureThreshold(rows: readonly ConfidenceThresholdRow[], criterion: NotSureCriterion): { threshold: number; rationale: string } {
  const metricName = criterion.metric === 'accuracy' ? 'accuracy' : 'balanced accuracy';
  const sorted = rows.slice().sort((a, b) => a.threshold - b.threshold);
  for (const row of sorted) {
    const value = criterion.metric === 'accuracy' ? row.accuracy : row.balancedAccuracy;
    if (value !== null && row.answered >= criterion.minAnswered && value >= criterion.target) {
      return {
        threshold: row.threshold,
        rationale:
          `Below a top probability of ${row.threshold.toFixed(2)} the app says "not sure". At or above it, ` +
          `${(row.coverage * 100).toFixed(0)}% of held-out cries get an answer (${row.answered}), and those answers reach ` +
          `${metricName} ${value.toFixed(2)} (target ${criterion.target.toFixed(2)}).`,
      };
    }
  }
  const best = sorted
    .filter((r) => r.answered >= criterion.minAnswered)
    .map((r) => ({ r, v: (criterion.metric === 'accuracy' ? r.accuracy : r.balancedAccuracy) ?? 0 }))
    .reduce<{ r: ConfidenceThresholdRow; v: number } | null>((acc, x) => (acc === null || x.v > acc.v ? x : acc), null);
  const bestText = best === null ? 'no threshold left enough answers to measure' : `the best was ${best.v.toFixed(2)} at ${best.r.threshold.toFixed(2)}`;
  return {
    threshold: 1,
    rationale:
      `No confidence threshold reached ${metricName} ${criterion.target.toFixed(2)} on at least ${criterion.minAnswered} ` +
      `held-out cries (${bestText}), so the app always says "not sure" about the need and shows the probabilities only as a hint.`,
  };
}
