import { Dexie, type EntityTable, type DexieOptions } from 'dexie';
import type { CareEntry } from '../domain/care.ts';
import type { CryEmbeddings, Episode, Profile, SettingRow } from './types.ts';
import { guardStorage } from './storage-error.ts';

export const DB_NAME = 'crydecode';

/**
 * Schema history. Never edit a published version: add a new one with an upgrade, and test that
 * data written by the previous version survives it (db.spec.ts).
 */
export const SCHEMA_V1 = {
  profiles: 'id, createdAt',
  episodes: 'id, profileId, startedAt',
  windows: '++id, sessionId, time',
  settings: 'key',
} as const;

/**
 * Version 2: episodes gain the parent's "what it really was" and "what helped" answers, and
 * compound indexes so that history pages are read by key range (fast with 100 000 episodes)
 * instead of by offset.
 */
export const SCHEMA_V2 = {
  profiles: 'id, createdAt',
  episodes: 'id, profileId, startedAt, updatedAt, [startedAt+id], [profileId+startedAt+id]',
  windows: '++id, sessionId, profileId, time',
  settings: 'key',
} as const;

/**
 * Version 3: the care log (feeds, sleeps, nappies, "soothed by"), read per baby in time order.
 * Nothing else changes; every earlier table is declared as it was.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  careEntries: 'id, profileId, updatedAt, [profileId+time]',
} as const;

/**
 * Version 4: the cry network's embeddings of each episode's windows (never audio), for the
 * parent's "That wasn't crying" / "Yes, crying" corrections (src/log/cry-corrections.ts), read
 * by correction time. The `windows` table, never written by any release, is deleted.
 */
export const SCHEMA_V4 = {
  profiles: SCHEMA_V3.profiles,
  episodes: SCHEMA_V3.episodes,
  settings: SCHEMA_V3.settings,
  careEntries: SCHEMA_V3.careEntries,
  cryEmbeddings: 'id, correctedAt',
  windows: null,
} as const;

export const CURRENT_SCHEMA_VERSION = 4;

/** An episode as version 1 stored it: no actualReason / whatHelped. */
export type EpisodeV1 = Omit<Episode, 'actualReason' | 'whatHelped'>;

export type HistoryDb = Dexie & {
  profiles: EntityTable<Profile, 'id'>;
  episodes: EntityTable<Episode, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
  careEntries: EntityTable<CareEntry, 'id'>;
  cryEmbeddings: EntityTable<CryEmbeddings, 'id'>;
};

export interface HistoryDbOptions {
  name?: string;
  /** An IndexedDB implementation other than the global one (fake-indexeddb in Node). */
  indexedDB?: DexieOptions['indexedDB'];
  IDBKeyRange?: DexieOptions['IDBKeyRange'];
}

/** Creates the database object with every schema version declared; does not open it. */
export function createHistoryDb(options: HistoryDbOptions = {}): HistoryDb {
  const dexieOptions: DexieOptions = {};
  if (options.indexedDB) dexieOptions.indexedDB = options.indexedDB;
  if (options.IDBKeyRange) dexieOptions.IDBKeyRange = options.IDBKeyRange;
  const db = new Dexie(options.name ?? DB_NAME, dexieOptions) as HistoryDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade(async (tx) => {
      await tx
        .table<EpisodeV1 & Partial<Pick<Episode, 'actualReason' | 'whatHelped'>>, string>('episodes')
        .toCollection()
        .modify((episode) => {
          episode.actualReason ??= null;
          episode.whatHelped ??= '';
        });
    });
  db.version(3).stores(SCHEMA_V3);
  db.version(4).stores(SCHEMA_V4);
  return db;
}

/**
 * Opens the history database. Throws a StorageError with a human message when IndexedDB is
 * missing (some private modes), blocked, or broken; the caller keeps monitoring without logging.
 */
export async function openHistoryDb(options: HistoryDbOptions = {}): Promise<HistoryDb> {
  return guardStorage(async () => {
    const db = createHistoryDb(options);
    await db.open();
    return db;
  });
}
