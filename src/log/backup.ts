import type { HistoryDb } from './db.ts';
import type { Episode } from './types.ts';
import { guardStorage, toStorageError, type StorageError } from './storage-error.ts';
import { InputError } from '../records/input-error.ts';
import { MAX_PROFILE_NAME_LENGTH } from '../records/limits.ts';
import { careEntriesAsCopies, mergeCareEntries, type CareMergeSummary } from './care-backup.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup } from '../records/backup-format.ts';

export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  FUTURE_TIME_TOLERANCE_MS,
  MAX_BACKUP_BYTES,
  MAX_BACKUP_EPISODES,
  MAX_BACKUP_PROFILES,
  type Backup,
  type BackupReading,
} from '../records/backup-format.ts';
export { parseBackup, readBackupFile, readBackupText } from '../records/backup-stream-reader.ts';
const RESTORED_SUFFIX = ' (restored)';

/**
 * How a backup joins this phone's history.
 * - `merge` (default, for a second caregiver's phone): records keep their ids, so a cry already
 *   here is not duplicated; two copies of one cry are merged field by field (mergeEpisode); a
 *   baby already here keeps its local name and birth date.
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

const ANNOTATION_TEXT_FIELDS = ['note', 'whatHelped'] as const;

/**
 * One cry known here and in the backup, field by field: a filled field always beats an empty one
 * (an empty note in a backup never wipes a note written here); when both are filled and differ,
 * the more recently edited copy's field wins. The record itself (times, estimates) is the
 * monitor's and is the same on both phones.
 */
export function mergeEpisode(local: Episode, incoming: Episode): Episode {
  const incomingNewer = incoming.updatedAt > local.updatedAt;
  const merged: Episode = { ...local };
  for (const field of ANNOTATION_TEXT_FIELDS) {
    const mine = local[field];
    const theirs = incoming[field];
    if (mine === '' || (theirs !== '' && incomingNewer)) merged[field] = theirs;
  }
  if (local.actualReason === null || (incoming.actualReason !== null && incomingNewer)) {
    merged.actualReason = incoming.actualReason;
  }
  // The same rule for the parent's word on the detector ("That wasn't crying" / "Yes, crying").
  const mineCorrection = local.cryCorrection ?? null;
  const theirCorrection = incoming.cryCorrection ?? null;
  if (mineCorrection === null || (theirCorrection !== null && incomingNewer)) {
    if (theirCorrection === null) delete merged.cryCorrection;
    else merged.cryCorrection = theirCorrection;
  }
  merged.updatedAt = Math.max(local.updatedAt, incoming.updatedAt);
  return merged;
}

function sameAnnotations(a: Episode, b: Episode): boolean {
  return a.note === b.note && a.whatHelped === b.whatHelped && a.actualReason === b.actualReason && (a.cryCorrection ?? null) === (b.cryCorrection ?? null);
}

/**
 * Records written per restore transaction. Chromium checks the quota (and the free disk) when a
 * small transaction commits, but writes a large one to disk as it goes: a restore in one
 * transaction ran the disk out mid-write (FILE_ERROR_NO_SPACE) and the browser then dropped every
 * IndexedDB database of the site. Small transactions get a clean QuotaExceededError instead, and
 * everything committed before stays.
 */
export const RESTORE_CHUNK_RECORDS = 250;
/** Ids looked up per read in the preview: each answer is deserialized on the page in one task. */
const PREVIEW_CHUNK_RECORDS = 250;

export interface RestoreProgress {
  /** Cries and care entries handled so far, of `total`. */
  done: number;
  total: number;
}

export interface RestoreOptions {
  onProgress?: (progress: RestoreProgress) => void;
  /** Stops between two transactions; what is committed stays (in copy mode it is removed again). */
  signal?: AbortSignal;
}

/**
 * A restore that stopped part-way (storage full or failing, or cancelled). Nothing already here
 * was changed for the worse: merged cries only gain notes, and the rest of the history is as it was.
 */
