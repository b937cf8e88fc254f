import type { Need } from '../../domain/needs.ts';
import { SUGGESTIONS } from '../../fusion/suggestions.ts';
import type { MonitorReading } from '../../session/session-snapshot.ts';

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

/** Said under a need the sound alone gave (only when its own record lets it take part). */
export const SOUND_ONLY_REASON = 'A guess from the sound alone.';

/** "Likely hungry", "Maybe hungry", "Maybe hungry or tired". */
export function needWords(need: ShownNeed): string {
  const [first, second] = need.needs;
  if (second !== undefined) return `Maybe ${NEED_STATES[first]} or ${NEED_STATES[second]}`;
  return `${need.sure ? 'Likely' : 'Maybe'} ${NEED_STATES[first]}`;
}

/**
 * The need to name while crying, from the session's fused need (the sources its own evidence let
 * in: the baby's day today, the sound only once its card shows skill), with why in plain words;
 * null when no source could name one.
 */
export function shownNeed(reading: Pick<MonitorReading, 'assessment' | 'reason' | 'contributed'>): ShownNeed | null {
  const { assessment } = reading;
  if (assessment === null) return null;
  const from = reading.contributed.includes('context') ? 'context' : 'sound';
  const reason = reading.reason ?? (from === 'sound' ? SOUND_ONLY_REASON : '');
  const [first, second] = assessment.candidates;
  if (assessment.notSure) return { needs: [first.need, second.need], sure: false, reason, from };
  return { needs: [assessment.topNeed], sure: !assessment.notSure, reason, from };
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
