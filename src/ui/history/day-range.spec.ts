import { describe, expect, it } from 'vitest';
import { filterForDays, isoDaysBefore, todayIso } from './day-range.ts';

const HOUR_MS = 3_600_000;

describe('day ranges', () => {
  it('steps back over month and year ends', () => {
    expect(isoDaysBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(isoDaysBefore('2026-01-03', 28)).toBe('2025-12-06');
    expect(isoDaysBefore('2026-01-03', -1)).toBe('2026-01-04');
  });

  it('covers whole local days, both ends included', () => {
    const filter = filterForDays('baby', '2026-11-24', '2026-11-25');
    expect(filter).not.toBeNull();
    if (!filter) return;
    // Two local days: 48 hours, give or take one for a DST change.
    expect(Math.abs(filter.toMs + 1 - filter.fromMs - 48 * HOUR_MS)).toBeLessThanOrEqual(HOUR_MS);
    expect(todayIso(filter.fromMs)).toBe('2026-11-24');
    expect(todayIso(filter.toMs)).toBe('2026-11-25');
    expect(todayIso(filter.toMs + 1)).toBe('2026-11-26');
  });

  it('refuses backwards or invalid ranges', () => {
    expect(filterForDays(null, '2026-11-26', '2026-11-25')).toBeNull();
    expect(filterForDays(null, '', '2026-11-25')).toBeNull();
    expect(filterForDays(null, '2026-02-30', '2026-03-01')).toBeNull();
  });
});
