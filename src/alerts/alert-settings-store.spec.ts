import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createHistoryDb } from '../log/db.ts';
import { writeSetting } from '../log/profiles.ts';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from './alert-rules.ts';
import { readAlertSettings, writeAlertSettings } from './alert-settings-store.ts';

/** Opens the same in-memory IndexedDB again, as a page reload does. */
async function reopen(indexedDB: IDBFactory): Promise<ReturnType<typeof createHistoryDb>> {
  const db = createHistoryDb({ indexedDB, IDBKeyRange });
  await db.open();
  return db;
}

describe('alert settings storage', () => {
  it('gives the defaults on a fresh database', async () => {
    const db = await reopen(new IDBFactory());
    expect(await readAlertSettings(db)).toEqual(DEFAULT_ALERT_SETTINGS);
  });

  it('round-trips every setting across a reload', async () => {
    const indexedDB = new IDBFactory();
    const first = await reopen(indexedDB);
    const chosen: AlertSettings = {
      chime: false,
      vibration: false,
      notification: false,
      sensitivity: 'fewer-false-alarms',
      delaySeconds: 30,
      cooldownMinutes: 5,
      repeatUntilAcknowledged: true,
    };
    await writeAlertSettings(first, chosen);
    first.close();
    const second = await reopen(indexedDB);
    const warnings: string[] = [];
    expect(await readAlertSettings(second, (m) => warnings.push(m))).toEqual(chosen);
    expect(warnings).toEqual([]);
  });

  it('a damaged stored value falls back to its default with a warning', async () => {
    const db = await reopen(new IDBFactory());
    await writeSetting(db, 'alertSettings', { chime: false, sensitivity: 42 });
    const warnings: string[] = [];
    expect(await readAlertSettings(db, (m) => warnings.push(m))).toEqual({ ...DEFAULT_ALERT_SETTINGS, chime: false });
    expect(warnings).toHaveLength(1);
  });
});
