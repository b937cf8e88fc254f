import { describe, expect, it } from 'vitest';
import type { NeedProbabilities } from '../domain/needs.ts';
import { assessNeeds, type NeedAssessment } from './confidence.ts';
import { INITIAL_SHOWN_NEED, SHOWN_NEED_DWELL_SECONDS, stepShownNeed, type ShownNeedState } from './shown-need.ts';

const HOP_SECONDS = 0.5;

/** Feeds the vectors one window apart and returns what the screen would say each time. */
function run(vectors: readonly (NeedProbabilities | null)[], start: ShownNeedState = INITIAL_SHOWN_NEED): string[] {
  let state = start;
  return vectors.map((vector, i) => {
    const step = stepShownNeed(state, { timeSeconds: i * HOP_SECONDS, needProbabilities: vector, assessment: vector === null ? null : assessNeeds(vector) });
    state = step.state;
    return said(step.assessment);
  });
}

function said(a: NeedAssessment | null): string {
  if (a === null) return '-';
  return a.notSure ? `${a.candidates[0].need}|${a.candidates[1].need}` : a.topNeed;
}

/** Times the shown text changes between consecutive windows. */
function flips(shown: readonly string[]): number {
  return shown.slice(1).filter((text, i) => text !== shown[i]).length;
}

// In NEEDS order: discomfort, hunger, pain, tired.
const TIRED_PAIN: NeedProbabilities = [0.2, 0.1, 0.33, 0.37];
const TIRED_DISCOMFORT: NeedProbabilities = [0.34, 0.1, 0.2, 0.36];
const HUNGER_CLEAR: NeedProbabilities = [0.1, 0.7, 0.1, 0.1];

describe('the need on screen over one cry', () => {
  it('a near tie that swaps every window never changes the pair shown in a 17 s cry', () => {
    const cry = Array.from({ length: 34 }, (_, i) => (i % 2 === 0 ? TIRED_PAIN : TIRED_DISCOMFORT));
    const raw = cry.map((v) => said(assessNeeds(v)));
    expect(flips(raw)).toBe(33);
    const shown = run(cry);
    expect(flips(shown)).toBe(0);
    expect(shown[0]).toBe('tired|pain');
  });

  it('the first answer of a cry shows at once', () => {
    expect(run([HUNGER_CLEAR])).toEqual(['hunger']);
  });

  it('a cry that really changes is followed after the dwell time, not before', () => {
    const windowsBefore = Math.round(SHOWN_NEED_DWELL_SECONDS / HOP_SECONDS);
    const shown = run([TIRED_PAIN, ...Array.from({ length: windowsBefore + 1 }, () => HUNGER_CLEAR)]);
    expect(shown.slice(0, windowsBefore + 1).every((text) => text === 'tired|pain')).toBe(true);
    expect(shown.at(-1)).toBe('hunger');
    expect(flips(shown)).toBe(1);
  });

  it('a sustained but small lead does not replace the need shown', () => {
    // Tired named first; hunger then leads by 0.04 for the whole cry.
    const tired: NeedProbabilities = [0.1, 0.3, 0.05, 0.55];
    const hungerByALittle: NeedProbabilities = [0.05, 0.5, 0.0, 0.45];
    const hungerFar: NeedProbabilities = [0.05, 0.6, 0.0, 0.35];
    expect(new Set(run([tired, ...Array.from({ length: 30 }, () => hungerByALittle)]))).toEqual(new Set(['tired']));
    expect(run([tired, ...Array.from({ length: 30 }, () => hungerFar)]).at(-1)).toBe('hunger');
  });

  it('confidence hovering at the not-sure threshold does not toggle between one need and two', () => {
    const justOver: NeedProbabilities = [0.1, 0.51, 0.09, 0.3];
    const justUnder: NeedProbabilities = [0.1, 0.49, 0.11, 0.3];
    const shown = run(Array.from({ length: 34 }, (_, i) => (i % 3 === 0 ? justUnder : justOver)));
    expect(flips(shown)).toBe(0);
  });

  it('a pair keeps the order it was first shown in, with the current probabilities', () => {
    const swapped: NeedProbabilities = [0.2, 0.1, 0.37, 0.33];
    let state = INITIAL_SHOWN_NEED;
    state = stepShownNeed(state, { timeSeconds: 0, needProbabilities: TIRED_PAIN, assessment: assessNeeds(TIRED_PAIN) }).state;
    const { assessment } = stepShownNeed(state, { timeSeconds: 0.5, needProbabilities: swapped, assessment: assessNeeds(swapped) });
    expect(assessment?.candidates.map((c) => c.need)).toEqual(['tired', 'pain']);
    expect(assessment?.candidates.map((c) => c.probability)).toEqual([0.33, 0.37]);
    expect(assessment?.notSure).toBe(true);
  });

  it('the end of a cry resets, so the next cry starts with its own first answer', () => {
    expect(run([TIRED_PAIN, TIRED_PAIN, null, HUNGER_CLEAR])).toEqual(['tired|pain', 'tired|pain', '-', 'hunger']);
  });
});
