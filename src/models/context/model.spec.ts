import { describe, expect, it } from 'vitest';
import type { CareEntry } from '../../domain/care.ts';
import { buildCareIndex } from './care-index.ts';
import { contextFeatures } from './features.ts';
import { EMPTY_LEARNER, estimateContext, formatMinutes, learn, PRIOR_STRENGTH, type ContextLearner } from './model.ts';
import { trackRecord, trackRecordSentence, type AnsweredEpisode } from './track-record.ts';
import { agePriorFor, AGE_PRIORS } from './age-priors.ts';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = new Date(2026, 10, 1, 0, 0).getTime();
const BIRTH = '2026-09-15'; // ≈ 47 days old at T0: the 1–3 month band (feeds every 3 h by the prior)

let seq = 0;
function feed(time: number): CareEntry {
  seq += 1;
  return { kind: 'feed', id: `f${seq}`, profileId: 'p', time, method: 'bottle', amountMl: 120, updatedAt: time, deleted: false };
}
function sleep(time: number, endTime: number | null): CareEntry {
  seq += 1;
  return { kind: 'sleep', id: `s${seq}`, profileId: 'p', time, endTime, updatedAt: time, deleted: false };
}
const opts = { babyName: 'Mia', birthDate: BIRTH };

describe('context features', () => {
  it('reports missing entries as null, never 0', () => {
    const f = contextFeatures(buildCareIndex([]), null, T0);
    expect(f.minutesSinceFeed).toBeNull();
    expect(f.minutesAwake).toBeNull();
    expect(f.asleep).toBeNull();
    expect(f.minutesSinceNappy).toBeNull();
    expect(f.ageDays).toBeNull();
  });

  it('reads time since feed, awake time, asleep and age at an instant, ignoring later entries', () => {
    const index = buildCareIndex([feed(T0), sleep(T0 + H, T0 + 2 * H), feed(T0 + 10 * H), sleep(T0 + 3 * H, null)]);
    const f = contextFeatures(index, BIRTH, T0 + 2.5 * H);
    expect(f.minutesSinceFeed).toBe(150);
    expect(f.minutesAwake).toBe(30);
    expect(f.asleep).toBe(false);
    expect(f.ageDays).toBe(47);
    expect(contextFeatures(index, BIRTH, T0 + 4 * H).asleep).toBe(true);
    expect(contextFeatures(index, BIRTH, T0 + 4 * H).minutesAwake).toBeNull();
  });

  it('ignores deleted entries', () => {
    const deleted = { ...feed(T0), deleted: true };
    expect(contextFeatures(buildCareIndex([deleted]), null, T0 + H).minutesSinceFeed).toBeNull();
  });
});

describe('age priors', () => {
  it('cover every age without gaps and carry a source', () => {
    for (let i = 1; i < AGE_PRIORS.length; i += 1) expect(AGE_PRIORS[i]?.fromDays).toBe(AGE_PRIORS[i - 1]?.toDays);
    for (const band of AGE_PRIORS) {
      expect(band.feedSource.length).toBeGreaterThan(0);
      expect(band.wakeSource.length).toBeGreaterThan(0);
      expect(band.feedIntervalMinutes).toBeGreaterThanOrEqual(band.feedIntervalRangeMinutes[0]);
      expect(band.feedIntervalMinutes).toBeLessThanOrEqual(band.feedIntervalRangeMinutes[1]);
    }
    expect(agePriorFor(10).feedIntervalMinutes).toBe(150);
  });
});

