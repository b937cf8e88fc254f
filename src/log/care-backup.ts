import type { CareEntry } from '../domain/care.ts';
import type { HistoryDb } from './db.ts';
import { InputError } from './input-error.ts';
import { validateCareEntry } from './care-validation.ts';
import { expectArray } from './validate.ts';

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

/** Gives care entries new ids and their baby's new id (restore as a copy). */
export function careEntriesAsCopies(entries: readonly CareEntry[], newProfileId: (oldId: string) => string): CareEntry[] {
  return entries.map((entry) => ({ ...entry, id: crypto.randomUUID(), profileId: newProfileId(entry.profileId) }));
}

export interface CareMergeSummary {
  careEntriesAdded: number;
  careEntriesUpdated: number;
  careEntriesUnchanged: number;
}

/**
 * Same rule as episodes: ids are kept, a new id is added, and of two copies the more recently
 * changed wins (a tombstone included, so a delete on one phone is not undone by the other's
 * older copy). Call inside the restore transaction.
 */
export async function mergeCareEntries(db: HistoryDb, entries: readonly CareEntry[]): Promise<CareMergeSummary> {
  const existing = await db.careEntries.bulkGet(entries.map((entry) => entry.id));
  const toWrite: CareEntry[] = [];
  let careEntriesAdded = 0;
  let careEntriesUpdated = 0;
  entries.forEach((entry, index) => {
    const here = existing[index];
    if (here === undefined) careEntriesAdded += 1;
    else if (entry.updatedAt > here.updatedAt) careEntriesUpdated += 1;
    else return;
    toWrite.push(entry);
  });
  await db.careEntries.bulkPut(toWrite);
  return { careEntriesAdded, careEntriesUpdated, careEntriesUnchanged: entries.length - toWrite.length };
}
