import type { Need } from '../../domain/needs.ts';
import { rankNeeds, type NeedAssessment } from '../../fusion/confidence.ts';
import { SUGGESTIONS } from '../../fusion/suggestions.ts';
import type { ContextEstimate } from '../../models/context/model.ts';

/** Each need as the baby's state, so that two candidates read as two: "hungry or tired". */
export const NEED_STATES: Readonly<Record<Need, string>> = {
  discomfort: 'uncomfortable',
  hunger: 'hungry',
  pain: 'in pain',
  tired: 'tired',
};

/** The need the monitor names: one, or two candidates, with why in plain words. */
export interface ShownNeed {
  readonly needs: readonly [Need] | readonly [Need, Need];
  /** False when the estimate is too uncertain to name one need alone. */
  readonly sure: boolean;
  readonly reason: string;
  /** Where the guess comes from: the care log (feeds, sleep) or the cry's sound alone. */
  readonly from: 'context' | 'sound';
}

/** What is read of the care log's estimate (a ContextEstimate, or the context an episode keeps). */
export type NeedContext = Pick<ContextEstimate, 'needProbabilities' | 'topNeed' | 'noLog' | 'reason'>;

/** Said under a guess from the sound alone: its model card shows it is close to chance. */
export const SOUND_ONLY_REASON = 'A guess from the sound alone, often wrong.';
const LOG_HINT = ' Log feeds and sleep to improve it.';

/** "Likely hungry", "Maybe hungry", "Maybe hungry or tired". */
export function needWords(need: ShownNeed): string {
  const [first, second] = need.needs;
  if (second !== undefined) return `Maybe ${NEED_STATES[first]} or ${NEED_STATES[second]}`;
  return `${need.sure ? 'Likely' : 'Maybe'} ${NEED_STATES[first]}`;
}

/**
 * The need to name while crying: the baby's day (time since the feed, time awake) when the care
 * log says something, since the sound alone is near chance; else the sound's own (steadied)
 * assessment; null when there is neither.
 */
export function shownNeed(assessment: NeedAssessment | null, context: NeedContext | null): ShownNeed | null {
  if (context !== null && !context.noLog) {
    const [first, second] = rankNeeds(context.needProbabilities);
    if (context.topNeed !== null) return { needs: [context.topNeed], sure: true, reason: context.reason, from: 'context' };
    if (first !== undefined && second !== undefined) return { needs: [first.need, second.need], sure: false, reason: context.reason, from: 'context' };
  }
  if (assessment === null) return null;
  const reason = context?.noLog === true ? SOUND_ONLY_REASON + LOG_HINT : SOUND_ONLY_REASON;
  const [first, second] = assessment.candidates;
  if (assessment.notSure) return { needs: [first.need, second.need], sure: false, reason, from: 'sound' };
  return { needs: [assessment.topNeed], sure: true, reason, from: 'sound' };
}

/**
 * The few things to try first: the top suggestions of one need, or the first of each of two
 * candidates, so both guesses get a quick check.
 */
export function thingsToTry(needs: readonly Need[], count = 2): string[] {
  const unique = [...new Set(needs)];
  const out: string[] = [];
  for (let rank = 0; out.length < count; rank += 1) {
    const before = out.length;
    for (const need of unique) {
      const item = SUGGESTIONS[need][rank];
      if (item !== undefined && out.length < count) out.push(item);
    }
    if (out.length === before) break;
  }
  return out;
}
