import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addEpisode, annotateEpisode, countEpisodes, deleteEpisode, getEpisode, pageEpisodes, restoreEpisode } from './episodes.ts';
import { EpisodeLogger, type LoggingStatus } from './episode-logger.ts';
import { StorageError } from './storage-error.ts';
import { InputError } from '../records/input-error.ts';
import type { HistoryDb } from './db.ts';
import type { EpisodeFilter } from './types.ts';
import { episodeRecord, freshHistoryDb } from '../../tests/unit/history-fixtures.ts';

const NOW = Date.UTC(2026, 10, 25, 12);
const ALL: EpisodeFilter = { profileId: null, fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };
const MINUTE_MS = 60_000;

async function collect(pages: AsyncIterable<{ startedAt: number }[]>): Promise<number[]> {
  const starts: number[] = [];
  for await (const page of pages) starts.push(...page.map((episode) => episode.startedAt));
  return starts;
}

/**
 * Makes every later write fail the way a full disk does, at Dexie's storage seam (a DBCore
 * middleware); reads still work. Dexie builds its middleware stack on open, hence the reopen.
 */
async function failWritesWithQuotaError(db: HistoryDb): Promise<void> {
  db.use({
    stack: 'dbcore',
    name: 'simulated-full-disk',
    create: (down) => ({
      ...down,
      table: (name) => ({
        ...down.table(name),
        mutate: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
      }),
    }),
  });
  db.close();
  await db.open();
}

describe('episode repository', () => {
  it('adds an episode with empty annotations and reads it back', async () => {
    const db = await freshHistoryDb();
    const stored = await addEpisode(db, 'baby-1', episodeRecord(), NOW);
    expect(stored).toMatchObject({ profileId: 'baby-1', note: '', actualReason: null, whatHelped: '', updatedAt: NOW });
    expect(await getEpisode(db, stored.id)).toEqual(stored);
  });

  it('refuses a malformed record with a clear message and stores nothing', async () => {
    const db = await freshHistoryDb();
    const bad = episodeRecord({ peakCryProbability: Number.NaN });
    await expect(addEpisode(db, 'baby-1', bad, NOW)).rejects.toThrow(/peak cry probability: expected a finite number, found NaN/);
    expect(await db.episodes.count()).toBe(0);
  });

  it('saves the parent annotation and bumps updatedAt', async () => {
    const db = await freshHistoryDb();
    const stored = await addEpisode(db, 'baby-1', episodeRecord(), NOW);
    const later = NOW + MINUTE_MS;
    const annotated = await annotateEpisode(db, stored.id, { note: 'after bath', actualReason: 'tired', whatHelped: 'rocking' }, later);
    expect(annotated).toEqual({ ...stored, note: 'after bath', actualReason: 'tired', whatHelped: 'rocking', updatedAt: later });
    expect(await getEpisode(db, stored.id)).toEqual(annotated);
  });

  it('rejects an over-long note without touching the stored episode', async () => {
    const db = await freshHistoryDb();
    const stored = await addEpisode(db, 'baby-1', episodeRecord(), NOW);
    const attempt = annotateEpisode(db, stored.id, { note: 'x'.repeat(5000), actualReason: null, whatHelped: '' }, NOW);
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    expect(await getEpisode(db, stored.id)).toEqual(stored);
  });

  it('deletes with undo: the returned row is put back identical', async () => {
    const db = await freshHistoryDb();
    const stored = await addEpisode(db, 'baby-1', episodeRecord(), NOW);
    const deleted = await deleteEpisode(db, stored.id);
    expect(deleted).toEqual(stored);
    expect(await getEpisode(db, stored.id)).toBeUndefined();
    expect(await deleteEpisode(db, stored.id)).toBeNull();
    if (!deleted) throw new Error('expected the deleted row');
    await restoreEpisode(db, deleted);
    expect(await getEpisode(db, stored.id)).toEqual(stored);
  });
});

