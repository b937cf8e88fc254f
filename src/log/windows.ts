import type { HistoryDb } from './db.ts';
import type { WindowRecord } from './types.ts';
import { guardStorage } from './storage-error.ts';

/**
 * Windows kept at most: at one window per 0.5 s this is about 5.5 hours of detail. Older windows
 * are pruned; episodes are never pruned.
 */
export const MAX_KEPT_WINDOWS = 40_000;

/**
 * Appends a batch of analysis windows and, in the same transaction, prunes the oldest so that
 * at most `maxKept` remain. Auto-incremented keys make "oldest" the lowest keys.
 */
export async function addWindows(
  db: HistoryDb,
  windows: readonly WindowRecord[],
  maxKept = MAX_KEPT_WINDOWS,
): Promise<void> {
  if (windows.length === 0) return;
  await guardStorage(() =>
    db.transaction('rw', db.windows, async () => {
      await db.windows.bulkAdd(windows.map(({ id: _id, ...rest }) => rest));
      const excess = (await db.windows.count()) - maxKept;
      if (excess <= 0) return;
      const oldestKeys = await db.windows.orderBy('id').limit(excess).primaryKeys();
      await db.windows.bulkDelete(oldestKeys);
    }),
  );
}

/** The windows of one listening session, oldest first. */
export async function sessionWindows(db: HistoryDb, sessionId: string): Promise<WindowRecord[]> {
  return guardStorage(() => db.windows.where('sessionId').equals(sessionId).sortBy('time'));
}
