import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  createBackup,
  deleteAllData,
  mergeEpisode,
  parseBackup,
  previewRestore,
  readBackupFile,
  readBackupText,
  restoreBackup,
  RestoreStoppedError,
  RESTORE_CHUNK_RECORDS,
  MAX_BACKUP_BYTES,
  type Backup,
} from './backup.ts';
import { InputError } from '../records/input-error.ts';
import { addEpisode, annotateEpisode } from './episodes.ts';
import { createProfile, ensureActiveProfile } from './profiles.ts';
import type { HistoryDb } from './db.ts';
import type { Episode } from './types.ts';
import { saveSoundEmbeddings } from './cry-corrections.ts';
import { episode, episodeRecord, freshHistoryDb, profile } from '../../tests/unit/history-fixtures.ts';

const NOW = Date.UTC(2026, 10, 25, 12);
const TODAY = '2026-11-25';

function validBackup(overrides: Partial<Backup> = {}): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(NOW).toISOString(),
    profiles: [profile()],
    episodes: [episode()],
    ...overrides,
  };
}

async function snapshot(db: HistoryDb): Promise<unknown> {
  return {
    profiles: await db.profiles.toArray(),
    episodes: await db.episodes.toArray(),
    settings: await db.settings.toArray(),
  };
}

/** Restores `text` into a database holding some history, expecting a rejection that changes nothing. */
async function expectRejectedWithoutChange(text: string, message: RegExp): Promise<void> {
  const db = await freshHistoryDb();
  const baby = await ensureActiveProfile(db, NOW);
  await addEpisode(db, baby.id, episodeRecord(), NOW);
  const before = await snapshot(db);
  const attempt = (async () => restoreBackup(db, parseBackup(text), 'merge'))();
  await expect(attempt).rejects.toBeInstanceOf(InputError);
  await expect(attempt).rejects.toThrow(message);
  expect(await snapshot(db)).toEqual(before);
}

