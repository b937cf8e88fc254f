import { describe, expect, it } from 'vitest';
import {
  argmax,
  binaryMetricsAtThreshold,
  bootstrapCi,
  classificationMetrics,
  majorityBaseline,
  metricWithCi,
  quantileSorted,
  rocAuc,
  rocAucWithCi,
  rocCurve,
  selectThreshold,
} from './metrics.ts';

describe('classificationMetrics (hand-computed example)', () => {
  // true  a a a b b c ; predicted a a b b c c
  const m = classificationMetrics([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], ['a', 'b', 'c']);

  it('builds the confusion matrix with true labels as rows', () => {
    expect(m.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('computes per-class precision, recall, F1 and support', () => {
    const [a, b, c] = m.perClass;
    expect(a).toMatchObject({ label: 'a', precision: 1, support: 3 });
    expect(a?.recall).toBeCloseTo(2 / 3, 12);
    expect(a?.f1).toBeCloseTo(0.8, 12);
    expect(b).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(c?.precision).toBe(0.5);
    expect(c?.recall).toBe(1);
    expect(c?.f1).toBeCloseTo(2 / 3, 12);
  });

  it('computes accuracy, balanced accuracy and macro-F1', () => {
    expect(m.accuracy).toBeCloseTo(4 / 6, 12);
    expect(m.balancedAccuracy).toBeCloseTo(13 / 18, 12);
    expect(m.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
  });

  it('averages only over classes present in the true labels, and rejects bad input', () => {
    const partial = classificationMetrics([0, 0, 1], [0, 2, 1], ['a', 'b', 'c']);
    expect(partial.balancedAccuracy).toBeCloseTo((0.5 + 1) / 2, 12);
    expect(partial.perClass[2]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(() => classificationMetrics([], [], ['a'])).toThrow(/no examples/);
    expect(() => classificationMetrics([0], [0, 1], ['a', 'b'])).toThrow(/1 true labels but 2 predictions/);
    expect(() => classificationMetrics([0], [3], ['a', 'b'])).toThrow(/out of range/);
  });
});

describe('majorityBaseline', () => {
  it('always answers the training majority and scores it like a model', () => {
    // Training: class 1 is the majority; test set is Donate-a-Cry-like: mostly class 1.
    const base = majorityBaseline([1, 1, 1, 0, 2], [1, 1, 1, 1, 0, 2, 3, 1], ['discomfort', 'hunger', 'pain', 'tired']);
    expect(base.accuracy).toBeCloseTo(5 / 8, 12);
    expect(base.balancedAccuracy).toBeCloseTo(0.25, 12);
    expect(base.macroF1).toBeCloseTo((2 * (5 / 8)) / (5 / 8 + 1) / 4, 12);
  });
});

describe('rocAuc and rocCurve', () => {
  it('matches the textbook example', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBeCloseTo(0.75, 12);
  });

  it('counts ties as one half', () => {
    expect(rocAuc([0.5, 0.5, 0.5, 0.9], [true, false, false, true])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0.3, 0.3, 0.3, 0.3], [true, false, true, false])).toBeCloseTo(0.5, 12);
    expect(rocAuc([0.9, 0.8, 0.1], [false, false, true])).toBe(0);
  });

  it('refuses one-class input', () => {
    expect(() => rocAuc([0.1, 0.2], [true, true])).toThrow(/positives and negatives/);
  });

  it('draws a monotone curve whose trapezoid area equals the AUC', () => {
    const scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.2, 0.9, 0.05];
    const labels = [false, false, true, true, true, false, true, false];
    const curve = rocCurve(scores, labels);
    expect(curve[0]).toMatchObject({ falsePositiveRate: 0, truePositiveRate: 0 });
    expect(curve.at(-1)).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
    let area = 0;
    for (let i = 1; i < curve.length; i++) {
      const a = curve[i - 1]!;
      const b = curve[i]!;
      expect(b.falsePositiveRate).toBeGreaterThanOrEqual(a.falsePositiveRate);
      expect(b.truePositiveRate).toBeGreaterThanOrEqual(a.truePositiveRate);
      area += ((b.falsePositiveRate - a.falsePositiveRate) * (a.truePositiveRate + b.truePositiveRate)) / 2;
    }
    expect(area).toBeCloseTo(rocAuc(scores, labels), 12);
  });
});

describe('thresholds', () => {
  const scores = [0.1, 0.4, 0.35, 0.8];
  const labels = [false, false, true, true];

  it('scores a fixed threshold (≥ is positive)', () => {
    const m = binaryMetricsAtThreshold(scores, labels, 0.35);
    expect(m).toMatchObject({ truePositives: 2, falsePositives: 1, trueNegatives: 1, falseNegatives: 0, recall: 1 });
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.f1).toBeCloseTo(0.8, 12);
    expect(m.accuracy).toBeCloseTo(0.75, 12);
  });

  it('selects the max-F1 threshold between observed scores', () => {
    const best = selectThreshold(scores, labels, { kind: 'maxF1' });
    expect(best.threshold).toBeCloseTo(0.225, 12);
    expect(best.f1).toBeCloseTo(0.8, 12);
  });

  it('selects the highest-recall threshold that reaches a target precision', () => {
    const strict = selectThreshold(scores, labels, { kind: 'targetPrecision', precision: 1 });
    expect(strict.threshold).toBeCloseTo(0.6, 12);
    expect(strict.precision).toBe(1);
    expect(strict.recall).toBe(0.5);
  });
});

