import { describe, expect, it } from 'vitest';
import { CareSession } from './care-session.ts';
import { episodeRecord, freshHistoryDb } from '../../tests/unit/history-fixtures.ts';
import { addEpisode, annotateEpisode } from '../log/episodes.ts';
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

  it("learns from the baby's answered episodes, counts a changed answer once, and forgets on request", async () => {
    const { care, db } = await session();
    const profileId = (await db.settings.get('activeProfileId'))?.value as string;
    await care.log({ kind: 'feed' }, 200);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const start = NOW - (150 - i * 10) * MIN;
      const episode = await addEpisode(db, profileId, episodeRecord({ startedAt: start, endedAt: start + 60_000 }), NOW);
      ids.push(episode.id);
    }
    await care.load();
    expect(care.snapshot.answersLearned).toBe(0);
    const annotate = (id: string, actualReason: 'hunger' | 'pain') => annotateEpisode(db, id, { note: '', actualReason, whatHelped: '' }, NOW);
    for (const id of ids) await annotate(id, 'hunger');
    await care.load();
    expect(care.snapshot.answersLearned).toBe(3);
    // Changing an answer replaces it: still three answers, not four.
    await annotate(ids[0] as string, 'pain');
    await care.load();
    expect(care.snapshot.answersLearned).toBe(3);
    // The answers' own context bin (about an hour after a feed) now leans on them.
    const cryTime = NOW - 140 * MIN;
    const learned = care.estimate(cryTime).needProbabilities;

    await care.forget();
    expect(care.snapshot.answersLearned).toBe(0);
    const forgotten = care.estimate(cryTime).needProbabilities;
    expect(forgotten[1]).toBeLessThan(learned[1]);
    expect(forgotten[2]).toBeLessThan(learned[2]);
    // The forget point is stored: a new session does not learn the old answers again.
    const again = new CareSession(() => Promise.resolve(db), () => NOW);
    await again.load();
    expect(again.snapshot.answersLearned).toBe(0);
  });
});
