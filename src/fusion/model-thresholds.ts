import { DEFAULT_NOT_SURE_THRESHOLD } from './confidence.ts';
import { DEFAULT_CRY_THRESHOLD } from './episodes.ts';

/** The two decision thresholds the monitor needs, and where they came from. */
export interface ModelThresholds {
  /** Onset threshold on the smoothed cry probability (0–1). */
  readonly cryThreshold: number;
  /** Top need probability below which the answer is "not sure" (0–1; above 1 = never sure). */
  readonly notSureThreshold: number;
  /** 'model-card' when read from the audio model's metrics.json, else 'defaults'. */
  readonly source: 'model-card' | 'defaults';
  /** Why, in words, for the about screen and the logs. */
  readonly rationale: string;
}

export const DEFAULT_THRESHOLDS: ModelThresholds = {
  cryThreshold: DEFAULT_CRY_THRESHOLD,
  notSureThreshold: DEFAULT_NOT_SURE_THRESHOLD,
  source: 'defaults',
  rationale: 'No model card calibration found: cry threshold 0.5; "not sure" below 0.5 (more likely wrong than right).',
};

/** Largest not-sure threshold accepted: a little above 1 is the trainer's way of saying "never sure". */
const MAX_NOT_SURE_THRESHOLD = 1.5;

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
  return (value as Record<string, unknown>)[key];
}

function numberIn(value: unknown, min: number, max: number): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : null;
}

/**
 * Reads the shipped thresholds from the audio model's metrics.json (scripts/lib/metrics-report.ts
 * shape): the quantized variant is what the app runs, the float one is the fallback. Anything
 * missing or out of range falls back to the defaults, field by field, and says so.
 */
export function thresholdsFromMetrics(metrics: unknown): ModelThresholds {
  const variants = [field(metrics, 'quantized'), field(metrics, 'float')];
  let cry: number | null = null;
  let cryRationale = '';
  let notSure: number | null = null;
  let notSureRationale = '';
  for (const variant of variants) {
    const threshold = field(field(variant, 'cry'), 'threshold');
    const calibration = field(field(variant, 'need'), 'calibration');
    const cryValue = numberIn(field(threshold, 'value'), 0, 1);
    if (cry === null && cryValue !== null) {
      cry = cryValue;
      const why = field(threshold, 'rationale');
      cryRationale = typeof why === 'string' ? why : '';
    }
    const notSureValue = numberIn(field(calibration, 'notSureThreshold'), 0, MAX_NOT_SURE_THRESHOLD);
    if (notSure === null && notSureValue !== null) {
      notSure = notSureValue;
      const why = field(calibration, 'notSureRationale');
      notSureRationale = typeof why === 'string' ? why : '';
    }
  }
  if (cry === null && notSure === null) return DEFAULT_THRESHOLDS;
  return {
    cryThreshold: cry ?? DEFAULT_CRY_THRESHOLD,
    notSureThreshold: notSure ?? DEFAULT_NOT_SURE_THRESHOLD,
    source: 'model-card',
    rationale: [
      cry === null ? 'Cry threshold: default 0.5 (none in the model card).' : `Cry threshold ${cry}: ${cryRationale}`,
      notSure === null ? '"Not sure" threshold: default 0.5 (none in the model card).' : `"Not sure" below ${notSure}: ${notSureRationale}`,
    ].join(' '),
  };
}
