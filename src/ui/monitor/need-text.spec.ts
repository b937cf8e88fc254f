import { describe, expect, it } from 'vitest';
import { assessNeeds } from '../../fusion/confidence.ts';
import { SUGGESTIONS } from '../../fusion/suggestions.ts';
import { needWords, shownNeed, SOUND_ONLY_REASON, thingsToTry } from './need-text.ts';

type Fused = Parameters<typeof shownNeed>[0];
const fromContext = (probabilities: readonly [number, number, number, number], reason: string): Fused => ({
  assessment: assessNeeds(probabilities),
  reason,
  contributed: ['context'],
});

describe('the need in words', () => {
  it('two candidates read as two, each as the baby’s state', () => {
    const notSure = shownNeed(fromContext([0.2, 0.1, 0.33, 0.37], 'Awake 1 h 40 min'));
    expect(notSure && needWords(notSure)).toBe('Maybe tired or in pain');
    const named = shownNeed(fromContext([0.05, 0.8, 0.05, 0.1], 'Last feed 3 h ago'));
    expect(named && needWords(named)).toBe('Likely hungry');
    // Never the three-option "tired or pain or gas", never a bare noun pair.
    for (const words of [notSure, named].map((n) => (n ? needWords(n) : ''))) expect(words.split(' or ').length).toBeLessThanOrEqual(2);
  });

  it('names what the session fused, with the care log’s reason; nothing when no source could name a need', () => {
    expect(shownNeed(fromContext([0.05, 0.8, 0.05, 0.1], 'Last feed 3 h ago — babies this age usually feed about every 2 h 30'))).toEqual({
      needs: ['hunger'],
      sure: true,
      reason: 'Last feed 3 h ago — babies this age usually feed about every 2 h 30',
      from: 'context',
    });
    // A sound that earned its place (a better future model) says so, since it brings no reason of its own.
    expect(shownNeed({ assessment: assessNeeds([0.05, 0.8, 0.05, 0.1]), reason: null, contributed: ['audio'] })).toMatchObject({ from: 'sound', reason: SOUND_ONLY_REASON });
    expect(shownNeed({ assessment: null, reason: 'No feeds logged yet', contributed: [] })).toBeNull();
  });

  it('two things to try: the top two of one need, or the first of each candidate', () => {
    expect(thingsToTry(['tired'])).toEqual(SUGGESTIONS.tired.slice(0, 2));
    expect(thingsToTry(['tired', 'pain'])).toEqual([SUGGESTIONS.tired[0], SUGGESTIONS.pain[0]]);
    expect(thingsToTry(['hunger'], 10)).toEqual(SUGGESTIONS.hunger);
  });
});
