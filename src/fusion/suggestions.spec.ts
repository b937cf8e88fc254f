import { describe, expect, it } from 'vitest';
import { NEEDS } from '../domain/needs.ts';
import { NEED_LABELS } from '../domain/needs.ts';
import { RED_FLAGS, SUGGESTIONS, suggestionsFor } from './suggestions.ts';

describe('suggestions', () => {
  it('gives 2–4 concrete things to try for every need', () => {
    for (const need of NEEDS) {
      expect(SUGGESTIONS[need].length).toBeGreaterThanOrEqual(2);
      expect(SUGGESTIONS[need].length).toBeLessThanOrEqual(4);
      expect(NEED_LABELS[need].length).toBeGreaterThan(0);
    }
  });

  it('covers the checks parents are told to make', () => {
    const text = (need: (typeof NEEDS)[number]): string => SUGGESTIONS[need].join(' ').toLowerCase();
    expect(text('hunger')).toMatch(/last feed/);
    expect(text('hunger')).toMatch(/rooting/);
    expect(text('discomfort')).toMatch(/diaper/);
    expect(text('discomfort')).toMatch(/burp/);
    expect(text('pain')).toMatch(/fever/);
    expect(text('pain')).toMatch(/hair/);
    expect(text('pain')).toMatch(/doctor/);
    expect(text('tired')).toMatch(/dim/);
    expect(text('tired')).toMatch(/swaddle/);
  });

  it('lists the red flags that mean calling a doctor', () => {
    const text = RED_FLAGS.join(' ').toLowerCase();
    for (const sign of ['38 °c', 'under 3 months', 'high-pitched', 'weak', 'hours', 'breathing', 'blue', 'not feeding', 'hard to wake']) {
      expect(text).toContain(sign);
    }
  });

  it('returns one group for a sure answer and two for a not-sure one, without duplicates', () => {
    expect(suggestionsFor(['tired']).map((g) => g.need)).toEqual(['tired']);
    expect(suggestionsFor(['hunger', 'pain']).map((g) => g.need)).toEqual(['hunger', 'pain']);
    expect(suggestionsFor(['pain', 'pain'])).toHaveLength(1);
  });
});
