import { describe, expect, it } from 'vitest';
import { ageLabel, parseIsoDate } from './age.ts';
import { localIsoDate } from './local-time.ts';

describe('parseIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2026-02-29')).toBeNull();
    expect(parseIsoDate('2026-13-01')).toBeNull();
    expect(parseIsoDate('26-1-1')).toBeNull();
    expect(parseIsoDate('2026-01-01T00:00')).toBeNull();
  });
});

describe('ageLabel', () => {
  it('says days, then weeks, then months, then years and months', () => {
    expect(ageLabel('2026-11-25', '2026-11-25')).toBe('0 days');
    expect(ageLabel('2026-11-24', '2026-11-25')).toBe('1 day');
    expect(ageLabel('2026-11-12', '2026-11-25')).toBe('13 days');
    expect(ageLabel('2026-11-11', '2026-11-25')).toBe('2 weeks');
    expect(ageLabel('2026-10-01', '2026-11-25')).toBe('7 weeks');
    expect(ageLabel('2026-09-30', '2026-11-25')).toBe('1 month');
    expect(ageLabel('2026-05-26', '2026-11-25')).toBe('5 months');
    expect(ageLabel('2025-11-25', '2026-11-25')).toBe('12 months');
    expect(ageLabel('2024-11-25', '2026-11-25')).toBe('2 years');
    expect(ageLabel('2023-08-10', '2026-11-25')).toBe('3 years 3 months');
  });

  it('gives nothing for a missing, invalid or future birth date', () => {
    expect(ageLabel(null, '2026-11-25')).toBeNull();
    expect(ageLabel('2026-02-30', '2026-11-25')).toBeNull();
    expect(ageLabel('2026-12-01', '2026-11-25')).toBeNull();
  });
});

describe('localIsoDate', () => {
  it('uses the offset to find the local day', () => {
    const lateEveningUtc = Date.UTC(2026, 10, 25, 23, 30);
    expect(localIsoDate(lateEveningUtc, 0)).toBe('2026-11-25');
    expect(localIsoDate(lateEveningUtc, 60)).toBe('2026-11-26');
    expect(localIsoDate(lateEveningUtc, -600)).toBe('2026-11-25');
  });
});
