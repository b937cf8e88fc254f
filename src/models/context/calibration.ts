import { NEEDS } from '../../domain/needs.ts';
import type { Calibration } from './model.ts';

/** The calibration reads the last this many judged cries: a baby's rhythm, and the parent's reading of it, change. */
export const CALIBRATION_WINDOW = 30;

/** Weights tried, 0.05 … 1. Never 0: an all-uniform vector would lose the order of the needs. */
const WEIGHTS: readonly number[] = Array.from({ length: 20 }, (_, i) => (20 - i) / 20);

/**
 * The weight that best explains this baby's answers, by the log-likelihood of each answer under
 * the probability the model gave it before the answer was known (one number per judged cry, in
 * time order; only the last CALIBRATION_WINDOW count). One parameter, because a baby gives a
 * handful of answers a week: enough to see that the model is overconfident, not to fit a curve.
 * It only ever tempers (weight ≤ 1); ties go to the larger weight.
 */
export function fitCalibration(answerProbabilities: readonly number[]): Calibration {
  const recent = answerProbabilities.slice(-CALIBRATION_WINDOW);
  if (recent.length === 0) return { episodes: 0, weight: 1 };
  const uniform = 1 / NEEDS.length;
  let best = { weight: 1, logLikelihood: Number.NEGATIVE_INFINITY };
  for (const weight of WEIGHTS) {
    let logLikelihood = 0;
    for (const p of recent) logLikelihood += Math.log(weight * p + (1 - weight) * uniform);
    if (logLikelihood > best.logLikelihood) best = { weight, logLikelihood };
  }
  return { episodes: answerProbabilities.length, weight: best.weight };
}
