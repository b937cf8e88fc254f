import type { HistoryDb } from '../log/db.ts';
import { readSetting, writeSetting } from '../log/profiles.ts';
import { parseAlertSettings, type AlertSettings } from './alert-rules.ts';

/**
 * Alert settings in the history database's key-value settings table (one key, no schema
 * change). Reading validates: a damaged value gives the defaults with a warning, never a throw
 * from the data itself; a storage failure still rejects, for the caller to show.
 */
export async function readAlertSettings(db: HistoryDb, warn: (message: string) => void = console.warn): Promise<AlertSettings> {
  return parseAlertSettings(await readSetting(db, 'alertSettings'), warn);
}

export async function writeAlertSettings(db: HistoryDb, settings: AlertSettings): Promise<void> {
  await writeSetting(db, 'alertSettings', { ...settings });
}
