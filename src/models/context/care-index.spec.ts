import { describe, expect, it } from 'vitest';
import type { CareEntry } from '../../domain/care.ts';
import { buildCareIndex, MAX_RHYTHM_GAP_MINUTES, median, RHYTHM_WINDOW_MS, updateCareIndex, type CareIndex } from './care-index.ts';

const MIN = 60_000;

/** A seeded generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The definition: the median of the usable gaps ending within the window before each feed. */
function naiveFeedMedians(times: readonly number[]): (number | null)[] {
  return times.map((end, i) => {
    const window: number[] = [];
    for (let j = 1; j <= i; j += 1) {
      const t = times[j] as number;
      const gap = (t - (times[j - 1] as number)) / MIN;
      if (t >= end - RHYTHM_WINDOW_MS && gap > 0 && gap <= MAX_RHYTHM_GAP_MINUTES) window.push(gap);
    }
    return median(window);
  });
}

describe('care index rolling medians', () => {
  it('equal the plain median of each 7-day window, with gaps repeated, missing and too long', () => {
    const random = lcg(7);
    const entries: CareEntry[] = [];
    let t = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 900; i += 1) {
      // Mostly 2–4 h, some exact repeats (ties), some 10 h holes (left out), some same-minute doubles.
      const r = random();
      t += (r < 0.1 ? 180 : r < 0.15 ? 600 : r < 0.18 ? 0 : 120 + Math.round(random() * 120)) * MIN;
      entries.push({ kind: 'feed', id: `f${i}`, profileId: 'b', time: t, updatedAt: t, deleted: false, method: 'unspecified', amountMl: null });
    }
    const index = buildCareIndex(entries);
    expect(index.feedGapMedianAt).toEqual(naiveFeedMedians(index.feedTimes));
    expect(index.feedGapCountAt.every((count) => count >= 0)).toBe(true);
  });
});

describe('care index updated one tap at a time', () => {
  it('equals the index rebuilt from the whole log, after every tap of a month of feeds, sleeps, wake-ups, nappies and notes', () => {
    const random = lcg(11);
    const entries: CareEntry[] = [];
    let index: CareIndex = buildCareIndex([]);
    let t = Date.UTC(2026, 0, 1);
    let open: CareEntry | null = null;
    let updated = 0;
    for (let i = 0; i < 1200; i += 1) {
      t += Math.round(random() * (random() < 0.05 ? 600 : 90)) * MIN;
      const r = random();
      let before: CareEntry | null = null;
      let after: CareEntry;
      if (open !== null && r < 0.2) {
        before = open;
        after = { ...open, endTime: t, updatedAt: t };
        entries[entries.indexOf(open)] = after;
        open = null;
      } else {
        const base = { id: `e${i}`, profileId: 'b', time: t, updatedAt: t, deleted: false };
        after =
          r < 0.5
            ? { ...base, kind: 'feed', method: 'unspecified', amountMl: null }
            : r < 0.6 && open === null
              ? { ...base, kind: 'sleep', endTime: null }
              : r < 0.9
                ? { ...base, kind: 'nappy', content: 'wet' }
                : { ...base, kind: 'soothe', text: 'rocking' };
        if (after.kind === 'sleep') open = after;
        entries.push(after);
      }
      const next = updateCareIndex(index, { before, after });
      if (next !== null) updated += 1;
      index = next ?? buildCareIndex(entries);
      expect(index).toEqual(buildCareIndex(entries));
    }
    // Every tap above is the one-tap case: none needed a rebuild.
    expect(updated).toBe(1200);
  });

  it('asks for a rebuild when an entry is back-dated, deleted, or an older sleep is edited', () => {
    const feed = (id: string, time: number): CareEntry => ({ kind: 'feed', id, profileId: 'b', time, updatedAt: time, deleted: false, method: 'unspecified', amountMl: null });
    const t = Date.UTC(2026, 0, 1);
    const index = buildCareIndex([feed('a', t), feed('b', t + 180 * MIN)]);
    expect(updateCareIndex(index, { before: null, after: feed('c', t + 60 * MIN) })).toBeNull();
    expect(updateCareIndex(index, { before: null, after: { ...feed('d', t + 400 * MIN), deleted: true } })).toBeNull();
    const older: CareEntry = { kind: 'sleep', id: 's1', profileId: 'b', time: t, updatedAt: t, deleted: false, endTime: t + 60 * MIN };
    const latest: CareEntry = { kind: 'sleep', id: 's2', profileId: 'b', time: t + 120 * MIN, updatedAt: t, deleted: false, endTime: null };
    const sleeps = buildCareIndex([older, latest]);
    expect(updateCareIndex(sleeps, { before: older, after: { ...older, endTime: t + 90 * MIN } })).toBeNull();
    expect(updateCareIndex(sleeps, { before: latest, after: { ...latest, endTime: t + 200 * MIN } })).toEqual(buildCareIndex([older, { ...latest, endTime: t + 200 * MIN }]));
  });
});
