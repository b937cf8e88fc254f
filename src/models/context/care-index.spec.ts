import { describe, expect, it } from 'vitest';
import type { CareEntry } from '../../domain/care.ts';
import { buildCareIndex, MAX_RHYTHM_GAP_MINUTES, median, RHYTHM_WINDOW_MS } from './care-index.ts';

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
