import { SENSITIVITIES, type Sensitivity } from './alert-rules.ts';

/** Measured quality of one cry threshold, out of fold, as the model card reports it. */
export interface Measured {
  readonly precision: number;
  readonly recall: number;
}

export interface OperatingPoint {
  readonly sensitivity: Sensitivity;
  readonly cryThreshold: number;
  /** Per 2 s window (every half second of held-out audio); read off the pooled ROC. */
  readonly perWindow: Measured;
  /** Per held-out recording, as the app judges one; null where the card did not measure it. */
  readonly perRecording: Measured | null;
}

/**
 * How the two other points are picked from the shipped one's out-of-fold ROC: the most sensitive
 * threshold with at most half (or twice) the shipped false-alarm rate per window. Relative, so
 * the points follow a retrained model instead of fixed numbers going stale.
 */
export const FEWER_FALSE_ALARMS_FPR_FACTOR = 0.5;
export const CATCH_EVERY_CRY_FPR_FACTOR = 2;

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
  return (value as Record<string, unknown>)[key];
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

function unit(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1 ? value : null;
}

function measured(pooled: unknown): Measured | null {
  const precision = unit(field(pooled, 'precision'));
  const recall = unit(field(pooled, 'recall'));
  return precision === null || recall === null ? null : { precision, recall };
}

interface RocPoint {
  readonly threshold: number;
  readonly falsePositiveRate: number;
  readonly truePositiveRate: number;
}

function rocPoints(roc: unknown): RocPoint[] {
  if (!Array.isArray(roc)) return [];
  return roc.flatMap((point: unknown) => {
    const threshold = unit(field(point, 'threshold'));
    const falsePositiveRate = unit(field(point, 'falsePositiveRate'));
    const truePositiveRate = unit(field(point, 'truePositiveRate'));
    return threshold === null || falsePositiveRate === null || truePositiveRate === null ? [] : [{ threshold, falsePositiveRate, truePositiveRate }];
  });
}

function fromVariant(cry: unknown): OperatingPoint[] | null {
  const shipped = unit(field(field(cry, 'threshold'), 'value'));
  const pooled = field(cry, 'pooled');
  const perWindow = measured(pooled);
  if (shipped === null || perWindow === null) return null;
  const balanced: OperatingPoint = {
    sensitivity: 'balanced',
    cryThreshold: shipped,
    perWindow,
    perRecording: measured(field(field(cry, 'perRecording'), 'pooled')),
  };
  const tp = count(field(pooled, 'truePositives'));
  const fn = count(field(pooled, 'falseNegatives'));
  const fp = count(field(pooled, 'falsePositives'));
  const tn = count(field(pooled, 'trueNegatives'));
  const roc = rocPoints(field(cry, 'roc'));
  if (tp === null || fn === null || fp === null || tn === null || tp + fn === 0 || fp + tn === 0 || roc.length === 0) return [balanced];
  const positives = tp + fn;
  const negatives = fp + tn;
  const shippedFpr = fp / negatives;
  const pick = (sensitivity: Sensitivity, factor: number): OperatingPoint | null => {
    const allowed = roc.filter((p) => p.falsePositiveRate <= shippedFpr * factor && p.truePositiveRate > 0);
    if (allowed.length === 0) return null;
    const best = allowed.reduce((a, b) => (b.truePositiveRate > a.truePositiveRate || (b.truePositiveRate === a.truePositiveRate && b.threshold > a.threshold) ? b : a));
    const truePositives = best.truePositiveRate * positives;
    const falsePositives = best.falsePositiveRate * negatives;
    return {
      sensitivity,
      cryThreshold: best.threshold,
      perWindow: { precision: truePositives / (truePositives + falsePositives), recall: best.truePositiveRate },
      perRecording: null,
    };
  };
  const fewer = pick('fewer-false-alarms', FEWER_FALSE_ALARMS_FPR_FACTOR);
  const more = pick('catch-every-cry', CATCH_EVERY_CRY_FPR_FACTOR);
  return [fewer, balanced, more].filter((p): p is OperatingPoint => p !== null);
}

/**
 * The sensitivity choices the model card supports, from the audio model's metrics.json: the
 * quantized variant (what the app runs), else the float one. Only points with measured numbers
 * are returned; a missing one is not offered rather than guessed. Empty when nothing is usable.
 */
export function operatingPointsFromMetrics(metrics: unknown): OperatingPoint[] {
  for (const variant of [field(metrics, 'quantized'), field(metrics, 'float')]) {
    const points = fromVariant(field(variant, 'cry'));
    if (points !== null) return points.sort((a, b) => SENSITIVITIES.indexOf(a.sensitivity) - SENSITIVITIES.indexOf(b.sensitivity));
  }
  return [];
}

/** Fetches `<modelBaseUrl>metrics.json`; any failure gives no points (the UI then says so). */
export async function loadOperatingPoints(modelBaseUrl: string, fetcher: typeof fetch = fetch): Promise<OperatingPoint[]> {
  try {
    const response = await fetcher(new URL('metrics.json', modelBaseUrl).href);
    if (!response.ok) return [];
    return operatingPointsFromMetrics(await response.json());
  } catch {
    return [];
  }
}
