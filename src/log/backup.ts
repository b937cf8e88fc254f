import type { HistoryDb } from './db.ts';
import type { Episode, Profile } from './types.ts';
import { guardStorage } from './storage-error.ts';
import { InputError } from './input-error.ts';
import { validateEpisode, validateProfile } from './episode-validation.ts';
import { expectArray, expectInteger, expectRecord, expectString, fail } from './validate.ts';
import { MAX_PROFILE_NAME_LENGTH } from './limits.ts';
import type { CareEntry } from '../domain/care.ts';
import { careEntriesAsCopies, mergeCareEntries, parseCareEntries, type CareMergeSummary } from './care-backup.ts';
import { cleanProfileInput } from './profiles.ts';
import { localIsoDate, localOffsetMinutesAt } from './local-time.ts';

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

/** A validated backup and what reading it had to correct. */
export interface BackupReading {
  backup: Backup;
  /**
   * Last-change and creation times later than tomorrow (a phone with its clock ahead, or an
   * edited file) set to the time of reading, so they cannot win every later merge.
   */
  futureTimesClamped: number;
}

/** A phone's clock may run a little ahead; beyond this a last-change time is not believed. */
export const FUTURE_TIME_TOLERANCE_MS = 24 * 60 * 60 * 1000;

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
export function parseBackup(text: string, nowMs = Date.now()): Backup {
  return readBackupText(text, nowMs).backup;
}

/** parseBackup, also saying how many future times were set back to now. */
export function readBackupText(text: string, nowMs: number): BackupReading {
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

  let futureTimesClamped = 0;
  const latestBelievable = nowMs + FUTURE_TIME_TOLERANCE_MS;
  const today = localIsoDate(nowMs, localOffsetMinutesAt(nowMs));
  const believable = (time: number): number => {
    if (time <= latestBelievable) return time;
    futureTimesClamped += 1;
    return nowMs;
  };
  const profiles = expectArray(raw.profiles, 'Babies', MAX_BACKUP_PROFILES).map((value, index) => {
    const path = `Baby ${index + 1}`;
    const profile = validateProfile(value, path);
    let cleaned: { name: string; birthDate: string | null };
    try {
      cleaned = cleanProfileInput(profile, today);
    } catch (error) {
      if (error instanceof InputError) fail(path, error.message);
      throw error;
    }
    return { ...profile, ...cleaned, createdAt: believable(profile.createdAt) };
  });
  const profileIds = new Set<string>();
  for (const profile of profiles) {
    if (profileIds.has(profile.id)) fail(`Baby "${profile.name}"`, 'appears twice');
    profileIds.add(profile.id);
  }
  const episodes = expectArray(raw.episodes, 'Cries', MAX_BACKUP_EPISODES).map((value, index) => {
    const episode = validateEpisode(value, `Cry ${index + 1}`);
    return { ...episode, updatedAt: believable(episode.updatedAt) };
  });
  const episodeIds = new Set<string>();
  episodes.forEach((episode, index) => {
    if (episodeIds.has(episode.id)) fail(`Cry ${index + 1}`, 'appears twice');
    if (!profileIds.has(episode.profileId)) fail(`Cry ${index + 1}`, 'belongs to a baby that is not in the file');
    episodeIds.add(episode.id);
  });
  const backup: Backup = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt, profiles, episodes };
  if (raw.careEntries !== undefined) {
    const care = parseCareEntries(raw.careEntries, profileIds);
    backup.careEntries = care.entries;
    if (care.rejected.length > 0) backup.careEntriesRejected = care.rejected;
  }
  return { backup, futureTimesClamped };
}

/** Reads a chosen file, refusing oversized ones before loading them into memory. */
export async function readBackupFile(file: Blob, nowMs = Date.now()): Promise<BackupReading> {
  if (file.size > MAX_BACKUP_BYTES) {
    throw new InputError(`This file is too large to be a CryDecode backup (over ${MAX_BACKUP_BYTES / 1024 / 1024} MB).`);
  }
  return readBackupText(await file.text(), nowMs);
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

interface RestorePlan {
  summary: RestoreSummary;
  newProfiles: Profile[];
  toWrite: Episode[];
  /** The backup's care entries (new ids in copy mode), merged by care-backup's own rule. */
  careEntries: CareEntry[];
}

async function planRestore(db: HistoryDb, backup: Backup, mode: RestoreMode): Promise<RestorePlan> {
  const { profiles, episodes, careEntries } = mode === 'copy' ? asCopies(backup) : backup;
  const existingProfiles = await db.profiles.bulkGet(profiles.map((profile) => profile.id));
  const newProfiles = profiles.filter((_, index) => existingProfiles[index] === undefined);
  const existingEpisodes = await db.episodes.bulkGet(episodes.map((episode) => episode.id));
  const toWrite: Episode[] = [];
  let episodesAdded = 0;
  let episodesUpdated = 0;
  episodes.forEach((episode, index) => {
    const existing = existingEpisodes[index];
    if (existing === undefined) {
      episodesAdded += 1;
      toWrite.push(episode);
      return;
    }
    const merged = mergeEpisode(existing, episode);
    // Only a changed note, reason or what-helped counts: a newer time alone changes nothing seen.
    if (sameAnnotations(merged, existing)) return;
    episodesUpdated += 1;
    toWrite.push(merged);
  });
  return {
    newProfiles,
    toWrite,
    careEntries: careEntries ?? [],
    summary: {
      profilesAdded: newProfiles.length,
      episodesAdded,
      episodesUpdated,
      episodesUnchanged: episodes.length - toWrite.length,
    },
  };
}

/** What restoreBackup would do, without writing: for the preview before the parent confirms. */
export async function previewRestore(db: HistoryDb, backup: Backup, mode: RestoreMode): Promise<RestoreSummary> {
  if (mode === 'copy') {
    return { profilesAdded: backup.profiles.length, episodesAdded: backup.episodes.length, episodesUpdated: 0, episodesUnchanged: 0 };
  }
  return guardStorage(() => db.transaction('r', db.profiles, db.episodes, async () => (await planRestore(db, backup, mode)).summary));
}

/**
 * Writes a validated backup in a single transaction: either all of it lands or none of it does.
 */
export async function restoreBackup(db: HistoryDb, backup: Backup, mode: RestoreMode): Promise<RestoreSummary> {
  return guardStorage(() =>
    db.transaction('rw', db.profiles, db.episodes, db.careEntries, async () => {
      const plan = await planRestore(db, backup, mode);
      await db.profiles.bulkAdd(plan.newProfiles);
      await db.episodes.bulkPut(plan.toWrite);
      const careEntries = plan.careEntries;
      const rejected = backup.careEntriesRejected?.length ?? 0;
      const care = careEntries.length === 0 && rejected === 0 ? null : await mergeCareEntries(db, careEntries);
      return { ...plan.summary, ...(care === null ? {} : { care: { ...care, careEntriesRejected: rejected } }) };
    }),
  );
}

/** "Delete all my data": every baby, cry, care entry, correction and setting, in one transaction. */
export async function deleteAllData(db: HistoryDb): Promise<void> {
  await guardStorage(() =>
    db.transaction('rw', [db.profiles, db.episodes, db.settings, db.careEntries, db.cryEmbeddings], async () => {
      await Promise.all([db.profiles.clear(), db.episodes.clear(), db.settings.clear(), db.careEntries.clear(), db.cryEmbeddings.clear()]);
    }),
  );
}