describe('parseBackup rejects bad files with a clear message and changes nothing', () => {
  const good = JSON.stringify(validBackup());
  const cases: [string, string, RegExp][] = [
    ['truncated JSON', good.slice(0, good.length / 2), /not valid JSON .*incomplete/],
    ['empty file', '', /not valid JSON/],
    ['some other JSON', '{"name":"shopping list"}', /not a CryDecode backup/],
    ['a JSON list', '[1,2,3]', /not a CryDecode backup/],
    ['wrong format name', JSON.stringify({ ...validBackup(), format: 'other-app' }), /not a CryDecode backup/],
    ['newer version', JSON.stringify({ ...validBackup(), version: 99 }), /newer version of CryDecode/],
    ['version zero', JSON.stringify({ ...validBackup(), version: 0 }), /Backup version/],
    ['episodes not a list', JSON.stringify({ ...validBackup(), episodes: 'lots' }), /Cries: expected a list/],
    ['string number', JSON.stringify(validBackup({ episodes: [{ ...episode(), durationSeconds: '90' } as unknown as ReturnType<typeof episode>] })), /Cry 1, duration: expected a number/],
    ['probability out of range', JSON.stringify(validBackup({ episodes: [episode({ peakCryProbability: 7 })] })), /Cry 1, peak cry probability: 7 is outside/],
    ['probabilities not summing to 1', JSON.stringify(validBackup({ episodes: [episode({ needProbabilities: [0.9, 0.9, 0, 0] })] })), /do not add up to 1/],
    ['unknown need', JSON.stringify(validBackup({ episodes: [{ ...episode(), topNeed: 'boredom' } as unknown as ReturnType<typeof episode>] })), /top need: expected one of/],
    ['ends before start', JSON.stringify(validBackup({ episodes: [episode({ endedAt: episode().startedAt - 1000 })] })), /ends before it starts/],
    ['overlong number (1e400)', good.replace('"durationSeconds":90', '"durationSeconds":1e400'), /Cry 1, duration: expected a finite number, found Infinity/],
    ['birth date in 2999, which the form refuses', JSON.stringify(validBackup({ profiles: [profile({ birthDate: '2999-01-01' })] })), /Baby 1: The birth date cannot be in the future/],
    ['a cry in year 9999+', JSON.stringify(validBackup({ episodes: [episode({ startedAt: Date.UTC(9999, 0, 1), endedAt: Date.UTC(9999, 0, 1, 0, 2) })] })), /Cry 1, start time: 9999-01-01 is not a date between 2000 and 2100/],
    ['a cry at time 0 (1970)', JSON.stringify(validBackup({ episodes: [episode({ startedAt: 0 })] })), /Cry 1, start time: 1970-01-01 is not a date between 2000 and 2100/],
    ['huge note', JSON.stringify(validBackup({ episodes: [episode({ note: 'x'.repeat(1_000_000) })] })), /note: is longer than 2000/],
    ['huge name', JSON.stringify(validBackup({ profiles: [profile({ name: 'n'.repeat(10_000) })] })), /Baby 1, name: is longer/],
    ['invalid birth date', JSON.stringify(validBackup({ profiles: [profile({ birthDate: '2026-02-30' })] })), /birth date: is not a valid/],
    ['orphan episode', JSON.stringify(validBackup({ episodes: [episode({ profileId: 'nobody' })] })), /belongs to a baby that is not in the file/],
    ['duplicate episode', JSON.stringify(validBackup({ episodes: [episode(), episode()] })), /Cry 2: appears twice/],
    ['unknown field', JSON.stringify(validBackup({ episodes: [{ ...episode(), extra: 1 } as unknown as ReturnType<typeof episode>] })), /unexpected field "extra"/],
    ['__proto__ at the top', good.replace('{', '{"__proto__":{"polluted":true},'), /forbidden key "__proto__"/],
    ['__proto__ in an episode', good.replace('"note":""', '"note":"","__proto__":{"isAdmin":true}'), /Cry 1: contains the forbidden key "__proto__"/],
    ['__proto__ in model versions', good.replace('"modelVersions":{', '"modelVersions":{"__proto__":"x",'), /forbidden key "__proto__"/],
    ['constructor key', good.replace('"name":"Ada"', '"name":"Ada","constructor":{}'), /forbidden key "constructor"/],
  ];

  for (const [name, text, message] of cases) {
    it(name, async () => {
      await expectRejectedWithoutChange(text, message);
    });
  }

  it('a valid file in the same form is accepted (so the cases above fail for their own reason)', () => {
    expect(parseBackup(good)).toEqual(validBackup());
  });

  it('does not pollute Object.prototype', () => {
    expect(() => parseBackup(good.replace('{', '{"__proto__":{"polluted":true},'))).toThrow(InputError);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses an oversized file before reading it', async () => {
    const huge = { size: MAX_BACKUP_BYTES + 1, text: () => Promise.reject(new Error('must not be read')) } as unknown as Blob;
    await expect(readBackupFile(huge)).rejects.toThrow(/too large/);
  });
});

