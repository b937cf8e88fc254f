import { describe, expect, it } from 'vitest';
import {
  criesByHourOfDay,
  criesPerDay,
  daysBetween,
  durationHistogram,
  MAX_CHART_DAYS,
  needsPerDay,
  realCries,
  summarizePatterns,
} from './patterns.ts';
import type { Need } from '../domain/needs.ts';

const UTC = (): number => 0;
const PLUS_TWO = (): number => 120;

function cry(iso: string, durationSeconds = 60, topNeed: Need | null = 'hunger', notSure = false) {
  return { startedAt: Date.parse(iso), durationSeconds, topNeed, notSure };
}

describe('daysBetween', () => {
  it('lists every day inclusive, across a month end, and caps long ranges', () => {
    expect(daysBetween('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(daysBetween('2026-12-02', '2026-11-29')).toEqual([]);
    expect(daysBetween('2000-01-01', '2026-01-01')).toHaveLength(MAX_CHART_DAYS);
    expect(daysBetween('bad', '2026-01-01')).toEqual([]);
  });
});

describe('criesPerDay', () => {
  it('counts by local day with zero days kept and out-of-range cries ignored', () => {
    const episodes = [cry('2026-11-25T10:00:00Z'), cry('2026-11-25T23:30:00Z'), cry('2026-11-27T01:00:00Z'), cry('2026-12-25T01:00:00Z')];
    expect(criesPerDay(episodes, '2026-11-25', '2026-11-27', UTC)).toEqual([
      { day: '2026-11-25', count: 2 },
      { day: '2026-11-26', count: 0 },
      { day: '2026-11-27', count: 1 },
    ]);
    // At UTC+2 the 23:30 UTC cry belongs to the 26th.
    expect(criesPerDay(episodes, '2026-11-25', '2026-11-27', PLUS_TWO).map((d) => d.count)).toEqual([1, 1, 1]);
  });
});

describe('criesByHourOfDay', () => {
  it('counts by local starting hour', () => {
    const hours = criesByHourOfDay([cry('2026-11-25T02:59:59Z'), cry('2026-11-25T02:00:00Z'), cry('2026-11-25T23:10:00Z')], PLUS_TWO);
    expect(hours).toHaveLength(24);
    expect(hours[4]).toBe(2);
    expect(hours[1]).toBe(1);
    expect(hours.reduce((a, b) => a + b, 0)).toBe(3);
  });
});

describe('durationHistogram', () => {
  it('puts edges in the upper bucket', () => {
    const counts = durationHistogram([cry('2026-11-25T00:00:00Z', 0), cry('2026-11-25T00:00:00Z', 29.9), cry('2026-11-25T00:00:00Z', 30), cry('2026-11-25T00:00:00Z', 3600)]).map((b) => b.count);
    expect(counts).toEqual([2, 1, 0, 0, 0, 1]);
  });
});

describe('needsPerDay', () => {
  it('counts estimates per day, not-sure and no-estimate together', () => {
    const days = needsPerDay(
      [cry('2026-11-25T10:00:00Z', 60, 'pain'), cry('2026-11-25T11:00:00Z', 60, 'hunger', true), cry('2026-11-25T12:00:00Z', 60, null)],
      '2026-11-25',
      '2026-11-25',
      UTC,
    );
    expect(days).toEqual([{ day: '2026-11-25', counts: { discomfort: 0, hunger: 0, pain: 1, tired: 0, notSure: 2 } }]);
  });
});

describe('summarizePatterns', () => {
  it('summarizes in words-ready numbers', () => {
    const episodes = [cry('2026-11-25T03:00:00Z', 30), cry('2026-11-25T03:20:00Z', 90), cry('2026-11-26T15:00:00Z', 300, 'tired')];
    expect(summarizePatterns(episodes, 2, UTC)).toEqual({
      totalCries: 3,
      criesPerDayMean: 1.5,
      busiestHour: 3,
      medianDurationSeconds: 90,
      commonestNeed: 'hunger',
    });
  });

  it('says nothing when there is nothing', () => {
    expect(summarizePatterns([], 7, UTC)).toMatchObject({ totalCries: 0, busiestHour: null, commonestNeed: null });
  });
});

describe('false alarms the parent marked', () => {
  const marked = { ...cry('2026-11-25T10:30:00Z', 600, 'pain'), cryCorrection: 'false-alarm' as const };
  const confirmed = { ...cry('2026-11-25T11:30:00Z', 60, 'hunger'), cryCorrection: 'cry' as const };
  const plain = cry('2026-11-25T11:40:00Z', 60, 'hunger');
  const all = [marked, confirmed, plain];

  it('are left out of every chart and count, while confirmed and unanswered cries stay', () => {
    expect(realCries(all)).toEqual([confirmed, plain]);
    expect(criesPerDay(all, '2026-11-25', '2026-11-25', UTC)).toEqual([{ day: '2026-11-25', count: 2 }]);
    expect(criesByHourOfDay(all, UTC)[10]).toBe(0);
    expect(criesByHourOfDay(all, UTC)[11]).toBe(2);
    expect(durationHistogram(all).find((b) => b.label === '≥ 10 min')?.count).toBe(0);
    expect(needsPerDay(all, '2026-11-25', '2026-11-25', UTC)[0]?.counts.pain).toBe(0);
    const summary = summarizePatterns(all, 1, UTC);
    expect(summary.totalCries).toBe(2);
    expect(summary.commonestNeed).toBe('hunger');
    expect(summary.busiestHour).toBe(11);
  });
});
