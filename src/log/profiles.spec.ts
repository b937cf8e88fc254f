import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createProfile, DEFAULT_PROFILE_NAME, ensureActiveProfile, listProfiles, readSetting, setActiveProfile, updateProfile } from './profiles.ts';
import { deleteAllData } from './backup.ts';
import { InputError } from '../records/input-error.ts';
import { freshHistoryDb } from '../../tests/unit/history-fixtures.ts';

const TODAY = '2026-11-25';

describe('profiles', () => {
  it('adds babies with trimmed names and distinct colours, oldest first', async () => {
    const db = await freshHistoryDb();
    const ada = await createProfile(db, { name: '  Ada ', birthDate: '2026-09-01' }, 1, TODAY);
    const bo = await createProfile(db, { name: 'Bo', birthDate: null }, 2, TODAY);
    expect(ada.name).toBe('Ada');
    expect(ada.avatarColor).not.toBe(bo.avatarColor);
    expect((await listProfiles(db)).map((p) => p.name)).toEqual(['Ada', 'Bo']);
  });

  it('rejects blank names, impossible and future birth dates', async () => {
    const db = await freshHistoryDb();
    await expect(createProfile(db, { name: '  ', birthDate: null }, 1, TODAY)).rejects.toThrow('Please enter a name.');
    await expect(createProfile(db, { name: 'A', birthDate: '2026-02-30' }, 1, TODAY)).rejects.toThrow(/not a valid date/);
    await expect(createProfile(db, { name: 'A', birthDate: '2026-12-01' }, 1, TODAY)).rejects.toThrow(/future/);
    expect(await db.profiles.count()).toBe(0);
  });

  it('renames a baby', async () => {
    const db = await freshHistoryDb();
    const ada = await createProfile(db, { name: 'Ada', birthDate: null }, 1, TODAY);
    const renamed = await updateProfile(db, ada.id, { name: 'Ada Lovelace', birthDate: '2026-09-01' }, TODAY);
    expect(await db.profiles.get(ada.id)).toEqual({ ...ada, name: 'Ada Lovelace', birthDate: '2026-09-01' });
    expect(renamed.name).toBe('Ada Lovelace');
  });

  it('switches the active baby and refuses an unknown one', async () => {
    const db = await freshHistoryDb();
    await createProfile(db, { name: 'Ada', birthDate: null }, 1, TODAY);
    const bo = await createProfile(db, { name: 'Bo', birthDate: null }, 2, TODAY);
    await setActiveProfile(db, bo.id);
    expect(await readSetting(db, 'activeProfileId')).toBe(bo.id);
    expect((await ensureActiveProfile(db, 3)).id).toBe(bo.id);
    await expect(setActiveProfile(db, 'ghost')).rejects.toBeInstanceOf(InputError);
    expect(await readSetting(db, 'activeProfileId')).toBe(bo.id);
  });

  it('always has a baby to log to, also after everything was deleted', async () => {
    const db = await freshHistoryDb();
    const first = await ensureActiveProfile(db, 1);
    expect(first.name).toBe(DEFAULT_PROFILE_NAME);
    expect((await ensureActiveProfile(db, 2)).id).toBe(first.id);
    await deleteAllData(db);
    const again = await ensureActiveProfile(db, 3);
    expect(again.id).not.toBe(first.id);
    expect(await db.profiles.count()).toBe(1);
  });
});
