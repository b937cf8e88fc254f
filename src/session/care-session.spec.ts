import { describe, expect, it } from 'vitest';
import { CareSession, type CareAction } from './care-session.ts';
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

  it('after every tap estimates exactly as a freshly loaded session, learning again when a tap lands before an answered cry', async () => {
    const { care, db } = await session();
    const profileId = (await db.settings.get('activeProfileId'))?.value as string;
    const cryAt = NOW - 60 * MIN;
    const cry = await addEpisode(db, profileId, episodeRecord({ startedAt: cryAt, endedAt: cryAt + 60_000 }), NOW);
    await annotateEpisode(db, cry.id, { note: '', actualReason: 'hunger', whatHelped: '' }, NOW);
    await care.load();
    const taps: [CareAction, number][] = [
      // The first feed, 30 min before the answered cry: the index is updated in place, but the cry moves to another bin.
      [{ kind: 'feed' }, 90],
      [{ kind: 'feed' }, 10],
      [{ kind: 'nappy', content: 'wet' }, 5],
      [{ kind: 'sleep-start' }, 3],
      [{ kind: 'wake' }, 0],
      [{ kind: 'soothe', text: 'rocking' }, 0],
    ];
    for (const [action, minutesAgo] of taps) {
      expect(await care.log(action, minutesAgo)).toBe(true);
      const fresh = new CareSession(() => Promise.resolve(db), () => NOW);
      await fresh.load();
      expect(care.index).toEqual(fresh.index);
      expect(care.estimate(cryAt)).toEqual(fresh.estimate(cryAt));
      expect(care.estimate()).toEqual(fresh.estimate());
    }
  });

  it('logs a bottle with its amount and a "soothed by", edits an entry\'s time and details, and undo puts the old ones back', async () => {
    const { care } = await session();
    expect(await care.log({ kind: 'feed', method: 'bottle', amountMl: 120 }, 0)).toBe(true);
    expect(care.snapshot.lastAction?.label).toBe('Fed (bottle, 120 ml) at 12:00');
    const fed = care.snapshot.entries[0];
    expect(fed).toMatchObject({ kind: 'feed', method: 'bottle', amountMl: 120 });
    expect(await care.log({ kind: 'soothe', text: '  rocking ' }, 0)).toBe(true);
    expect(care.snapshot.entries.find((e) => e.kind === 'soothe')).toMatchObject({ text: 'rocking' });

    expect(await care.edit(fed?.id ?? '', { kind: 'feed', time: NOW - 30 * MIN, method: 'breast-left', amountMl: null })).toBe(true);
    const byId = (id: string | undefined) => care.snapshot.entries.find((e) => e.id === id);
    expect(byId(fed?.id)).toMatchObject({ time: NOW - 30 * MIN, method: 'breast-left', amountMl: null });
    expect(care.estimate(NOW).features.minutesSinceFeed).toBe(30);
    await care.undo();
    expect(byId(fed?.id)).toMatchObject({ time: NOW, method: 'bottle', amountMl: 120 });
  });

  it('refuses a bad edit with the message and keeps the entry as it was', async () => {
    const { care } = await session();
    await care.log({ kind: 'feed' }, 0);
    const id = care.snapshot.entries[0]?.id ?? '';
    expect(await care.edit(id, { kind: 'feed', time: NOW + 60 * MIN, method: 'unspecified', amountMl: null })).toBe(false);
    expect(care.snapshot.error?.message).toMatch(/can't be logged in the future/);
    expect(care.snapshot.entries[0]?.time).toBe(NOW);
    expect(await care.edit(id, { kind: 'feed', time: NOW, method: 'breast-right', amountMl: 60 })).toBe(false);
    expect(care.snapshot.error?.message).toBe('An amount in ml can only be given for a bottle.');
  });

  it('deletes an entry, and undo brings it back', async () => {
    const { care } = await session();
    await care.log({ kind: 'nappy', content: 'wet' }, 0);
    const id = care.snapshot.entries[0]?.id ?? '';
    expect(await care.remove(id)).toBe(true);
    expect(care.snapshot.entries).toEqual([]);
    expect(care.snapshot.lastAction?.label).toBe('Deleted: Nappy (wet) at 12:00');
    await care.undo();
    expect(care.snapshot.entries.map((e) => e.id)).toEqual([id]);
  });

  it('refuses an edit that makes two sleeps overlap, and asks "Still asleep since …?" for a sleep open over 20 h', async () => {
    const { care, db } = await session();
    await care.log({ kind: 'sleep-start' }, 120);
    await care.log({ kind: 'wake' }, 60);
    await care.log({ kind: 'sleep-start' }, 30);
    await care.log({ kind: 'wake' }, 10);
    const [first, second] = care.snapshot.entries;
    expect(await care.edit(second?.id ?? '', { kind: 'sleep', time: NOW - 90 * MIN, endTime: NOW - 10 * MIN })).toBe(false);
    expect(care.snapshot.error?.message).toMatch(/^This sleep overlaps another one, 10:00–11:00/);
    expect(care.snapshot.entries[1]?.time).toBe(NOW - 30 * MIN);
    expect(first?.kind).toBe('sleep');

    // A sleep logged long ago and never ended: the monitor asks instead of counting 21 h asleep.
    const later = new CareSession(() => Promise.resolve(db), () => NOW + 22 * 60 * MIN);
    await later.load();
    await later.log({ kind: 'sleep-start' }, 21 * 60);
    expect(later.snapshot.error?.message).toMatch(/^Still asleep since .*\? That is over 20 h/);
  });
});
