import { describe, expect, it } from 'vitest';
import type { CareEntry } from '../../domain/care.ts';
import { CALIBRATION_WINDOW, fitCalibration } from './calibration.ts';
import { buildCareIndex } from './care-index.ts';
import { EMPTY_LEARNER, estimateContext, MIN_CALIBRATION_EPISODES, NAME_MIN_PROBABILITY } from './model.ts';
import { trackRecord, type AnsweredEpisode } from './track-record.ts';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = new Date(2026, 10, 1, 0, 0).getTime();
const opts = { babyName: 'Mia', birthDate: '2026-09-15' };

function feeds(count: number): CareEntry[] {
  return Array.from({ length: count }, (_, i) => ({ kind: 'feed', id: `f${i}`, profileId: 'p', time: T0 + i * 3 * H, method: 'bottle', amountMl: 120, updatedAt: 0, deleted: false }) as const);
}

/** Cries 2 h 50 after each 3-hourly feed: the "due" bin, where the age prior puts hunger at ≈ 0.55. */
function dueCries(answers: readonly AnsweredEpisode['answer'][]): AnsweredEpisode[] {
  return answers.map((answer, i) => ({ id: `c${i}`, startedAt: T0 + i * 3 * H + 2 * H + 50 * MIN, answer }));
}

describe('fitting the calibration', () => {
  it('keeps the probabilities when the answers bore them out, and tempers them when they did not', () => {
    expect(fitCalibration([])).toEqual({ episodes: 0, weight: 1 });
    expect(fitCalibration(Array<number>(8).fill(0.7))).toEqual({ episodes: 8, weight: 1 });
    // The answer always got 7%: the model was confidently wrong, and is shrunk as far as it goes.
    expect(fitCalibration(Array<number>(8).fill(0.07)).weight).toBe(0.05);
    const mixed = fitCalibration([0.7, 0.07, 0.7, 0.07, 0.7, 0.07]).weight;
    expect(mixed).toBeGreaterThan(0.05);
    expect(mixed).toBeLessThan(1);
  });

  it('reads only the recent record', () => {
    const old = Array<number>(50).fill(0.07);
    expect(fitCalibration([...old, ...Array<number>(CALIBRATION_WINDOW).fill(0.7)])).toEqual({ episodes: 80, weight: 1 });
  });
});

describe('naming a single need only once calibrated', () => {
  // A frozen learner (the answers barely move the counts) isolates what the calibration does.
  const frozen = { ...opts, priorStrength: 1e6 };
  const index = buildCareIndex(feeds(20));
  const next = T0 + 12 * 3 * H + 2 * H + 50 * MIN;

  it('names no need before the record has enough cries, however clear the probabilities', () => {
    const e = estimateContext(index, EMPTY_LEARNER, next, opts);
    expect(e.confidence).toBeGreaterThan(NAME_MIN_PROBABILITY);
    expect(e.firstGuess).toBe('hunger');
    expect(e.notSure).toBe(true);
    expect(e.topNeed).toBeNull();
    const four = trackRecord(index, dueCries(['hunger', 'hunger', 'hunger', 'hunger']), opts);
    expect(four.calibration.episodes).toBe(MIN_CALIBRATION_EPISODES - 1);
    expect(estimateContext(index, four.learner, next, { ...opts, calibration: four.calibration }).topNeed).toBeNull();
  });

  it('names the need when the answers bore its probabilities out', () => {
    const record = trackRecord(index, dueCries(Array<AnsweredEpisode['answer']>(8).fill('hunger')), frozen);
    const e = estimateContext(index, record.learner, next, { ...frozen, calibration: record.calibration });
    expect(record.calibration.weight).toBe(1);
    expect(e.topNeed).toBe('hunger');
  });

  it('says "not sure" where the uncalibrated probabilities would name a need the answers contradicted', () => {
    const record = trackRecord(index, dueCries(['hunger', 'pain', 'hunger', 'pain', 'hunger', 'pain', 'hunger', 'pain']), frozen);
    const trusting = estimateContext(index, record.learner, next, { ...frozen, calibration: { episodes: 8, weight: 1 } });
    expect(trusting.topNeed).toBe('hunger');
    const calibrated = estimateContext(index, record.learner, next, { ...frozen, calibration: record.calibration });
    expect(record.calibration.weight).toBeLessThan(1);
    expect(calibrated.confidence).toBeLessThan(NAME_MIN_PROBABILITY);
    expect(calibrated.notSure).toBe(true);
    expect(calibrated.firstGuess).toBe('hunger');
  });

  it('judges each cry with a calibration fitted only on the cries before it', () => {
    const record = trackRecord(index, dueCries(['pain', 'pain', 'pain', 'pain', 'pain', 'pain', 'pain']), frozen);
    expect(record.judged.map((j) => j.estimate.calibration.episodes)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // Before any contradicting answer the probabilities are untouched; after them, shrunk.
    expect(record.judged[0]?.estimate.calibration.weight).toBe(1);
    expect(record.judged[6]?.estimate.calibration.weight).toBe(0.05);
    expect(record.calibration).toEqual({ episodes: 7, weight: 0.05 });
  });
});
