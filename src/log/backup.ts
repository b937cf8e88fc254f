import type { HistoryDb } from './db.ts';
import type { Episode, Profile } from './types.ts';
import { guardStorage } from './storage-error.ts';
import { InputError } from './input-error.ts';
import { validateEpisode, validateProfile } from './episode-validation.ts';
import { expectArray, expectInteger, expectRecord, expectString, fail } from './validate.ts';
import { MAX_PROFILE_NAME_LENGTH } from './limits.ts';
import type { CareEntry } from '../domain/care.ts';
import { careEntriesAsCopies, mergeCareEntries, parseCareEntries, type CareMergeSummary } from './care-backup.ts';

export const BACKUP_FORMAT = 'crydecode-backup';
/** Bump when the file layout changes; restore refuses versions it does not know. */
export const BACKUP_VERSION = 1;
/** Largest backup file read: about 300 000 episodes. Bigger is not a CryDecode backup. */
export const MAX_BACKUP_BYTES = 200 * 1024 * 1024;
export const MAX_BACKUP_PROFILES = 100;
export const MAX_BACKUP_EPISODES = 1_000_000;
const MAX_TIMESTAMP_TEXT_LENGTH = 40;
const RESTORED_SUFFIX = ' (restored)';

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO 8601 instant the backup was made. */
  exportedAt: string;
  profiles: Profile[];
  episodes: Episode[];
  /** The care log (absent in backups made before it existed). */
  careEntries?: CareEntry[];
  /** Set by parseBackup: one message per malformed care entry left out (the rest are kept). */
  careEntriesRejected?: string[];
}

/**
 * How a backup joins this phone's history.
 * - `merge` (default, for a second caregiver's phone): records keep their ids, so a cry already
 *   here is not duplicated; of two copies of one cry the more recently edited wins; a baby
 *   already here keeps its local name and birth date.
 * - `copy`: every baby in the file becomes a new baby named "… (restored)" with new ids for it
 *   and its cries, so the restored history stays apart from what is here.
 */
export type RestoreMode = 'merge' | 'copy';

export interface RestoreSummary {
  profilesAdded: number;
  episodesAdded: number;
  episodesUpdated: number;
  episodesUnchanged: number;
  care?: CareMergeSummary & { careEntriesRejected: number };
}

/** Reads everything in one transaction so the backup is a consistent snapshot. */
export async function createBackup(db: HistoryDb, nowMs: number): Promise<Backup> {
  return guardStorage(() =>
    db.transaction('r', db.profiles, db.episodes, db.careEntries, async () => ({
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: new Date(nowMs).toISOString(),
      profiles: await db.profiles.orderBy('createdAt').toArray(),
      episodes: await db.episodes.orderBy('startedAt').toArray(),
      careEntries: await db.careEntries.orderBy('updatedAt').toArray(),
    })),
  );
}

export function backupFile(backup: Backup, fileName: string): File {
  return new File([JSON.stringify(backup)], fileName, { type: 'application/json' });
}

/**
 * Parses and fully validates a backup file's text. Throws InputError with a message for the
 * parent when the file is not JSON (or cut off), not a CryDecode backup, from an unknown
 * version, or holds anything out of place. Nothing is written here.
 */
export function parseBackup(text: string): Backup {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError(
      'This file cannot be read as a CryDecode backup: it is not valid JSON (it may be incomplete or damaged).',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.hasOwn(parsed, 'format')) {
    throw new InputError('This file is not a CryDecode backup.');
  }
  const raw = expectRecord(parsed, 'Backup', ['format', 'version', 'exportedAt', 'profiles', 'episodes'], ['careEntries']);
  if (raw.format !== BACKUP_FORMAT) throw new InputError('This file is not a CryDecode backup.');
  const version = expectInteger(raw.version, 'Backup version', 1, Number.MAX_SAFE_INTEGER);
  if (version > BACKUP_VERSION) {
    throw new InputError(
      `This backup was made by a newer version of CryDecode (format ${version}). Update the app, then restore it.`,
    );
  }
  const exportedAt = expectString(raw.exportedAt, 'Backup date', MAX_TIMESTAMP_TEXT_LENGTH, false);
  if (Number.isNaN(Date.parse(exportedAt))) fail('Backup date', 'is not a date');

  const profiles = expectArray(raw.profiles, 'Babies', MAX_BACKUP_PROFILES).map((value, index) =>
    validateProfile(value, `Baby ${index + 1}`),
  );
  const profileIds = new Set<string>();
  for (const profile of profiles) {
    if (profileIds.has(profile.id)) fail(`Baby "${profile.name}"`, 'appears twice');
    profileIds.add(profile.id);
  }
  const episodes = expectArray(raw.episodes, 'Cries', MAX_BACKUP_EPISODES).map((value, index) =>
    validateEpisode(value, `Cry ${index + 1}`),
  );
  const episodeIds = new Set<string>();
  episodes.forEach((episode, index) => {
    if (episodeIds.has(episode.id)) fail(`Cry ${index + 1}`, 'appears twice');
    if (!profileIds.has(episode.profileId)) fail(`Cry ${index + 1}`, 'belongs to a baby that is not in the file');
    episodeIds.add(episode.id);
  });
  const backup: Backup = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt, profiles, episodes };
  if (raw.careEntries === undefined) return backup;
  const care = parseCareEntries(raw.careEntries, profileIds);
  backup.careEntries = care.entries;
  if (care.rejected.length > 0) backup.careEntriesRejected = care.rejected;
  return backup;
}