describe('backup and restore', () => {
  async function phoneWithHistory(): Promise<{ db: HistoryDb; backup: Backup }> {
    const db = await freshHistoryDb();
    const ada = await createProfile(db, { name: 'Ada', birthDate: '2026-09-01' }, NOW, TODAY);
    const first = await addEpisode(db, ada.id, episodeRecord(), NOW);
    await annotateEpisode(db, first.id, { note: 'fed', actualReason: 'hunger', whatHelped: 'bottle' }, NOW + 1);
    await addEpisode(db, ada.id, episodeRecord({ startedAt: NOW, endedAt: NOW + 5000 }), NOW);
    return { db, backup: await createBackup(db, NOW) };
  }

  it('round-trips through JSON into an empty phone exactly', async () => {
    const { backup } = await phoneWithHistory();
    const parsed = parseBackup(JSON.stringify(backup));
    expect(parsed).toEqual(backup);
    const other = await freshHistoryDb();
    const summary = await restoreBackup(other, parsed, 'merge');
    expect(summary).toEqual({ profilesAdded: 1, episodesAdded: 2, episodesUpdated: 0, episodesUnchanged: 0 });
    expect(await createBackup(other, NOW)).toEqual(backup);
  });

  it('merge does not duplicate cries and keeps the more recently edited copy', async () => {
    const { db, backup } = await phoneWithHistory();
    const [older, newer] = backup.episodes;
    if (!older || !newer) throw new Error('fixture needs two episodes');
    const localEdit = await annotateEpisode(db, older.id, { note: 'local edit', actualReason: 'hunger', whatHelped: 'bottle' }, NOW + 10);
    const incoming: Backup = {
      ...backup,
      episodes: [
        { ...older, note: 'stale remote', updatedAt: NOW + 5 },
        { ...newer, note: 'newer remote', updatedAt: NOW + 20 },
      ],
    };
    const summary = await restoreBackup(db, incoming, 'merge');
    expect(summary).toEqual({ profilesAdded: 0, episodesAdded: 0, episodesUpdated: 1, episodesUnchanged: 1 });
    expect(await db.episodes.count()).toBe(2);
    expect((await db.episodes.get(older.id))?.note).toBe(localEdit.note);
    expect((await db.episodes.get(newer.id))?.note).toBe('newer remote');
  });

  it('copy restores into fresh babies with new ids, leaving existing history alone', async () => {
    const { db, backup } = await phoneWithHistory();
    const before = await snapshot(db);
    const summary = await restoreBackup(db, backup, 'copy');
    expect(summary).toEqual({ profilesAdded: 1, episodesAdded: 2, episodesUpdated: 0, episodesUnchanged: 0 });
    const profiles = await db.profiles.toArray();
    expect(profiles.map((p) => p.name).sort()).toEqual(['Ada', 'Ada (restored)']);
    const restored = profiles.find((p) => p.name === 'Ada (restored)');
    const restoredEpisodes = await db.episodes.where('profileId').equals(restored?.id ?? '').toArray();
    expect(restoredEpisodes).toHaveLength(2);
    expect(restoredEpisodes.map((e) => e.note).sort()).toEqual(['', 'fed']);
    expect(restoredEpisodes.some((e) => backup.episodes.some((b) => b.id === e.id))).toBe(false);
    const after = (await snapshot(db)) as { episodes: unknown[] };
    expect(after.episodes).toEqual(expect.arrayContaining((before as { episodes: unknown[] }).episodes));
  });

  it('delete all removes every baby, cry, correction and setting', async () => {
    const { db } = await phoneWithHistory();
    await ensureActiveProfile(db, NOW);
    await saveSoundEmbeddings(db, { id: 'e1', episodeId: 'e1', modelVersion: 'audio@test', embeddings: [[1, 0]], correction: 'false-alarm' }, NOW);
    await deleteAllData(db);
    const counts = await Promise.all([db.profiles.count(), db.episodes.count(), db.cryEmbeddings.count(), db.settings.count()]);
    expect(counts).toEqual([0, 0, 0, 0]);
  });
});

