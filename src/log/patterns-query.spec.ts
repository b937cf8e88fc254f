import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { NEEDS } from '../domain/needs.ts';
import { episode, freshHistoryDb, profile } from '../../tests/unit/history-fixtures.ts';
import { criesByHourOfDay, criesPerDay, durationHistogram, needsPerDay, PatternAccumulator, summarizePatterns } from './patterns.ts';
import { aggregatePatterns } from './patterns-query.ts';
import type { Episode } from './types.ts';

const UTC = (): number => 0;
const DAY_MS = 24 * 60 * 60 * 1000;
const FROM = Date.UTC(2025, 11, 1);
const FROM_DAY = '2025-12-01';
const TO_DAY = '2026-11-30';
/**
 * 365 days at 60 cries a day: 21 900 in the year, past the old 20 000 cap (which made it 54.8 a
 * day and left the newest month empty). Not the 273 a day of the report: fake-indexeddb writes
 * about a thousand records a second, and the cap is crossed either way.
 */
const CRIES_PER_DAY = 60;
const DAYS = 365;

/** Cry `n` of the year: spread over each day, lengths and needs varying so every chart has shape. */
function yearCry(n: number): Episode {
  const day = Math.floor(n / CRIES_PER_DAY);
  const within = n % CRIES_PER_DAY;
  const startedAt = FROM + day * DAY_MS + Math.floor((within * DAY_MS) / CRIES_PER_DAY);
  const durationSeconds = 10 + ((n * 37) % 700);
  return episode({
    id: `e${String(n).padStart(7, '0')}-0000-4000-8000-000000000000`,
    startedAt,
    endedAt: startedAt + durationSeconds * 1000,
    durationSeconds,
    topNeed: NEEDS[n % NEEDS.length] ?? 'hunger',
    notSure: n % 5 === 0,
  });
}

describe('aggregatePatterns', () => {
  it('counts every cry of a year, not the oldest 20 000: 60 a day, the newest days included', async () => {
    const db = await freshHistoryDb();
    await db.profiles.add(profile());
    const all = Array.from({ length: CRIES_PER_DAY * DAYS }, (_, n) => yearCry(n));
    await db.episodes.bulkAdd(all);
    const filter = { profileId: profile().id, fromMs: FROM, toMs: FROM + DAYS * DAY_MS };
    const patterns = await aggregatePatterns(db, filter, FROM_DAY, TO_DAY, UTC);
    expect(patterns).not.toBeNull();
    expect(patterns?.summary.totalCries).toBe(21_900);
    expect(patterns?.summary.criesPerDayMean).toBeCloseTo(60, 6);
    expect(patterns?.perDay).toHaveLength(365);
    expect(patterns?.perDay.every((d) => d.count === CRIES_PER_DAY)).toBe(true);
    // The newest day is counted too (a capped read from the oldest would leave it empty).
    expect(patterns?.perDay.at(-1)).toEqual({ day: TO_DAY, count: CRIES_PER_DAY });
    // The same numbers as the whole-array functions give.
    expect(patterns?.byHour).toEqual(criesByHourOfDay(all, UTC));
    expect(patterns?.durations).toEqual(durationHistogram(all));
    expect(patterns?.needs).toEqual(needsPerDay(all, FROM_DAY, TO_DAY, UTC));
    expect(patterns?.summary).toEqual(summarizePatterns(all, 365, UTC));
    db.close();
  }, 60_000);

  it('stops when a newer range is wanted', async () => {
    const db = await freshHistoryDb();
    await db.episodes.bulkAdd(Array.from({ length: 600 }, (_, n) => yearCry(n)));
    const filter = { profileId: null, fromMs: FROM, toMs: FROM + DAYS * DAY_MS };
    expect(await aggregatePatterns(db, filter, FROM_DAY, TO_DAY, UTC, () => false)).toBeNull();
    db.close();
  });
});

describe('PatternAccumulator', () => {
  it('matches the array functions on a small mixed set, and says nothing for nothing', () => {
    const cries = [yearCry(0), yearCry(1), yearCry(300), yearCry(301), yearCry(302)];
    const accumulator = new PatternAccumulator(FROM_DAY, '2025-12-03', UTC);
    for (const cry of cries) accumulator.add(cry);
    expect(accumulator.result()).toEqual({
      perDay: criesPerDay(cries, FROM_DAY, '2025-12-03', UTC),
      byHour: criesByHourOfDay(cries, UTC),
      durations: durationHistogram(cries),
      needs: needsPerDay(cries, FROM_DAY, '2025-12-03', UTC),
      summary: summarizePatterns(cries, 3, UTC),
    });
    expect(new PatternAccumulator(FROM_DAY, FROM_DAY, UTC).result().summary).toEqual(summarizePatterns([], 1, UTC));
  });
});
