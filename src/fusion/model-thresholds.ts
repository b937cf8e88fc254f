import { DEFAULT_NOT_SURE_THRESHOLD } from './confidence.ts';
import { DEFAULT_CRY_THRESHOLD } from './episodes.ts';

/** The two decision thresholds the monitor needs, and where they came from. */
export interface ModelThresholds {
  /** Onset threshold on the smoothed cry probability (0–1). */
  readonly cryThreshold: number;
  /** Top need probability below which the answer is "not sure" (0–1; above 1 = never sure). */
  readonly notSureThreshold: number;
  /** 'model' when carried by the loaded audio model (model.json metadata), else 'defaults'. */
  readonly source: 'model' | 'defaults';
  /** Why, in words, for the about screen and the logs. */
  readonly rationale: string;
}

export const DEFAULT_THRESHOLDS: ModelThresholds = {
  cryThreshold: DEFAULT_CRY_THRESHOLD,
  notSureThreshold: DEFAULT_NOT_SURE_THRESHOLD,
  source: 'defaults',
  rationale: 'No model loaded: cry threshold 0.5; "not sure" below 0.5 (more likely wrong than right).',
};

/** The thresholds the loaded model carries (its model.json metadata, read and range-checked by the worker). */
export function thresholdsFromModel(shipped: { readonly cryThreshold: number; readonly notSureThreshold: number }): ModelThresholds {
  return {
    cryThreshold: shipped.cryThreshold,
    notSureThreshold: shipped.notSureThreshold,
    source: 'model',
    rationale: `Cry threshold ${shipped.cryThreshold} and "not sure" below ${shipped.notSureThreshold}, from the loaded model (see its model card).`,
  };
}
