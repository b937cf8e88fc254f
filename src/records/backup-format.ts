import type { Episode, Profile } from '../log/types.ts';
import type { CareEntry } from '../domain/care.ts';
import { InputError } from './input-error.ts';
import { validateEpisode, validateProfile } from './episode-validation.ts';
import { validateCareEntry } from './care-validation.ts';
import { expectArray, expectInteger, expectRecord, expectString, fail } from './validate.ts';
import { cleanProfileInput } from './profile-input.ts';
import { localIsoDate, localOffsetMinutesAt } from './local-time.ts';

/**
 * The backup file's layout and its validation: pure, so that the page and the backup-reading
 * worker (workers/backup-reader.worker.ts) share one set of rules. Writing it lives in log/backup.ts.
 */
export const BACKUP_FORMAT = 'crydecode-backup';
/** Bump when the file layout changes; restore refuses versions it does not know. */
export const BACKUP_VERSION = 1;
/** Largest backup file read: about 300 000 episodes. Bigger is not a CryDecode backup. */
export const MAX_BACKUP_BYTES = 200 * 1024 * 1024;
export const MAX_BACKUP_PROFILES = 100;
export const MAX_BACKUP_EPISODES = 1_000_000;
const MAX_TIMESTAMP_TEXT_LENGTH = 40;

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

/**
 * Parses and fully validates a backup file's text. Throws InputError with a message for the
 * parent when the file is not JSON (or cut off), not a CryDecode backup, from an unknown
 * version, or holds anything out of place. Nothing is written here.
 */
export function parseBackup(text: string, nowMs = Date.now()): Backup {
  return readBackupText(text, nowMs).backup;
}

/** Called every this many cries checked, so a reader can show progress. */
export const VALIDATION_PROGRESS_EVERY = 5_000;

/**
 * parseBackup, also saying how many future times were set back to now; `onChecked` hears how
 * many cries have been checked, of how many.
 */
export function readBackupText(text: string, nowMs: number, onChecked?: (done: number, total: number) => void): BackupReading {
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
  const rawEpisodes = expectArray(raw.episodes, 'Cries', MAX_BACKUP_EPISODES);
  const episodes = rawEpisodes.map((value, index) => {
    if (index % VALIDATION_PROGRESS_EVERY === 0) onChecked?.(index, rawEpisodes.length);
    const episode = validateEpisode(value, `Cry ${index + 1}`);
    return { ...episode, updatedAt: believable(episode.updatedAt) };
  });
  const episodeIds = new Set<string>();
  episodes.forEach((episode, index) => {
    if (episodeIds.has(episode.id)) fail(`Cry ${index + 1}`, 'appears twice');
    if (!profileIds.has(episode.profileId)) fail(`Cry ${index + 1}`, 'belongs to a baby that is not in the file');
    episodeIds.add(episode.id);
  });
  onChecked?.(episodes.length, episodes.length);
  const backup: Backup = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt, profiles, episodes };
  if (raw.careEntries !== undefined) {
    const care = parseCareEntries(raw.careEntries, profileIds);
    backup.careEntries = care.entries;
    if (care.rejected.length > 0) backup.careEntriesRejected = care.rejected;
  }
  return { backup, futureTimesClamped };
}

/** Refuses a file too large to be a backup before any of it is read into memory. */
export function checkBackupSize(file: Blob): void {
  if (file.size > MAX_BACKUP_BYTES) {
    throw new InputError(`This file is too large to be a CryDecode backup (over ${MAX_BACKUP_BYTES / 1024 / 1024} MB).`);
  }
}

/** Reads a chosen file on the calling thread (the page reads backups in workers/backup-reader.worker.ts). */
export async function readBackupFile(file: Blob, nowMs = Date.now()): Promise<BackupReading> {
  checkBackupSize(file);
  return readBackupText(await file.text(), nowMs);
}

/** How far reading a backup file has got: bytes read, then cries checked. */
export interface BackupReadProgress {
  phase: 'reading' | 'checking';
  done: number;
  total: number;
}

/** The page asks the backup-reading worker to read one file. */
export interface BackupReadRequest {
  file: Blob;
  nowMs: number;
}

/**
 * What the worker answers: progress, the validated cries in batches (one huge message would be
 * deserialized on the page in one long task), then the rest of the backup, or why it failed.
 */
export type BackupReadReply =
  | { type: 'progress'; progress: BackupReadProgress }
  | { type: 'episodes'; episodes: Episode[] }
  | { type: 'done'; backup: Omit<Backup, 'episodes'>; futureTimesClamped: number }
  | { type: 'failed'; message: string; badInput: boolean };

/** About ten years of a busy log for a few babies. */
export const MAX_BACKUP_CARE_ENTRIES = 2_000_000;

export interface ParsedCareEntries {
  entries: CareEntry[];
  /** One message per rejected entry ("Care entry 12, time: …"); the others are kept. */
  rejected: string[];
}

/**
 * Reads a backup's care-log section entry by entry: a malformed entry is rejected with its
 * reason and the rest are kept. A file without the section (older backups) has none.
 */
export function parseCareEntries(value: unknown, profileIds: ReadonlySet<string>): ParsedCareEntries {
  if (value === undefined) return { entries: [], rejected: [] };
  const list = expectArray(value, 'Care log', MAX_BACKUP_CARE_ENTRIES);
  const entries: CareEntry[] = [];
  const rejected: string[] = [];
  const seen = new Set<string>();
  list.forEach((item, index) => {
    const path = `Care entry ${index + 1}`;
    try {
      const entry = validateCareEntry(item, path);
      if (!profileIds.has(entry.profileId)) throw new InputError(`${path}: belongs to a baby that is not in the file`);
      if (seen.has(entry.id)) throw new InputError(`${path}: appears twice`);
      seen.add(entry.id);
      entries.push(entry);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      rejected.push(error.message);
    }
  });
  return { entries, rejected };
}

