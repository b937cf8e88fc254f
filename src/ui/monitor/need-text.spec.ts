import { describe, expect, it } from 'vitest';
import { assessNeeds } from '../../fusion/confidence.ts';
import { SUGGESTIONS } from '../../fusion/suggestions.ts';
import type { ContextEstimate } from '../../models/context/model.ts';
import { needWords, shownNeed, SOUND_ONLY_REASON, thingsToTry } from './need-text.ts';

/** Only the fields shownNeed reads; the rest of a real estimate does not matter here. */
function context(patch: Partial<ContextEstimate>): ContextEstimate {
  return {
    needProbabilities: [0.1, 0.6, 0.1, 0.2],
    topNeed: 'hunger',
    firstGuess: 'hunger',
    confidence: 0.6,
    notSure: false,
    noLog: false,
    reason: 'Last feed 3 h ago — babies this age usually feed about every 2 h 30',
    ...patch,
  } as ContextEstimate;
}

describe('the need in words', () => {
  it('two candidates read as two, each as the baby’s state', () => {
    const soundNotSure = shownNeed(assessNeeds([0.2, 0.1, 0.33, 0.37]), null);
    expect(soundNotSure && needWords(soundNotSure)).toBe('Maybe tired or in pain');
    const named = shownNeed(assessNeeds([0.05, 0.8, 0.05, 0.1]), null);
    expect(named && needWords(named)).toBe('Likely hungry');
    // Never the three-option "tired or pain or gas", never a bare noun pair.
    for (const words of [soundNotSure, named].map((n) => (n ? needWords(n) : ''))) expect(words.split(' or ').length).toBeLessThanOrEqual(2);
  });

  it('the care log’s guess and reason come first; the sound alone says it is often wrong', () => {
    expect(shownNeed(assessNeeds([0.2, 0.1, 0.33, 0.37]), context({}))).toEqual({
      needs: ['hunger'],
      sure: true,
      reason: 'Last feed 3 h ago — babies this age usually feed about every 2 h 30',
      from: 'context',
    });
    const notSure = shownNeed(null, context({ topNeed: null, notSure: true, needProbabilities: [0.1, 0.35, 0.1, 0.45] }));
    expect(notSure && needWords(notSure)).toBe('Maybe tired or hungry');
    const noLog = shownNeed(assessNeeds([0.05, 0.8, 0.05, 0.1]), context({ noLog: true, topNeed: null }));
    expect(noLog).toMatchObject({ from: 'sound', reason: `${SOUND_ONLY_REASON} Log feeds and sleep to improve it.` });
    expect(shownNeed(null, null)).toBeNull();
  });

  it('two things to try: the top two of one need, or the first of each candidate', () => {
    expect(thingsToTry(['tired'])).toEqual(SUGGESTIONS.tired.slice(0, 2));
    expect(thingsToTry(['tired', 'pain'])).toEqual([SUGGESTIONS.tired[0], SUGGESTIONS.pain[0]]);
    expect(thingsToTry(['hunger'], 10)).toEqual(SUGGESTIONS.hunger);
  });
});
