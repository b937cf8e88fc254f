import { describe, expect, it } from 'vitest';
import { assessNeeds, DEFAULT_NOT_SURE_THRESHOLD, NEVER_SURE_THRESHOLD, notSureThresholdFromAccuracyCurve, rankNeeds } from './confidence.ts';

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

describe('notSureThresholdFromAccuracyCurve', () => {
  const curve = [
    { threshold: 0.3, accuracy: 0.3, count: 400 },
    { threshold: 0.5, accuracy: 0.45, count: 120 },
    { threshold: 0.6, accuracy: 0.62, count: 40 },
    { threshold: 0.7, accuracy: 0.8, count: 5 },
  ];

  it('picks the lowest threshold that reaches the target accuracy with enough support', () => {
    expect(notSureThresholdFromAccuracyCurve(curve, 0.6, 20)).toBe(0.6);
  });

  it('ignores rows with too few predictions', () => {
    expect(notSureThresholdFromAccuracyCurve(curve, 0.7, 20)).toBe(NEVER_SURE_THRESHOLD);
  });

  it('never goes below the floor', () => {
    expect(notSureThresholdFromAccuracyCurve(curve, 0.25, 20)).toBe(DEFAULT_NOT_SURE_THRESHOLD);
  });

  it('makes every answer "not sure" when nothing qualifies', () => {
    const t = notSureThresholdFromAccuracyCurve([], 0.6, 1);
    expect(assessNeeds([0, 1, 0, 0], t).notSure).toBe(true);
  });
});
