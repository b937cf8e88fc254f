import { openHistoryDb, type HistoryDb } from './db.ts';

/**
 * The app's one connection to the history database, opened on first use and shared by the
 * monitor's logger and the history screens. A failed open is not cached, so a later call retries
 * (e.g. after the parent leaves private browsing or frees space).
 */
let connection: Promise<HistoryDb> | null = null;

export function connectHistory(): Promise<HistoryDb> {
  connection ??= openHistoryDb().catch((error: unknown) => {
    connection = null;
    throw error;
  });
  return connection;
}
