import { describe, expect, it } from 'vitest';
import { assessNeeds, DEFAULT_NOT_SURE_THRESHOLD, rankNeeds } from './confidence.ts';

describe('assessNeeds', () => {
  it('names the top need when it is above the threshold', () => {
    const a = assessNeeds([0.1, 0.7, 0.15, 0.05], 0.5);
    expect(a).toMatchObject({ topNeed: 'hunger', confidence: 0.7, notSure: false });
    expect(a.candidates.map((c) => c.need)).toEqual(['hunger', 'pain']);
  });

  it('is not sure below the threshold and gives the top two', () => {
    const a = assessNeeds([0.3, 0.35, 0.2, 0.15], 0.5);
    expect(a.notSure).toBe(true);
    expect(a.candidates).toEqual([
      { need: 'hunger', probability: 0.35 },
      { need: 'discomfort', probability: 0.3 },
    ]);
  });

  it('treats the threshold itself as sure and uses the default of 0.5', () => {
    expect(assessNeeds([0.5, 0.2, 0.2, 0.1]).notSure).toBe(false);
    expect(assessNeeds([0.49, 0.31, 0.1, 0.1]).notSure).toBe(true);
    expect(DEFAULT_NOT_SURE_THRESHOLD).toBe(0.5);
  });

  it('breaks ties in the fixed need order', () => {
    expect(rankNeeds([0.25, 0.25, 0.25, 0.25]).map((r) => r.need)).toEqual(['discomfort', 'hunger', 'pain', 'tired']);
  });
});
