import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { CURRENT_SCHEMA_VERSION, DB_NAME, openHistoryDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, type EpisodeV1 } from './db.ts';
import { correctEpisode, readLearnedSounds, saveSoundEmbeddings } from './cry-corrections.ts';
import { realCries } from './patterns.ts';
import { validateEpisode } from '../records/episode-validation.ts';
import { StorageError } from './storage-error.ts';
import type { CareEntry } from '../domain/care.ts';
import { episodeRecord, freshHistoryDb, profile } from '../../tests/unit/history-fixtures.ts';

describe('history database schema', () => {
  it('opens at the current version with the five tables (the unused windows table gone)', async () => {
    const db = await freshHistoryDb();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.tables.map((table) => table.name).sort()).toEqual(['careEntries', 'cryEmbeddings', 'episodes', 'profiles', 'settings']);
    expect(db.name).toBe(DB_NAME);
    db.close();
  });

  it('indexes episodes by baby and start time for range reads', async () => {
    const db = await freshHistoryDb();
    const indexNames = db.episodes.schema.indexes.map((index) => index.name);
    expect(indexNames).toContain('[profileId+startedAt+id]');
    expect(indexNames).toContain('[startedAt+id]');
    db.close();
  });
});

describe('upgrade from version 1', () => {
  it('keeps every profile, episode and setting written by version 1 (windows are dropped)', async () => {
    const indexedDB = new IDBFactory();
    const v1 = new Dexie(DB_NAME, { indexedDB, IDBKeyRange });
    v1.version(1).stores(SCHEMA_V1);
    const oldProfile = profile();
    const v1Episode: EpisodeV1 = {
      ...episodeRecord(),
      id: 'e0000000-0000-4000-8000-000000000001',
      profileId: oldProfile.id,
      note: 'fed at 3',
      updatedAt: Date.UTC(2026, 10, 25, 2, 16),
    };
    const oldWindow = { sessionId: 's1', profileId: oldProfile.id, time: 1000, cryProbability: 0.7, needProbabilities: null };
    await v1.table('profiles').add(oldProfile);
    await v1.table('episodes').add(v1Episode);
    await v1.table('windows').add(oldWindow);
    await v1.table('settings').put({ key: 'activeProfileId', value: oldProfile.id });
    v1.close();

    const db = await openHistoryDb({ indexedDB, IDBKeyRange });
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.profiles.toArray()).toEqual([oldProfile]);
    expect(await db.episodes.toArray()).toEqual([{ ...v1Episode, actualReason: null, whatHelped: '' }]);
    expect(db.tables.map((table) => table.name)).not.toContain('windows');
    expect(await db.settings.get('activeProfileId')).toEqual({ key: 'activeProfileId', value: oldProfile.id });
    // The new index works on upgraded rows.
    const byBaby = await db.episodes
      .where('[profileId+startedAt+id]')
      .between([oldProfile.id, 0, Dexie.minKey], [oldProfile.id, Number.MAX_SAFE_INTEGER, Dexie.maxKey])
      .toArray();
    expect(byBaby.map((row) => row.id)).toEqual([v1Episode.id]);
    db.close();
  });
});

describe('upgrade from version 2 (the care log arrives)', () => {
  it('keeps every profile, episode and setting written by version 2, with an empty care log', async () => {
    const indexedDB = new IDBFactory();
    const v2 = new Dexie(DB_NAME, { indexedDB, IDBKeyRange });
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    const oldProfile = profile();
    const episodes = [1, 2, 3].map((n) => ({
      ...episodeRecord({ startedAt: Date.UTC(2026, 10, 25, n), endedAt: Date.UTC(2026, 10, 25, n, 1) }),
      id: `e0000000-0000-4000-8000-00000000000${n}`,
      profileId: oldProfile.id,
      note: `note ${n}`,
      actualReason: n === 2 ? ('hunger' as const) : null,
      whatHelped: n === 2 ? 'a feed' : '',
      updatedAt: Date.UTC(2026, 10, 25, n, 5),
    }));
    const oldWindow = { sessionId: 's1', profileId: oldProfile.id, time: 1000, cryProbability: 0.7, needProbabilities: null };
    await v2.table('profiles').add(oldProfile);
    await v2.table('episodes').bulkAdd(episodes);
    await v2.table('windows').add(oldWindow);
    await v2.table('settings').put({ key: 'activeProfileId', value: oldProfile.id });
    await v2.table('settings').put({ key: 'persistResult', value: 'granted' });
    v2.close();

    const db = await openHistoryDb({ indexedDB, IDBKeyRange });
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.profiles.toArray()).toEqual([oldProfile]);
    expect(await db.episodes.orderBy('startedAt').toArray()).toEqual(episodes);
    expect(await db.settings.toArray()).toHaveLength(2);
    expect(await db.careEntries.count()).toBe(0);
    const nappy: CareEntry = { kind: 'nappy', id: 'n1', profileId: oldProfile.id, time: 5, content: 'wet', updatedAt: 5, deleted: false };
    await db.careEntries.add(nappy);
    expect(await db.careEntries.where('[profileId+time]').between([oldProfile.id, 0], [oldProfile.id, 10]).count()).toBe(1);
    db.close();
  });
});

