import { describe, expect, it } from 'vitest';
import type { CareEntry } from '../domain/care.ts';
import { addCareEntry, deleteCareEntry, editCareEntry, listCareEntries, undoDeleteCareEntry } from './care-log.ts';
import { staleOpenSleepQuestion } from '../records/care-validation.ts';
import { createBackup, parseBackup, restoreBackup } from './backup.ts';
import { InputError } from '../records/input-error.ts';
import { freshHistoryDb, profile } from '../../tests/unit/history-fixtures.ts';

const H = 3_600_000;
const NOW = new Date(2026, 10, 25, 12, 0).getTime();
const baby = profile();
const P = baby.id;

describe('care log', () => {
  it('adds, edits, deletes and undoes entries of one baby, in time order', async () => {
    const db = await freshHistoryDb();
    const feed = await addCareEntry(db, { kind: 'feed', profileId: P, time: NOW - 3 * H, method: 'bottle', amountMl: 120 }, NOW);
    await addCareEntry(db, { kind: 'nappy', profileId: P, time: NOW - 4 * H, content: 'wet' }, NOW);
    await addCareEntry(db, { kind: 'nappy', profileId: 'other-baby', time: NOW - H, content: 'dirty' }, NOW);
    expect((await listCareEntries(db, P)).map((e) => e.kind)).toEqual(['nappy', 'feed']);

    const edited = await editCareEntry(db, feed.id, { time: NOW - 10 * 60_000 }, NOW + 1);
    expect(edited.time).toBe(NOW - 10 * 60_000);
    expect(edited.updatedAt).toBe(NOW + 1);
    expect((await listCareEntries(db, P)).map((e) => e.kind)).toEqual(['nappy', 'feed']);

    await deleteCareEntry(db, feed.id, NOW + 2);
    expect((await listCareEntries(db, P)).map((e) => e.kind)).toEqual(['nappy']);
    expect((await db.careEntries.get(feed.id))?.deleted).toBe(true);
    await undoDeleteCareEntry(db, feed.id, NOW + 3);
    expect((await listCareEntries(db, P)).map((e) => e.id)).toContain(feed.id);
    db.close();
  });

  it('refuses a feed in the future with a clear message and stores nothing', async () => {
    const db = await freshHistoryDb();
    await expect(addCareEntry(db, { kind: 'feed', profileId: P, time: NOW + H, method: 'breast-left', amountMl: null }, NOW)).rejects.toThrow(
      /can't be logged in the future/,
    );
    expect(await db.careEntries.count()).toBe(0);
    db.close();
  });

  it('refuses a sleep that ends before it starts, overlapping sleeps, and a sleep open for 20 h', async () => {
    const db = await freshHistoryDb();
    await expect(addCareEntry(db, { kind: 'sleep', profileId: P, time: NOW - H, endTime: NOW - 2 * H }, NOW)).rejects.toThrow(
      'The wake-up time is before the baby fell asleep',
    );
    await addCareEntry(db, { kind: 'sleep', profileId: P, time: NOW - 3 * H, endTime: NOW - 2 * H }, NOW);
    await expect(addCareEntry(db, { kind: 'sleep', profileId: P, time: NOW - 2.5 * H, endTime: NOW - H }, NOW)).rejects.toThrow(
      /overlaps another one/,
    );
    const stale = addCareEntry(db, { kind: 'sleep', profileId: P, time: NOW - 21 * H, endTime: null }, NOW);
    await expect(stale).rejects.toBeInstanceOf(InputError);
    await expect(addCareEntry(db, { kind: 'sleep', profileId: P, time: NOW - 21 * H, endTime: null }, NOW)).rejects.toThrow(/^Still asleep since/);
    expect(await db.careEntries.count()).toBe(1);
    db.close();
  });

  it('asks "Still asleep since …?" about a sleep left open for over 20 h', () => {
    const open: CareEntry = { kind: 'sleep', id: 's', profileId: P, time: new Date(2026, 10, 25, 2, 10).getTime(), endTime: null, updatedAt: 0, deleted: false };
    expect(staleOpenSleepQuestion([open], open.time + 19 * H)).toBeNull();
    expect(staleOpenSleepQuestion([open], open.time + 21 * H)).toMatch(/^Still asleep since (\w+ )?02:10\?$/);
  });
});

describe('care log in backups', () => {
  it('round-trips, merges by newest change like episodes, and keeps tombstones', async () => {
    const db = await freshHistoryDb();
    await db.profiles.add(baby);
    const feed = await addCareEntry(db, { kind: 'feed', profileId: P, time: NOW - H, method: 'bottle', amountMl: 90 }, NOW);
    const backup = parseBackup(JSON.stringify(await createBackup(db, NOW)));
    expect(backup.careEntries).toEqual([feed]);

    const phone2 = await freshHistoryDb();
    expect((await restoreBackup(phone2, backup, 'merge')).care).toEqual({ careEntriesAdded: 1, careEntriesUpdated: 0, careEntriesUnchanged: 0, careEntriesRejected: 0 });
    await deleteCareEntry(phone2, feed.id, NOW + 5);
    // The older copy from phone 1 does not bring the deleted feed back.
    expect((await restoreBackup(phone2, backup, 'merge')).care?.careEntriesUnchanged).toBe(1);
    expect(await listCareEntries(phone2, P)).toEqual([]);
    db.close();
    phone2.close();
  });

  it('rejects malformed care entries one by one, keeps the rest, and reports the count', async () => {
    const good = { kind: 'nappy', id: 'n1', profileId: P, time: NOW, content: 'wet', updatedAt: NOW, deleted: false };
    const file = {
      format: 'crydecode-backup',
      version: 1,
      exportedAt: new Date(NOW).toISOString(),
      profiles: [baby],
      episodes: [],
      careEntries: [
        good,
        { ...good, id: 'n2', content: 'green' },
        { kind: 'sleep', id: 's1', profileId: P, time: NOW, endTime: NOW - H, updatedAt: NOW, deleted: false },
        { ...good, id: 'n3', profileId: 'someone-else' },
        'not an entry',
        { ...good, id: 'n4', time: NOW - H },
      ],
    };
    const backup = parseBackup(JSON.stringify(file));
    expect(backup.careEntries?.map((e) => e.id)).toEqual(['n1', 'n4']);
    expect(backup.careEntriesRejected).toHaveLength(4);
    expect(backup.careEntriesRejected?.[0]).toMatch(/^Care entry 2, nappy: expected one of wet, dirty, both/);
    expect(backup.careEntriesRejected?.[1]).toContain('before the baby fell asleep');
    const db = await freshHistoryDb();
    const summary = await restoreBackup(db, backup, 'copy');
    expect(summary.care).toEqual({ careEntriesAdded: 2, careEntriesUpdated: 0, careEntriesUnchanged: 0, careEntriesRejected: 4 });
    const [restoredBaby] = await db.profiles.toArray();
    expect((await db.careEntries.toArray()).every((e) => e.profileId === restoredBaby?.id)).toBe(true);
    db.close();
  });
});
