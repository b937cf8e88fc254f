import type { CareEntry } from '../domain/care.ts';
import type { HistoryDb } from './db.ts';

export { MAX_BACKUP_CARE_ENTRIES } from '../records/backup-format.ts';

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