export class RestoreStoppedError extends Error {
  override readonly name = 'RestoreStoppedError';
  constructor(
    message: string,
    readonly reason: 'storage' | 'cancelled',
    /** Cries and care entries from the file now on this phone. */
    readonly kept: number,
    readonly total: number,
    readonly storageError: StorageError | null,
  ) {
    super(message);
  }
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Lets the page paint and handle a tap (Cancel) between two transactions. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

interface EpisodePlan {
  toWrite: Episode[];
  added: number;
  updated: number;
}

function planEpisodes(incoming: readonly Episode[], existing: readonly (Episode | undefined)[]): EpisodePlan {
  const toWrite: Episode[] = [];
  let added = 0;
  let updated = 0;
  incoming.forEach((episode, index) => {
    const here = existing[index];
    if (here === undefined) {
      added += 1;
      toWrite.push(episode);
      return;
    }
    const merged = mergeEpisode(here, episode);
    // Only a changed note, reason or what-helped counts: a newer time alone changes nothing seen.
    if (sameAnnotations(merged, here)) return;
    updated += 1;
    toWrite.push(merged);
  });
  return { toWrite, added, updated };
}

/** What restoreBackup would do, without writing: for the preview before the parent confirms. */
export async function previewRestore(
  db: HistoryDb,
  backup: Backup,
  mode: RestoreMode,
  onProgress?: (progress: RestoreProgress) => void,
): Promise<RestoreSummary> {
  if (mode === 'copy') {
    return { profilesAdded: backup.profiles.length, episodesAdded: backup.episodes.length, episodesUpdated: 0, episodesUnchanged: 0 };
  }
  const existingProfiles = await guardStorage(() => db.profiles.bulkGet(backup.profiles.map((profile) => profile.id)));
  const summary: RestoreSummary = {
    profilesAdded: existingProfiles.filter((profile) => profile === undefined).length,
    episodesAdded: 0,
    episodesUpdated: 0,
    episodesUnchanged: 0,
  };
  for (const chunk of chunksOf(backup.episodes, PREVIEW_CHUNK_RECORDS)) {
    const existing = await guardStorage(() => db.episodes.bulkGet(chunk.map((episode) => episode.id)));
    const plan = planEpisodes(chunk, existing);
    summary.episodesAdded += plan.added;
    summary.episodesUpdated += plan.updated;
    summary.episodesUnchanged += chunk.length - plan.toWrite.length;
    onProgress?.({ done: summary.episodesAdded + summary.episodesUpdated + summary.episodesUnchanged, total: backup.episodes.length });
    await nextTurn();
  }
  return summary;
}

function stoppedMessage(reason: 'storage' | 'cancelled', error: StorageError | null, mode: RestoreMode, kept: number, total: number): string {
  const what = reason === 'cancelled' ? 'Restore cancelled' : error?.kind === 'quota' ? 'Storage is full' : 'Saving failed';
  const untouched = 'Your existing history is untouched.';
  if (mode === 'copy') {
    if (kept === 0) return `${what}: nothing was restored (the part already copied was removed again). ${untouched}`;
    return `${what}: ${kept} of ${total} records were copied into the babies marked "(restored)" before it stopped. ${untouched}`;
  }
  const rest = reason === 'cancelled' ? 'Restore the same file again to add the rest.' : 'Free some space on this device, then restore the same file again to add the rest (nothing is added twice).';
  return `${what}: restored ${kept} of ${total} records from the backup. ${untouched} ${rest}`;
}

/** Copy mode keeps nothing of a restore that stopped: its babies are new, so removing them removes all of it. */
async function removeCopies(db: HistoryDb, profileIds: readonly string[]): Promise<boolean> {
  try {
    await guardStorage(() =>
      db.transaction('rw', db.profiles, db.episodes, db.careEntries, async () => {
        await db.episodes.where('profileId').anyOf(profileIds).delete();
        await db.careEntries.where('profileId').anyOf(profileIds).delete();
        await db.profiles.bulkDelete([...profileIds]);
      }),
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a validated backup in small transactions (RESTORE_CHUNK_RECORDS each), so a full disk
 * stops it cleanly between two of them. Throws RestoreStoppedError, saying how much landed, when
 * storage fails or `signal` aborts; the history already here is never rolled back or lost.
 */
export async function restoreBackup(db: HistoryDb, backup: Backup, mode: RestoreMode, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const { profiles, episodes, careEntries = [] } = mode === 'copy' ? asCopies(backup) : backup;
  const total = episodes.length + careEntries.length;
  const summary: RestoreSummary = { profilesAdded: 0, episodesAdded: 0, episodesUpdated: 0, episodesUnchanged: 0 };
  const care: CareMergeSummary = { careEntriesAdded: 0, careEntriesUpdated: 0, careEntriesUnchanged: 0 };
  let done = 0;
  const stop = async (reason: 'storage' | 'cancelled', error: StorageError | null): Promise<never> => {
    let kept = done;
    if (mode === 'copy' && (await removeCopies(db, profiles.map((profile) => profile.id)))) kept = 0;
    throw new RestoreStoppedError(stoppedMessage(reason, error, mode, kept, total), reason, kept, total, error);
  };
  const step = async (write: () => Promise<void>, count: number): Promise<void> => {
    if (options.signal?.aborted) await stop('cancelled', null);
    try {
      await write();
    } catch (error) {
      if (error instanceof InputError) throw error;
      await stop('storage', toStorageError(error));
    }
    done += count;
    options.onProgress?.({ done, total });
    await nextTurn();
  };

  options.onProgress?.({ done, total });
  await step(
    () =>
      db.transaction('rw', db.profiles, async () => {
        const existing = await db.profiles.bulkGet(profiles.map((profile) => profile.id));
        const newProfiles = profiles.filter((_, index) => existing[index] === undefined);
        await db.profiles.bulkAdd(newProfiles);
        summary.profilesAdded = newProfiles.length;
      }),
    0,
  );
  for (const chunk of chunksOf(episodes, RESTORE_CHUNK_RECORDS)) {
    await step(
      () =>
        db.transaction('rw', db.episodes, async () => {
          const plan = planEpisodes(chunk, await db.episodes.bulkGet(chunk.map((episode) => episode.id)));
          await db.episodes.bulkPut(plan.toWrite);
          summary.episodesAdded += plan.added;
          summary.episodesUpdated += plan.updated;
          summary.episodesUnchanged += chunk.length - plan.toWrite.length;
        }),
      chunk.length,
    );
  }
  for (const chunk of chunksOf(careEntries, RESTORE_CHUNK_RECORDS)) {
    await step(
      () =>
        db.transaction('rw', db.careEntries, async () => {
          const merged = await mergeCareEntries(db, chunk);
          care.careEntriesAdded += merged.careEntriesAdded;
          care.careEntriesUpdated += merged.careEntriesUpdated;
          care.careEntriesUnchanged += merged.careEntriesUnchanged;
        }),
      chunk.length,
    );
  }
  const rejected = backup.careEntriesRejected?.length ?? 0;
  return careEntries.length === 0 && rejected === 0 ? summary : { ...summary, care: { ...care, careEntriesRejected: rejected } };
}

/** "Delete all my data": every baby, cry, care entry, correction and setting, in one transaction. */
export async function deleteAllData(db: HistoryDb): Promise<void> {
  await guardStorage(() =>
    db.transaction('rw', [db.profiles, db.episodes, db.settings, db.careEntries, db.cryEmbeddings], async () => {
      await Promise.all([db.profiles.clear(), db.episodes.clear(), db.settings.clear(), db.careEntries.clear(), db.cryEmbeddings.clear()]);
    }),
  );
}