describe('context estimate', () => {
  it('an empty log gives "not sure" with the reason "No feeds logged yet"', () => {
    const e = estimateContext(buildCareIndex([]), EMPTY_LEARNER, T0, opts);
    expect(e.notSure).toBe(true);
    expect(e.topNeed).toBeNull();
    expect(e.reason).toBe('No feeds logged yet');
    expect(e.needProbabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('a baby fed every 3 h whose cries 3 h after a feed are answered "hunger" gets "hunger", naming the feed gap', () => {
    // Two days of feeds every 3 h; cries 2 h 55 min after a feed, answered hunger.
    const entries = Array.from({ length: 16 }, (_, i) => feed(T0 + i * 3 * H));
    const index = buildCareIndex(entries);
    const cries: AnsweredEpisode[] = [2, 3, 4, 5, 6].map((k) => ({ id: `c${k}`, startedAt: T0 + k * 3 * H + 175 * MIN, answer: 'hunger' }));
    const record = trackRecord(index, cries, opts);
    const e = estimateContext(index, record.learner, T0 + 10 * 3 * H + 175 * MIN, { ...opts, calibration: record.calibration });
    expect(record.calibration).toEqual({ episodes: 5, weight: 1 });
    expect(e.topNeed).toBe('hunger');
    expect(e.notSure).toBe(false);
    expect(e.rhythm.feedGapFrom).toBe('baby');
    expect(e.rhythm.feedGapMinutes).toBe(180);
    expect(e.reason).toBe('Last feed 2 h 55 min ago — Mia usually feeds about every 3 h');
  });

  it('answers that contradict the age prior move the estimate away from it', () => {
    const index = buildCareIndex(Array.from({ length: 10 }, (_, i) => feed(T0 + i * 3 * H)));
    const t = T0 + 9 * 3 * H + 4 * H; // 4 h after the last feed: the prior says hunger
    const before = estimateContext(index, EMPTY_LEARNER, t, opts);
    expect(before.firstGuess).toBe('hunger');
    let learner: ContextLearner = EMPTY_LEARNER;
    for (let i = 0; i < 6; i += 1) learner = learn(learner, before.bin, 'discomfort');
    const after = estimateContext(index, learner, t, opts);
    expect(after.needProbabilities[0]).toBeGreaterThan(before.needProbabilities[0]);
    expect(after.needProbabilities[1]).toBeLessThan(before.needProbabilities[1]);
    expect(after.firstGuess).toBe('discomfort');
  });

  it('names tiredness from a long wake window', () => {
    const entries = [feed(T0 + 4 * H), sleep(T0, T0 + 4 * H)];
    const e = estimateContext(buildCareIndex(entries), EMPTY_LEARNER, T0 + 4 * H + 150 * MIN, opts);
    expect(e.firstGuess).toBe('tired');
    expect(e.reason).toContain('Awake 2 h 30 min — longer than');
  });

  it('formats durations as a parent reads them', () => {
    expect(formatMinutes(170)).toBe('2 h 50 min');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(180)).toBe('3 h');
  });
});

describe('track record', () => {
  it('never lets an answer into its own judgement', () => {
    // Five cries in five different context bins, all answered "pain", which the prior never
    // favours. Judged before its answer, each is a fresh bin → a miss. If an episode's own answer
    // leaked into its estimate, a weak prior would let it win its bin and score a hit.
    const entries = [feed(T0), sleep(T0 - 2 * H, T0)];
    const index = buildCareIndex(entries);
    const offsets = [10, 60, 120, 180, 300];
    const cries: AnsweredEpisode[] = offsets.map((m, i) => ({ id: `c${i}`, startedAt: T0 + m * MIN, answer: 'pain' }));
    const weak = { ...opts, priorStrength: 0.01 };
    const record = trackRecord(index, cries, weak);
    expect(new Set(record.judged.map((j) => j.estimate.bin)).size).toBe(5);
    expect(record.judged.map((j) => j.answersSeenBefore)).toEqual([0, 1, 2, 3, 4]);
    expect(record.modelHits).toBe(0);
    // The same learner, after the answers, would have named pain every time: leaking would show.
    for (const c of cries) expect(estimateContext(index, record.learner, c.startedAt, weak).firstGuess).toBe('pain');
  });

  it('is shown from 5 answered episodes, beside the repeat-last-answer baseline', () => {
    const index = buildCareIndex(Array.from({ length: 20 }, (_, i) => feed(T0 + i * 3 * H)));
    const cries: AnsweredEpisode[] = Array.from({ length: 5 }, (_, i) => ({ id: `c${i}`, startedAt: T0 + i * 3 * H + 170 * MIN, answer: 'hunger' }));
    expect(trackRecord(index, cries.slice(0, 4), opts).shown).toBe(false);
    const record = trackRecord(index, cries, opts);
    expect(record.shown).toBe(true);
    expect(record.repeatLastHits).toBe(4);
    expect(trackRecordSentence(record, 'Mia')).toBe(
      `For Mia, the first guess matched your answer ${record.modelHits} of the last 5 times; simply repeating your last answer would have matched 4.`,
    );
    expect(PRIOR_STRENGTH).toBeGreaterThan(0);
  });
});