describe('upgrade from version 3 (corrections arrive, the windows table goes)', () => {
  it('keeps every profile, episode, care entry and setting written by version 3; old episodes can be corrected', async () => {
    const indexedDB = new IDBFactory();
    const v3 = new Dexie(DB_NAME, { indexedDB, IDBKeyRange });
    v3.version(1).stores(SCHEMA_V1);
    v3.version(2).stores(SCHEMA_V2);
    v3.version(3).stores(SCHEMA_V3);
    const oldProfile = profile();
    const episodes = [1, 2].map((n) => ({
      ...episodeRecord({ startedAt: Date.UTC(2026, 10, 25, n), endedAt: Date.UTC(2026, 10, 25, n, 1) }),
      id: `e0000000-0000-4000-8000-00000000000${n}`,
      profileId: oldProfile.id,
      note: `note ${n}`,
      actualReason: n === 2 ? ('pain' as const) : null,
      whatHelped: '',
      updatedAt: Date.UTC(2026, 10, 25, n, 5),
    }));
    const feed: CareEntry = { kind: 'feed', id: 'f1', profileId: oldProfile.id, time: Date.UTC(2026, 10, 25, 1), method: 'bottle', amountMl: 90, updatedAt: 7, deleted: false };
    await v3.table('profiles').add(oldProfile);
    await v3.table('episodes').bulkAdd(episodes);
    await v3.table('windows').add({ sessionId: 's1', profileId: oldProfile.id, time: 1000, cryProbability: 0.7, needProbabilities: null });
    await v3.table('careEntries').add(feed);
    await v3.table('settings').bulkPut([
      { key: 'activeProfileId', value: oldProfile.id },
      { key: 'alertSettings', value: { sensitivity: 'balanced', delaySeconds: 30 } },
      { key: 'contextForgottenAt', value: { [oldProfile.id]: 5 } },
    ]);
    v3.close();

    const db = await openHistoryDb({ indexedDB, IDBKeyRange });
    expect(db.verno).toBe(4);
    expect(db.tables.map((table) => table.name).sort()).toEqual(['careEntries', 'cryEmbeddings', 'episodes', 'profiles', 'settings']);
    expect(await db.profiles.toArray()).toEqual([oldProfile]);
    const upgraded = await db.episodes.orderBy('startedAt').toArray();
    expect(upgraded).toEqual(episodes);
    // An episode stored before corrections existed is a valid episode (e.g. in a backup) and counts as a cry.
    expect(validateEpisode(upgraded[0])).toEqual(episodes[0]);
    expect(realCries(upgraded)).toHaveLength(2);
    expect(await db.careEntries.toArray()).toEqual([feed]);
    expect(await db.settings.toArray()).toHaveLength(3);
    expect(await db.cryEmbeddings.count()).toBe(0);

    // The new table works on the upgraded database: an old episode marked as a false alarm stays, flagged.
    await saveSoundEmbeddings(db, { id: episodes[0]?.id ?? '', episodeId: episodes[0]?.id ?? null, modelVersion: 'audio@1', embeddings: [[1, 0, 0]], correction: null }, 10);
    const { episode, learned } = await correctEpisode(db, episodes[0]?.id ?? '', 'false-alarm', 20);
    expect(learned).toBe(true);
    expect(episode.cryCorrection).toBe('false-alarm');
    expect(await db.episodes.count()).toBe(2);
    expect(realCries(await db.episodes.toArray()).map((e) => e.id)).toEqual([episodes[1]?.id]);
    expect((await readLearnedSounds(db, 'audio@1')).map((s) => s.id)).toEqual([episodes[0]?.id]);
    db.close();
  });
});

describe('opening when storage is unavailable', () => {
  it('gives a human StorageError when there is no IndexedDB at all', async () => {
    const missing = { open: () => { throw new DOMException('IndexedDB is disabled', 'InvalidStateError'); } };
    const failure = await openHistoryDb({ indexedDB: missing, IDBKeyRange, name: 'no-idb' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).kind).toBe('unavailable');
    expect((failure as StorageError).message).toMatch(/not being saved/);
  });
});
