import { Dexie } from 'dexie';
import type { HistoryDb } from './db.ts';
import type { Profile, SettingValues } from './types.ts';
import { guardStorage } from './storage-error.ts';
import { InputError } from '../records/input-error.ts';
import { cleanProfileInput, type ProfileInput } from '../records/profile-input.ts';

/** Avatar colours, readable against the dark theme; a new baby gets the next one. */
export const AVATAR_COLORS = ['#f4a261', '#2a9d8f', '#e76f51', '#8ab4f8', '#c792ea', '#e9c46a'] as const;

export const DEFAULT_PROFILE_NAME = 'My baby';

export { cleanBirthDate, cleanProfileInput, cleanProfileName, type ProfileInput } from '../records/profile-input.ts';

export async function listProfiles(db: HistoryDb): Promise<Profile[]> {
  return guardStorage(() => db.profiles.orderBy('createdAt').toArray());
}

export async function createProfile(
  db: HistoryDb,
  input: ProfileInput,
  nowMs: number,
  todayIso: string,
): Promise<Profile> {
  const { name, birthDate } = cleanProfileInput(input, todayIso);
  return guardStorage(() =>
    db.transaction('rw', db.profiles, async () => {
      const count = await db.profiles.count();
      const profile: Profile = {
        id: crypto.randomUUID(),
        name,
        birthDate,
        avatarColor: input.avatarColor ?? AVATAR_COLORS[count % AVATAR_COLORS.length] ?? AVATAR_COLORS[0],
        createdAt: nowMs,
      };
      await db.profiles.add(profile);
      return profile;
    }),
  );
}

export async function updateProfile(
  db: HistoryDb,
  id: string,
  input: ProfileInput,
  todayIso: string,
): Promise<Profile> {
  const { name, birthDate } = cleanProfileInput(input, todayIso);
  return guardStorage(() =>
    db.transaction('rw', db.profiles, async () => {
      const existing = await db.profiles.get(id);
      if (!existing) throw new InputError('This baby no longer exists.');
      const updated: Profile = { ...existing, name, birthDate, avatarColor: input.avatarColor ?? existing.avatarColor };
      await db.profiles.put(updated);
      return updated;
    }),
  );
}

export async function readSetting<K extends keyof SettingValues>(
  db: HistoryDb,
  key: K,
): Promise<SettingValues[K] | undefined> {
  const row = await guardStorage(() => db.settings.get(key));
  return row?.value as SettingValues[K] | undefined;
}

export async function writeSetting<K extends keyof SettingValues>(
  db: HistoryDb,
  key: K,
  value: SettingValues[K],
): Promise<void> {
  await guardStorage(() => db.transaction('rw', db.settings, () => db.settings.put({ key, value })));
}

export async function setActiveProfile(db: HistoryDb, id: string): Promise<void> {
  await guardStorage(() =>
    db.transaction('rw', db.profiles, db.settings, async () => {
      if (!(await db.profiles.get(id))) throw new InputError('This baby no longer exists.');
      await db.settings.put({ key: 'activeProfileId', value: id });
    }),
  );
}

/**
 * The baby monitoring logs to. Creates a first profile when there is none, and repairs an
 * active id that points at nothing (e.g. after "delete all"), so logging always has an owner.
 */
export async function ensureActiveProfile(db: HistoryDb, nowMs: number): Promise<Profile> {
  return guardStorage(() =>
    db.transaction('rw', db.profiles, db.settings, async () => {
      const setting = await db.settings.get('activeProfileId');
      const active = typeof setting?.value === 'string' ? await db.profiles.get(setting.value) : undefined;
      if (active) return active;
      let profile = await db.profiles.orderBy('createdAt').first();
      if (!profile) {
        profile = {
          id: crypto.randomUUID(),
          name: DEFAULT_PROFILE_NAME,
          birthDate: null,
          avatarColor: AVATAR_COLORS[0],
          createdAt: nowMs,
        };
        await db.profiles.add(profile);
      }
      await db.settings.put({ key: 'activeProfileId', value: profile.id });
      return profile;
    }),
  );
}

/** Whether a baby has anything logged: a cry or a care entry (deleted ones do not count). */
async function hasHistory(db: HistoryDb, profileId: string): Promise<boolean> {
  if ((await db.episodes.where('profileId').equals(profileId).count()) > 0) return true;
  return (await db.careEntries.where('profileId').equals(profileId).filter((entry) => !entry.deleted).count()) > 0;
}

/** Epoch ms of the baby's latest cry, or -Infinity without one. */
async function latestCryAt(db: HistoryDb, profileId: string): Promise<number> {
  const latest = await db.episodes.where('[profileId+startedAt+id]').between([profileId, Dexie.minKey, Dexie.minKey], [profileId, Dexie.maxKey, Dexie.maxKey]).last();
  return latest?.startedAt ?? Number.NEGATIVE_INFINITY;
}

/**
 * After a restore: when the active baby has nothing logged (the placeholder a fresh phone made on
 * its first start) and the backup brought babies that do, the one with the latest cry becomes
 * active, so monitoring, the care log and History show the restored baby. A baby with its own
 * history stays active: a restore never moves the parent's logging elsewhere. Returns the newly
 * active baby, or null when nothing changed. The empty placeholder is kept (nothing is deleted).
 */
export async function adoptRestoredBaby(db: HistoryDb, nowMs: number): Promise<Profile | null> {
  return guardStorage(async () => {
    const active = await ensureActiveProfile(db, nowMs);
    if (await hasHistory(db, active.id)) return null;
    let best: { profile: Profile; latest: number } | null = null;
    for (const profile of await db.profiles.toArray()) {
      if (profile.id === active.id || !(await hasHistory(db, profile.id))) continue;
      const latest = await latestCryAt(db, profile.id);
      if (best === null || latest > best.latest || (latest === best.latest && profile.createdAt > best.profile.createdAt)) best = { profile, latest };
    }
    if (best === null) return null;
    await setActiveProfile(db, best.profile.id);
    return best.profile;
  });
}
