import { NEEDS, type Need, type NeedProbabilities } from '../domain/needs.ts';
import { rankNeeds, type NeedAssessment, type RankedNeed } from './confidence.ts';

/**
 * Seconds a different answer must be the fresh one, window after window, before the screen
 * changes to it: longer than the need smoothing (about 3 s), so a near tie that swaps back and
 * forth never shows, while a cry that really changes character is followed within seconds.
 */
export const SHOWN_NEED_DWELL_SECONDS = 5;

/**
 * How far ahead a different need (or pair) must be, in probability, to replace the one shown:
 * smaller leads are within what one window's noise moves the smoothed estimate.
 */
export const SHOWN_NEED_MARGIN = 0.08;

export interface ShownNeedConfig {
  readonly dwellSeconds: number;
  readonly margin: number;
}

export const DEFAULT_SHOWN_NEED: ShownNeedConfig = { dwellSeconds: SHOWN_NEED_DWELL_SECONDS, margin: SHOWN_NEED_MARGIN };

/** What the screen names: one need, or two candidates read as a pair (in the order first shown). */
export type ShownAnswer = { readonly kind: 'named'; readonly need: Need } | { readonly kind: 'pair'; readonly needs: readonly [Need, Need] };

function answerOf(assessment: NeedAssessment): ShownAnswer {
  return assessment.notSure ? { kind: 'pair', needs: [assessment.candidates[0].need, assessment.candidates[1].need] } : { kind: 'named', need: assessment.topNeed };
}

/** Same answer, whatever the order of a pair: "hunger or tired" is "tired or hunger". */
function sameAnswer(a: ShownAnswer, b: ShownAnswer): boolean {
  if (a.kind === 'named') return b.kind === 'named' && a.need === b.need;
  return b.kind === 'pair' && a.needs.includes(b.needs[0]) && a.needs.includes(b.needs[1]);
}

function probabilityOf(probabilities: NeedProbabilities, need: Need): number {
  return probabilities[NEEDS.indexOf(need)] ?? 0;
}

/**
 * Whether the fresh answer is clearly ahead of the shown one now. Between one need and two
 * candidates the not-sure threshold already decided and the dwell time is the hysteresis;
 * between answers of the same kind, the fresh one must also lead by the margin.
 */
function clearlyAhead(fresh: ShownAnswer, shown: ShownAnswer, probabilities: NeedProbabilities, margin: number): boolean {
  if (fresh.kind === 'named' && shown.kind === 'named') return probabilityOf(probabilities, fresh.need) - probabilityOf(probabilities, shown.need) >= margin;
  if (fresh.kind === 'pair' && shown.kind === 'pair') {
    const sum = (pair: readonly [Need, Need]): number => probabilityOf(probabilities, pair[0]) + probabilityOf(probabilities, pair[1]);
    return sum(fresh.needs) - sum(shown.needs) >= margin;
  }
  return true;
}

/** The assessment that names `answer`, with the current probabilities of its needs. */
function assessmentOf(answer: ShownAnswer, probabilities: NeedProbabilities): NeedAssessment {
  const ranked = rankNeeds(probabilities);
  const entry = (need: Need): RankedNeed => ({ need, probability: probabilityOf(probabilities, need) });
  if (answer.kind === 'pair') {
    const [first, second] = answer.needs;
    return { topNeed: first, confidence: probabilityOf(probabilities, first), notSure: true, candidates: [entry(first), entry(second)] };
  }
  const runnerUp = ranked.find((r) => r.need !== answer.need) ?? entry(answer.need);
  return { topNeed: answer.need, confidence: probabilityOf(probabilities, answer.need), notSure: false, candidates: [entry(answer.need), runnerUp] };
}

export interface ShownNeedState {
  readonly shown: ShownAnswer | null;
  /** A different fresh answer and the stream time (s) it has been the fresh one since. */
  readonly challenger: { readonly answer: ShownAnswer; readonly sinceSeconds: number } | null;
}

export const INITIAL_SHOWN_NEED: ShownNeedState = { shown: null, challenger: null };

export interface ShownNeedInput {
  /** Stream time of this reading, in seconds. */
  readonly timeSeconds: number;
  /** This reading's need vector and its assessment; null when no need is shown (quiet, no episode). */
  readonly needProbabilities: NeedProbabilities | null;
  readonly assessment: NeedAssessment | null;
}

/**
 * Hysteresis over one cry for the need on screen. The first answer of a cry shows at once; a
 * different one replaces it only after it has been the fresh answer for `dwellSeconds` and, for
 * two answers of the same kind, leads by `margin`. A pair keeps the order it was first shown in.
 * The cry ends (no need shown) → the state resets, so the next cry starts fresh. Pure: the
 * session keeps the state.
 */
export function stepShownNeed(
  state: ShownNeedState,
  input: ShownNeedInput,
  config: ShownNeedConfig = DEFAULT_SHOWN_NEED,
): { state: ShownNeedState; assessment: NeedAssessment | null } {
  const { needProbabilities, assessment, timeSeconds } = input;
  if (needProbabilities === null || assessment === null) return { state: INITIAL_SHOWN_NEED, assessment: null };
  const fresh = answerOf(assessment);
  const shown = state.shown;
  if (shown === null) return { state: { shown: fresh, challenger: null }, assessment: assessmentOf(fresh, needProbabilities) };
  if (sameAnswer(fresh, shown)) return { state: { shown, challenger: null }, assessment: assessmentOf(shown, needProbabilities) };
  const challenger = state.challenger !== null && sameAnswer(state.challenger.answer, fresh) ? state.challenger : { answer: fresh, sinceSeconds: timeSeconds };
  if (timeSeconds - challenger.sinceSeconds >= config.dwellSeconds && clearlyAhead(fresh, shown, needProbabilities, config.margin)) {
    return { state: { shown: fresh, challenger: null }, assessment: assessmentOf(fresh, needProbabilities) };
  }
  return { state: { shown, challenger }, assessment: assessmentOf(shown, needProbabilities) };
}