describe('pageEpisodes', () => {
  async function seed(db: HistoryDb): Promise<void> {
    // Two babies, interleaved, one minute apart; two share a start time to exercise the id tiebreak.
    for (let i = 0; i < 25; i += 1) {
      const startedAt = NOW + i * MINUTE_MS;
      await addEpisode(db, i % 2 === 0 ? 'even' : 'odd', episodeRecord({ startedAt, endedAt: startedAt + 1000 }), NOW);
    }
    await addEpisode(db, 'even', episodeRecord({ startedAt: NOW, endedAt: NOW + 1000 }), NOW);
  }

  it('returns every episode exactly once across small pages, in order', async () => {
    const db = await freshHistoryDb();
    await seed(db);
    const starts = await collect(pageEpisodes(db, ALL, 'oldest-first', 4));
    expect(starts).toHaveLength(26);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const ids = new Set<string>();
    for await (const page of pageEpisodes(db, ALL, 'newest-first', 3)) page.forEach((episode) => ids.add(episode.id));
    expect(ids.size).toBe(26);
  });

  it('filters by baby and inclusive date range, newest first', async () => {
    const db = await freshHistoryDb();
    await seed(db);
    const filter: EpisodeFilter = { profileId: 'odd', fromMs: NOW + 3 * MINUTE_MS, toMs: NOW + 9 * MINUTE_MS };
    const starts = await collect(pageEpisodes(db, filter, 'newest-first', 2));
    expect(starts).toEqual([9, 7, 5, 3].map((i) => NOW + i * MINUTE_MS));
    expect(await countEpisodes(db, filter)).toBe(4);
    expect(await countEpisodes(db, { ...filter, profileId: 'even' })).toBe(3);
  });
});

describe('quota exceeded', () => {
  it('turns a full disk into a human StorageError and keeps existing history', async () => {
    const db = await freshHistoryDb();
    const kept = await addEpisode(db, 'baby-1', episodeRecord(), NOW);
    await failWritesWithQuotaError(db);
    const failure = await addEpisode(db, 'baby-1', episodeRecord(), NOW).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).kind).toBe('quota');
    expect((failure as StorageError).message).toBe('Storage is full: new cries are not being saved. Existing history is safe.');
    expect(await db.episodes.toArray()).toEqual([kept]);
  });

  it('lets the monitor keep going: the logger turns itself off and reports once', async () => {
    const db = await freshHistoryDb();
    const statuses: LoggingStatus[] = [];
    const logger = new EpisodeLogger(() => Promise.resolve(db), (status) => statuses.push(status), () => NOW);
    expect(await logger.logEpisode(episodeRecord())).not.toBeNull();
    await failWritesWithQuotaError(db);
    expect(await logger.logEpisode(episodeRecord())).toBeNull();
    expect(logger.status.enabled).toBe(false);
    expect(logger.status.error?.kind).toBe('quota');
    expect(await logger.logEpisode(episodeRecord())).toBeNull();
    expect(statuses).toHaveLength(1);
    expect(await db.episodes.count()).toBe(1);
  });

  it('reports an unavailable database without throwing', async () => {
    const statuses: LoggingStatus[] = [];
    const unavailable = (): Promise<HistoryDb> => Promise.reject(new DOMException('private mode', 'InvalidStateError'));
    const logger = new EpisodeLogger(unavailable, (status) => statuses.push(status), () => NOW);
    expect(await logger.logEpisode(episodeRecord())).toBeNull();
    expect(statuses[0]?.error?.kind).toBe('unavailable');
  });
});

describe('EpisodeLogger', () => {
  it('logs to the active baby, creating a first profile when there is none', async () => {
    const db = await freshHistoryDb();
    const logger = new EpisodeLogger(() => Promise.resolve(db), undefined, () => NOW);
    const logged = await logger.logEpisode(episodeRecord());
    const profiles = await db.profiles.toArray();
    expect(profiles).toHaveLength(1);
    expect(logged?.profileId).toBe(profiles[0]?.id);
  });
});