describe('a backup cannot wipe notes written here', () => {
  const YEAR_275760 = 8.64e15;

  async function phoneWithNotes(count: number): Promise<{ db: HistoryDb; ids: string[] }> {
    const db = await freshHistoryDb();
    const ada = await createProfile(db, { name: 'Ada', birthDate: '2026-09-01' }, NOW, TODAY);
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const added = await addEpisode(db, ada.id, episodeRecord({ startedAt: NOW - (i + 1) * 60_000, endedAt: NOW - i * 60_000 - 1000 }), NOW);
      await annotateEpisode(db, added.id, { note: `note ${i}`, actualReason: 'tired', whatHelped: 'rocking' }, NOW + 1);
      ids.push(added.id);
    }
    return { db, ids };
  }

  /** The same cries with every note emptied and a last-change time far in the future. */
  async function emptyNotesFromTheFuture(db: HistoryDb, updatedAt: number): Promise<string> {
    const backup = await createBackup(db, NOW);
    return JSON.stringify({
      ...backup,
      episodes: backup.episodes.map((e) => ({ ...e, note: '', actualReason: null, whatHelped: '', updatedAt })),
    });
  }

  it('sets a last-change time later than tomorrow back to the time of reading and says how many', async () => {
    const { db } = await phoneWithNotes(2);
    const text = await emptyNotesFromTheFuture(db, YEAR_275760);
    expect(parseBackup(text, NOW).episodes.map((e) => e.updatedAt)).toEqual([NOW, NOW]);
    expect(readBackupText(text, NOW).futureTimesClamped).toBe(2);
    const slightlyAhead = await emptyNotesFromTheFuture(db, NOW + 60 * 60 * 1000);
    expect(readBackupText(slightlyAhead, NOW).futureTimesClamped).toBe(0);
  });

  it('a backup with empty notes and future times keeps all 6 local notes, on this merge and the next', async () => {
    const { db, ids } = await phoneWithNotes(6);
    const text = await emptyNotesFromTheFuture(db, YEAR_275760);
    for (const at of [NOW + 1000, NOW + 10 * 24 * 60 * 60 * 1000]) {
      const summary = await restoreBackup(db, parseBackup(text, at), 'merge');
      expect(summary).toEqual({ profilesAdded: 0, episodesAdded: 0, episodesUpdated: 0, episodesUnchanged: 6 });
      const notes = (await db.episodes.bulkGet(ids)).map((e) => [e?.note, e?.actualReason, e?.whatHelped]);
      expect(notes).toEqual(ids.map((_, i) => [`note ${i}`, 'tired', 'rocking']));
    }
  });

  it('merges field by field: a newer copy fills empty fields and updates filled ones, never empties one', async () => {
    const { db, ids } = await phoneWithNotes(1);
    const [id] = ids;
    if (id === undefined) throw new Error('fixture needs an episode');
    await annotateEpisode(db, id, { note: 'local note', actualReason: null, whatHelped: '' }, NOW + 2);
    const backup = await createBackup(db, NOW);
    const incoming: Backup = {
      ...backup,
      episodes: backup.episodes.map((e) => ({ ...e, note: '', actualReason: 'hunger', whatHelped: 'bottle', updatedAt: NOW + 50 })),
    };
    const summary = await restoreBackup(db, incoming, 'merge');
    expect(summary.episodesUpdated).toBe(1);
    expect(await db.episodes.get(id)).toMatchObject({ note: 'local note', actualReason: 'hunger', whatHelped: 'bottle', updatedAt: NOW + 50 });
  });

  it('the preview counts new cries, updated notes and kept ones without writing anything', async () => {
    const { db, ids } = await phoneWithNotes(3);
    const backup = await createBackup(db, NOW);
    const [first] = backup.episodes;
    if (!first) throw new Error('fixture needs episodes');
    const incoming: Backup = {
      ...backup,
      episodes: [
        { ...first, note: 'changed remotely', updatedAt: NOW + 100 },
        ...backup.episodes.slice(1),
        episode({ id: 'e0000000-0000-4000-8000-00000000000f', profileId: first.profileId }),
      ],
    };
    const before = await snapshot(db);
    const expected = { profilesAdded: 0, episodesAdded: 1, episodesUpdated: 1, episodesUnchanged: 2 };
    expect(await previewRestore(db, incoming, 'merge')).toEqual(expected);
    expect(await snapshot(db)).toEqual(before);
    expect(await restoreBackup(db, incoming, 'merge')).toEqual(expected);
    expect(await db.episodes.count()).toBe(ids.length + 1);
  });
});

