import { describe, expect, it } from 'vitest';
import {
  accuracyByConfidence,
  calibratedProbabilities,
  chooseNotSureThreshold,
  fitTemperature,
  MAX_TEMPERATURE,
  negativeLogLikelihood,
  reliability,
  softmax,
} from './calibration.ts';
import { createRandom, gaussian } from './random.ts';

describe('softmax and NLL', () => {
  it('computes softmax with a temperature, stably', () => {
    const p = softmax([Math.log(3), 0]);
    expect(p[0]).toBeCloseTo(0.75, 12);
    expect(softmax([2 * Math.log(3), 0], 2)[0]).toBeCloseTo(0.75, 12);
    expect(softmax([1000, 0])[0]).toBe(1);
  });

  it('computes the mean NLL of the true class', () => {
    expect(negativeLogLikelihood([[Math.log(3), 0], [Math.log(3), 0]], [0, 1])).toBeCloseTo((-Math.log(0.75) - Math.log(0.25)) / 2, 12);
  });
});

describe('fitTemperature', () => {
  it('recovers the hand-derived optimum: p = 0.9 logits, 3 of 4 right → T = 2', () => {
    // At the optimum the scaled probability equals the hit rate: sigmoid(2 ln 3 / T) = 0.75 ⇒ T = 2.
    const logits = new Array<number[]>(4).fill([2 * Math.log(3), 0]);
    expect(fitTemperature(logits, [0, 0, 0, 1])).toBeCloseTo(2, 5);
  });

  it('undoes a known overconfidence factor on simulated data', () => {
    const random = createRandom(17);
    const logits: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const trueLogits = [gaussian(random), gaussian(random), gaussian(random), gaussian(random)];
      const p = softmax(trueLogits);
      let u = random();
      let label = 0;
      while (label < 3 && u > (p[label] ?? 0)) u -= p[label++] ?? 0;
      labels.push(label);
      logits.push(trueLogits.map((z) => 3 * z)); // a model three times too sure of itself
    }
    const t = fitTemperature(logits, labels);
    expect(t).toBeGreaterThan(2.6);
    expect(t).toBeLessThan(3.4);
    expect(negativeLogLikelihood(logits, labels, t)).toBeLessThan(negativeLogLikelihood(logits, labels, 1));
    const before = reliability(calibratedProbabilities(logits, 1), labels).ece;
    const after = reliability(calibratedProbabilities(logits, t), labels).ece;
    expect(after).toBeLessThan(before / 2);
  });

  it('stops at the search bound when labels are a coin flip', () => {
    expect(fitTemperature([[2, 0], [2, 0]], [0, 1])).toBeCloseTo(MAX_TEMPERATURE, 3);
  });
});

describe('reliability', () => {
  it('computes the hand-worked ECE and bins', () => {
    const probs = [
      [0.9, 0.05, 0.05], // conf 0.9, right
      [0.9, 0.05, 0.05], // conf 0.9, wrong
      [0.2, 0.6, 0.2], // conf 0.6, right
      [0.4, 0.35, 0.25], // conf 0.4, wrong
    ];
    const { ece, bins } = reliability(probs, [0, 1, 1, 2]);
    expect(bins).toHaveLength(15);
    // |0.9 − 0.5|·2/4 + |0.6 − 1|·1/4 + |0.4 − 0|·1/4 = 0.4
    expect(ece).toBeCloseTo(0.4, 12);
    expect(bins[13]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(bins[13]?.meanConfidence).toBeCloseTo(0.9, 12);
    expect(bins[9]).toMatchObject({ count: 1, accuracy: 1 });
    expect(bins[6]).toMatchObject({ count: 1, accuracy: 0 });
    expect(bins[0]).toMatchObject({ count: 0, meanConfidence: 0, accuracy: 0 });
    expect(reliability([[1, 0]], [0]).bins[14]?.count).toBe(1);
  });
});

describe('not-sure threshold', () => {
  const names = ['a', 'b'];
  // Confident answers are right, unsure ones are mostly wrong.
  const probs = [
    [0.95, 0.05],
    [0.9, 0.1],
    [0.1, 0.9],
    [0.55, 0.45],
    [0.45, 0.55],
    [0.6, 0.4],
  ];
  const labels = [0, 0, 1, 1, 0, 0];
  const rows = accuracyByConfidence(probs, labels, names, [0.5, 0.7, 0.95, 0.99]);

  it('reports coverage and accuracy among answered examples', () => {
    expect(rows[0]).toMatchObject({ threshold: 0.5, answered: 6, coverage: 1 });
    expect(rows[0]?.accuracy).toBeCloseTo(4 / 6, 12);
    expect(rows[1]).toMatchObject({ threshold: 0.7, answered: 3, coverage: 0.5, accuracy: 1, balancedAccuracy: 1 });
    expect(rows[2]).toMatchObject({ answered: 1, accuracy: 1 });
    expect(rows[3]).toMatchObject({ answered: 0, coverage: 0, accuracy: null, balancedAccuracy: null });
  });

  it('picks the lowest threshold reaching the target with enough answers', () => {
    const chosen = chooseNotSureThreshold(rows, { metric: 'accuracy', target: 0.9, minAnswered: 2 });
    expect(chosen.threshold).toBe(0.7);
    expect(chosen.rationale).toMatch(/50% of held-out cries/);
  });

  it('says "always not sure" when nothing reaches the target', () => {
    const chosen = chooseNotSureThreshold(rows, { metric: 'accuracy', target: 0.9, minAnswered: 4 });
    expect(chosen.threshold).toBe(1);
    expect(chosen.rationale).toMatch(/always says "not sure"/);
    expect(chosen.rationale).toMatch(/best was 0\.67 at 0\.50/);
  });
});
