import { NEEDS, type Need, type NeedProbabilities } from '../domain/needs.ts';

/**
 * Default "not sure" threshold on the top fused probability, used until the audio model's
 * calibration numbers say otherwise. With calibrated probabilities, a top need below 0.5 is more
 * likely wrong than right, so naming it alone would overstate what the model knows.
 */
export const DEFAULT_NOT_SURE_THRESHOLD = 0.5;

export interface RankedNeed {
  readonly need: Need;
  readonly probability: number;
}

/** The honest reading of a fused need vector. */
export interface NeedAssessment {
  /** The most probable need. */
  readonly topNeed: Need;
  /** Its probability (0–1): what the bars call confidence. */
  readonly confidence: number;
  /** True when confidence is below the not-sure threshold: show both candidates, not one label. */
  readonly notSure: boolean;
  /** The two most probable needs, best first. */
  readonly candidates: readonly [RankedNeed, RankedNeed];
}

/** Needs sorted by probability, best first; ties keep the NEEDS order so the answer is stable. */
export function rankNeeds(probabilities: NeedProbabilities): RankedNeed[] {
  return NEEDS.map((need, index) => ({ need, probability: probabilities[index] ?? 0 }))
    .sort((a, b) => b.probability - a.probability || NEEDS.indexOf(a.need) - NEEDS.indexOf(b.need));
}

export function assessNeeds(
  probabilities: NeedProbabilities,
  notSureThreshold: number = DEFAULT_NOT_SURE_THRESHOLD,
): NeedAssessment {
  const ranked = rankNeeds(probabilities);
  const [first, second] = ranked;
  if (first === undefined || second === undefined) throw new Error('A need vector must have four entries.');
  return {
    topNeed: first.need,
    confidence: first.probability,
    notSure: first.probability < notSureThreshold,
    candidates: [first, second],
  };
}