/** Reads a chosen file, refusing oversized ones before loading them into memory. */
export async function readBackupFile(file: Blob): Promise<Backup> {
  if (file.size > MAX_BACKUP_BYTES) {
    throw new InputError(`This file is too large to be a CryDecode backup (over ${MAX_BACKUP_BYTES / 1024 / 1024} MB).`);
  }
  return parseBackup(await file.text());
}

function restoredName(name: string): string {
  return name.slice(0, MAX_PROFILE_NAME_LENGTH - RESTORED_SUFFIX.length).trimEnd() + RESTORED_SUFFIX;
}

/** Gives every baby and cry of a backup new ids (RestoreMode `copy`). */
export function asCopies(backup: Backup): Pick<Backup, 'profiles' | 'episodes' | 'careEntries'> {
  const newIds = new Map(backup.profiles.map((profile) => [profile.id, crypto.randomUUID()]));
  const newId = (oldId: string): string => {
    const id = newIds.get(oldId);
    if (id === undefined) throw new InputError('A cry belongs to a baby that is not in the file.');
    return id;
  };
  return {
    profiles: backup.profiles.map((profile) => ({ ...profile, id: newId(profile.id), name: restoredName(profile.name) })),
    episodes: backup.episodes.map((episode) => ({ ...episode, id: crypto.randomUUID(), profileId: newId(episode.profileId) })),
    careEntries: careEntriesAsCopies(backup.careEntries ?? [], newId),
  };
}

/**
 * Writes a validated backup in a single transaction: either all of it lands or none of it does.
 */
export async function restoreBackup(db: HistoryDb, backup: Backup, mode: RestoreMode): Promise<RestoreSummary> {
  const { profiles, episodes, careEntries } = mode === 'copy' ? asCopies(backup) : backup;
  return guardStorage(() =>
    db.transaction('rw', db.profiles, db.episodes, db.careEntries, async () => {
      const existingProfiles = await db.profiles.bulkGet(profiles.map((profile) => profile.id));
      const newProfiles = profiles.filter((_, index) => existingProfiles[index] === undefined);
      await db.profiles.bulkAdd(newProfiles);

      const existingEpisodes = await db.episodes.bulkGet(episodes.map((episode) => episode.id));
      const toWrite: Episode[] = [];
      let episodesAdded = 0;
      let episodesUpdated = 0;
      episodes.forEach((episode, index) => {
        const existing = existingEpisodes[index];
        if (existing === undefined) episodesAdded += 1;
        else if (episode.updatedAt > existing.updatedAt) episodesUpdated += 1;
        else return;
        toWrite.push(episode);
      });
      await db.episodes.bulkPut(toWrite);
      const rejected = backup.careEntriesRejected?.length ?? 0;
      const care = (careEntries?.length ?? 0) === 0 && rejected === 0 ? null : await mergeCareEntries(db, careEntries ?? []);
      return {
        ...(care === null ? {} : { care: { ...care, careEntriesRejected: rejected } }),
        profilesAdded: newProfiles.length,
        episodesAdded,
        episodesUpdated,
        episodesUnchanged: episodes.length - toWrite.length,
      };
    }),
  );
}

/** "Delete all my data": every baby, cry, window and setting, in one transaction. */
export async function deleteAllData(db: HistoryDb): Promise<void> {
  await guardStorage(() =>
    db.transaction('rw', [db.profiles, db.episodes, db.windows, db.settings, db.careEntries], async () => {
      await Promise.all([db.profiles.clear(), db.episodes.clear(), db.windows.clear(), db.settings.clear(), db.careEntries.clear()]);
    }),
  );
}
