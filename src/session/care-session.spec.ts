import { describe, expect, it } from 'vitest';
import { CareSession } from './care-session.ts';
import { freshHistoryDb } from '../../tests/unit/history-fixtures.ts';
import type { HistoryDb } from '../log/db.ts';

const MIN = 60_000;
const NOW = new Date(2026, 10, 25, 12, 0).getTime();

async function session(): Promise<{ care: CareSession; db: HistoryDb }> {
  const db = await freshHistoryDb();
  const care = new CareSession(() => Promise.resolve(db), () => NOW);
  await care.load();
  return { care, db };
}

describe('CareSession', () => {
  it('logs a feed 10 min ago, keeps the index built, and undo takes it back', async () => {
    const { care } = await session();
    expect(care.snapshot.status).toBe('ready');
    expect(care.estimate().reason).toBe('No feeds logged yet');
    expect(await care.log({ kind: 'feed' }, 10)).toBe(true);
    expect(care.snapshot.lastAction?.label).toBe('Fed at 11:50');
    expect(care.index.feedTimes).toEqual([NOW - 10 * MIN]);
    expect(care.estimate().reason).toMatch(/^Last feed 10 min ago/);
    await care.undo();
    expect(care.snapshot.entries).toEqual([]);
    expect(care.index.feedTimes).toEqual([]);
    expect(care.snapshot.lastAction).toBeNull();
  });

  it('toggles sleep, and shows the validation message for a wake-up before the sleep', async () => {
    const { care } = await session();
    await care.log({ kind: 'sleep-start' }, 0);
    expect(care.snapshot.asleep).toBe(true);
    expect(await care.log({ kind: 'wake' }, 10)).toBe(false);
    expect(care.snapshot.error).toEqual({ kind: 'input', message: 'The wake-up time is before the baby fell asleep. Check both times.' });
    expect(care.snapshot.asleep).toBe(true);
    expect(await care.log({ kind: 'wake' }, 0)).toBe(true);
    expect(care.snapshot.asleep).toBe(false);
    expect(care.snapshot.error).toBeNull();
    // Undo of a wake-up reopens the sleep rather than deleting it.
    await care.undo();
    expect(care.snapshot.asleep).toBe(true);
    expect(care.snapshot.entries).toHaveLength(1);
  });

  it('says so when the database cannot be opened', async () => {
    const care = new CareSession(() => Promise.reject(new Error('blocked')), () => NOW);
    await care.load();
    expect(care.snapshot.status).toBe('failed');
    expect(care.snapshot.error?.message).toMatch(/could not be saved or read/);
    expect(await care.log({ kind: 'feed' })).toBe(false);
    expect(care.snapshot.error?.message).toMatch(/not loaded yet/);
  });

  it('reloads the entries from storage (they survive a new session)', async () => {
    const { care, db } = await session();
    await care.log({ kind: 'nappy', content: 'both' });
    const again = new CareSession(() => Promise.resolve(db), () => NOW);
    await again.load();
    expect(again.snapshot.entries.map((e) => e.kind)).toEqual(['nappy']);
  });
});