// Hundreds of records through fake-indexeddb: seconds on a loaded machine.
describe('restoreBackup writes in small transactions and stops cleanly', { timeout: 30_000 }, () => {
  const cries = (count: number): Episode[] =>
    Array.from({ length: count }, (_, index) =>
      episode({ id: `e0000000-0000-4000-8000-${String(index).padStart(12, '0')}`, startedAt: NOW - (index + 1) * 60_000, endedAt: NOW - index * 60_000 - 1 }),
    );

  async function phoneWithOneCry(): Promise<{ db: HistoryDb; before: unknown }> {
    const db = await freshHistoryDb();
    const baby = await ensureActiveProfile(db, NOW);
    await addEpisode(db, baby.id, episodeRecord(), NOW);
    return { db, before: await snapshot(db) };
  }

  it('reports progress per transaction up to the total', async () => {
    const { db } = await phoneWithOneCry();
    const seen: number[] = [];
    const count = RESTORE_CHUNK_RECORDS * 2 + 10;
    const summary = await restoreBackup(db, validBackup({ episodes: cries(count) }), 'merge', { onProgress: ({ done, total }) => {
      expect(total).toBe(count);
      seen.push(done);
    } });
    expect(summary.episodesAdded).toBe(count);
    expect(seen).toEqual([0, 0, RESTORE_CHUNK_RECORDS, RESTORE_CHUNK_RECORDS * 2, count]);
  });

  it('a storage failure part-way keeps what landed, says how much, and leaves the history as it was', async () => {
    const { db, before } = await phoneWithOneCry();
    const bulkPut = db.episodes.bulkPut.bind(db.episodes);
    let calls = 0;
    // fake-indexeddb has no quota; the browser test (restore-full-disk.spec.ts) fills a real disk.
    db.episodes.bulkPut = ((...args: Parameters<typeof bulkPut>) => {
      calls += 1;
      if (calls === 3) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
      return bulkPut(...args);
    }) as typeof bulkPut;
    const count = RESTORE_CHUNK_RECORDS * 4;
    const attempt = restoreBackup(db, validBackup({ episodes: cries(count) }), 'merge');
    await expect(attempt).rejects.toBeInstanceOf(RestoreStoppedError);
    await expect(attempt).rejects.toThrow(`Storage is full: restored ${RESTORE_CHUNK_RECORDS * 2} of ${count} records from the backup. Your existing history is untouched.`);
    const after = (await snapshot(db)) as { episodes: Episode[] };
    for (const cry of (before as { episodes: Episode[] }).episodes) expect(after.episodes).toContainEqual(cry);
    expect(after.episodes).toHaveLength(1 + RESTORE_CHUNK_RECORDS * 2);
  });

  it('cancelling a merge keeps the part restored; cancelling a copy removes it again', async () => {
    for (const mode of ['merge', 'copy'] as const) {
      const { db, before } = await phoneWithOneCry();
      const abort = new AbortController();
      const count = RESTORE_CHUNK_RECORDS * 2;
      const attempt = restoreBackup(db, validBackup({ episodes: cries(count) }), mode, {
        signal: abort.signal,
        onProgress: ({ done }) => {
          if (done >= RESTORE_CHUNK_RECORDS) abort.abort();
        },
      });
      await expect(attempt).rejects.toThrow(mode === 'merge' ? `Restore cancelled: restored ${RESTORE_CHUNK_RECORDS} of ${count}` : 'Restore cancelled: nothing was restored');
      const after = (await snapshot(db)) as { episodes: Episode[] };
      if (mode === 'copy') expect(after).toEqual(before);
      else expect(after.episodes).toHaveLength(1 + RESTORE_CHUNK_RECORDS);
    }
  });
});

describe('merging the parent\'s word on the detector', () => {
  it('keeps a "That wasn\'t crying" from either phone; a newer answer wins; a backup from before corrections changes nothing', () => {
    const local = episode({ cryCorrection: 'false-alarm', updatedAt: 10 });
    expect(mergeEpisode(local, episode({ updatedAt: 20 })).cryCorrection).toBe('false-alarm');
    expect(mergeEpisode(episode({ updatedAt: 10 }), episode({ cryCorrection: 'false-alarm', updatedAt: 5 })).cryCorrection).toBe('false-alarm');
    expect(mergeEpisode(local, episode({ cryCorrection: 'cry', updatedAt: 20 })).cryCorrection).toBe('cry');
    expect(mergeEpisode(local, episode({ cryCorrection: 'cry', updatedAt: 5 })).cryCorrection).toBe('false-alarm');
  });

  it('a corrected episode survives a backup and restore', async () => {
    const db = await freshHistoryDb();
    const ada = await createProfile(db, { name: 'Ada', birthDate: '2026-09-01' }, NOW, TODAY);
    const first = await addEpisode(db, ada.id, episodeRecord(), NOW);
    await db.episodes.update(first.id, { cryCorrection: 'false-alarm' });
    const backup = parseBackup(JSON.stringify(await createBackup(db, NOW)));
    const fresh = await freshHistoryDb();
    await restoreBackup(fresh, backup, 'merge');
    expect((await fresh.episodes.get(first.id))?.cryCorrection).toBe('false-alarm');
  });
});
