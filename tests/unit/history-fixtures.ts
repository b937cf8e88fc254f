import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createHistoryDb, type HistoryDb } from '../../src/log/db.ts';
import type { EpisodeRecord } from '../../src/domain/episode.ts';
import type { Episode, Profile } from '../../src/log/types.ts';

/** A history database on its own in-memory IndexedDB, so tests cannot see each other's data. */
export async function freshHistoryDb(): Promise<HistoryDb> {
  const db = createHistoryDb({ indexedDB: new IDBFactory(), IDBKeyRange });
  await db.open();
  return db;
}

/** A fusion result such as the monitor would log. */
export function episodeRecord(overrides: Partial<EpisodeRecord> = {}): EpisodeRecord {
  return {
    startedAt: Date.UTC(2026, 10, 25, 2, 14, 7),
    endedAt: Date.UTC(2026, 10, 25, 2, 15, 37),
    durationSeconds: 90,
    peakCryProbability: 0.93,
    needProbabilities: [0.1, 0.6, 0.2, 0.1],
    modalities: { audio: [0.1, 0.6, 0.2, 0.1] },
    contributed: ['audio'],
    topNeed: 'hunger',
    confidence: 0.6,
    notSure: false,
    modelVersions: { 'cry-detector': '2026-11-25', 'need-classifier': '2026-11-25' },
    ...overrides,
  };
}

export function profile(overrides: Partial<Profile> = {}): Profile {
  return {
    id: 'b7a4c2d0-0000-4000-8000-000000000001',
    name: 'Ada',
    birthDate: '2026-09-01',
    avatarColor: '#2a9d8f',
    createdAt: Date.UTC(2026, 8, 2),
    ...overrides,
  };
}

export function episode(overrides: Partial<Episode> = {}): Episode {
  return {
    ...episodeRecord(),
    id: 'e0000000-0000-4000-8000-000000000001',
    profileId: profile().id,
    note: '',
    actualReason: null,
    whatHelped: '',
    updatedAt: Date.UTC(2026, 10, 25, 2, 16),
    ...overrides,
  };
}
