import type { Episode, Profile } from '../log/types.ts';
import type { CareEntry } from '../domain/care.ts';
import { InputError } from './input-error.ts';

/**
 * The backup file's layout and limits. Reading and checking it is backup-stream-reader.ts (one
 * reader for the worker and for Node); writing it lives in log/backup.ts.
 */
export const BACKUP_FORMAT = 'crydecode-backup';
/** Bump when the file layout changes; restore refuses versions it does not know. */
export const BACKUP_VERSION = 1;
/** Largest backup file read: about 300 000 episodes. Bigger is not a CryDecode backup. */
export const MAX_BACKUP_BYTES = 200 * 1024 * 1024;
export const MAX_BACKUP_PROFILES = 100;
export const MAX_BACKUP_EPISODES = 1_000_000;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO 8601 instant the backup was made. */
  exportedAt: string;
  profiles: Profile[];
  episodes: Episode[];
  /** The care log (absent in backups made before it existed). */
  careEntries?: CareEntry[];
  /** Set on reading: one message per malformed care entry left out (the rest are kept). */
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

/** Refuses a file too large to be a backup before any of it is read into memory. */
export function checkBackupSize(file: Blob): void {
  if (file.size > MAX_BACKUP_BYTES) {
    throw new InputError(`This file is too large to be a CryDecode backup (over ${MAX_BACKUP_BYTES / 1024 / 1024} MB).`);
  }
}

/** About ten years of a busy log for a few babies. */
export const MAX_BACKUP_CARE_ENTRIES = 2_000_000;
