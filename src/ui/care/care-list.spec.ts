import { describe, expect, it } from 'vitest';
import type { CareEntry } from '../../domain/care.ts';
import { pageOf } from './care-list.ts';
import { fromLocalInput, toLocalInput } from './local-datetime.ts';

const entry = (i: number): CareEntry => ({ kind: 'nappy', id: `n${i}`, profileId: 'b', time: i * 1000, updatedAt: 0, deleted: false, content: 'wet' });

describe('care-log list helpers', () => {
  it('pages newest first without touching the rest of the log', () => {
    const log = Array.from({ length: 120 }, (_, i) => entry(i));
    expect(pageOf(log, 50).map((e) => e.id)).toEqual(Array.from({ length: 50 }, (_, i) => `n${119 - i}`));
    expect(pageOf(log, 500)).toHaveLength(120);
    expect(pageOf([], 50)).toEqual([]);
  });

  it('round-trips a local date-time and refuses dates that do not exist', () => {
    const ms = new Date(2026, 11, 2, 2, 10).getTime();
    expect(toLocalInput(ms)).toBe('2026-12-02T02:10');
    expect(fromLocalInput('2026-12-02T02:10')).toBe(ms);
    expect(fromLocalInput('2026-02-31T02:10')).toBeNull();
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('yesterday')).toBeNull();
  });
});