describe('bootstrap over groups', () => {
  const accuracy = (correct: readonly boolean[]) => (indices: number[]) => indices.filter((i) => correct[i]).length / indices.length;

  it('resamples groups, not examples: two babies, one always right, one always wrong', () => {
    const groups = [...new Array<string>(50).fill('A'), ...new Array<string>(50).fill('B')];
    const correct = groups.map((g) => g === 'A');
    const ci = bootstrapCi(groups, accuracy(correct), { seed: 1, unit: 'installs' });
    // With only two groups a resample is AA, AB/BA or BB: accuracy 1, 0.5 or 0.
    expect(ci.low).toBe(0);
    expect(ci.high).toBe(1);
    expect(ci.unit).toBe('installs');
    expect(ci.level).toBe(0.95);
  });

  it('is deterministic per seed, contains the point estimate, and narrows with more groups', () => {
    const makeData = (groupCount: number): { groups: string[]; correct: boolean[] } => {
      const groups: string[] = [];
      const correct: boolean[] = [];
      for (let g = 0; g < groupCount; g++) {
        for (let c = 0; c < 4; c++) {
          groups.push(`g${g}`);
          correct.push((g * 7 + c) % 3 !== 0);
        }
      }
      return { groups, correct };
    };
    const small = makeData(20);
    const large = makeData(400);
    const a = metricWithCi(small.groups, accuracy(small.correct), { seed: 5, unit: 'installs' });
    const b = metricWithCi(small.groups, accuracy(small.correct), { seed: 5, unit: 'installs' });
    expect(a).toEqual(b);
    expect(a.ci.low).toBeLessThanOrEqual(a.value);
    expect(a.ci.high).toBeGreaterThanOrEqual(a.value);
    const wide = metricWithCi(large.groups, accuracy(large.correct), { seed: 5, unit: 'installs' });
    expect(wide.ci.high - wide.ci.low).toBeLessThan(a.ci.high - a.ci.low);
  });

  it('skips resamples where the statistic is undefined', () => {
    const groups = ['a', 'b', 'c'];
    const labels = [true, false, true];
    const scores = [0.9, 0.1, 0.8];
    const ci = bootstrapCi(groups, (idx) => rocAuc(idx.map((i) => scores[i]!), idx.map((i) => labels[i]!)), { seed: 3, resamples: 200, unit: 'recordings' });
    expect(ci.resamples).toBeLessThan(200);
    expect(ci.low).toBe(1);
  });
});

describe('small helpers', () => {
  it('argmax takes the first maximum; quantile interpolates', () => {
    expect(argmax([0.1, 0.7, 0.7, 0.2])).toBe(1);
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.5)).toBe(3);
  });
});

describe('rocAucWithCi', () => {
  it('gives the same value and interval as the generic bootstrap, ties included', () => {
    const scores: number[] = [];
    const labels: boolean[] = [];
    const groups: string[] = [];
    for (let i = 0; i < 300; i++) {
      const positive = (i * 7) % 5 < 2;
      labels.push(positive);
      // Coarse scores: many ties across and within classes.
      scores.push(Math.round(((positive ? 0.3 : 0) + ((i * 37) % 100) / 100) * 10) / 10);
      groups.push(`g${i % 40}`);
    }
    const options = { seed: 11, resamples: 300, unit: 'recordings' };
    const fast = rocAucWithCi(scores, labels, groups, options);
    const generic = metricWithCi(groups, (idx) => rocAuc(idx.map((i) => scores[i]!), idx.map((i) => labels[i]!)), options);
    expect(fast.value).toBeCloseTo(generic.value, 12);
    expect(fast.ci.low).toBeCloseTo(generic.ci.low, 10);
    expect(fast.ci.high).toBeCloseTo(generic.ci.high, 10);
    expect(fast.ci.resamples).toBe(generic.ci.resamples);
  });
});
