import { Dexie } from 'dexie';
import type { CareEntry } from '../domain/care.ts';
import type { HistoryDb } from './db.ts';
import { InputError } from '../records/input-error.ts';
import { guardStorage } from './storage-error.ts';
import { checkCareEntry, checkNoSleepOverlap } from '../records/care-validation.ts';

/** What the parent gives for a new entry: everything but the bookkeeping fields. */
export type CareInput = CareEntry extends infer E ? (E extends CareEntry ? Omit<E, 'id' | 'updatedAt' | 'deleted'> : never) : never;
/** Editable fields: the time(s) and details, never the owner or kind. */
export type CareChanges = Partial<Omit<CareInput, 'kind' | 'profileId'>>;

/** Every entry of one baby, deleted ones included (the caller filters), oldest first. */
async function allOfBaby(db: HistoryDb, profileId: string): Promise<CareEntry[]> {
  return db.careEntries.where('[profileId+time]').between([profileId, Dexie.minKey], [profileId, Dexie.maxKey]).toArray();
}

/** The baby's live entries in time order: what the care screen and the context index read. */
export async function listCareEntries(db: HistoryDb, profileId: string): Promise<CareEntry[]> {
  return guardStorage(async () => (await allOfBaby(db, profileId)).filter((entry) => !entry.deleted));
}

/** Validates against the baby's other entries and stores, in one transaction. */
export async function addCareEntry(db: HistoryDb, input: CareInput, nowMs: number): Promise<CareEntry> {
  const entry = { ...input, id: crypto.randomUUID(), updatedAt: nowMs, deleted: false } as CareEntry;
  return guardStorage(() =>
    db.transaction('rw', db.careEntries, async () => {
      checkCareEntry(entry, await allOfBaby(db, entry.profileId), nowMs);
      await db.careEntries.add(entry);
      return entry;
    }),
  );
}

export async function editCareEntry(db: HistoryDb, id: string, changes: CareChanges, nowMs: number): Promise<CareEntry> {
  return guardStorage(() =>
    db.transaction('rw', db.careEntries, async () => {
      const existing = await db.careEntries.get(id);
      if (existing === undefined || existing.deleted) throw new InputError('This entry no longer exists (it may have been deleted).');
      const edited = { ...existing, ...changes, id, kind: existing.kind, profileId: existing.profileId, updatedAt: nowMs } as CareEntry;
      checkCareEntry(edited, await allOfBaby(db, existing.profileId), nowMs);
      await db.careEntries.put(edited);
      return edited;
    }),
  );
}

/**
 * Deletes by tombstone: the entry stays (hidden) with a new updatedAt, so undo can bring it back
 * and a merge with an older backup cannot resurrect it.
 */
export async function deleteCareEntry(db: HistoryDb, id: string, nowMs: number): Promise<void> {
  await setDeleted(db, id, true, nowMs);
}

/** Undoes a delete. Refused when the entry would now overlap a sleep logged since. */
export async function undoDeleteCareEntry(db: HistoryDb, id: string, nowMs: number): Promise<CareEntry> {
  return setDeleted(db, id, false, nowMs);
}

async function setDeleted(db: HistoryDb, id: string, deleted: boolean, nowMs: number): Promise<CareEntry> {
  return guardStorage(() =>
    db.transaction('rw', db.careEntries, async () => {
      const existing = await db.careEntries.get(id);
      if (existing === undefined) throw new InputError('This entry no longer exists.');
      const next = { ...existing, deleted, updatedAt: nowMs };
      if (!deleted) {
        // The entry passed every check when it was logged; only a sleep logged since can clash.
        checkNoSleepOverlap(next, await allOfBaby(db, existing.profileId), nowMs);
      }
      await db.careEntries.put(next);
      return next;
    }),
  );
}
