import { JSONParser, type ParsedElementInfo } from '@streamparser/json';
import type { Episode, Profile } from '../log/types.ts';
import type { CareEntry } from '../domain/care.ts';
import { InputError } from './input-error.ts';
import { validateEpisode, validateProfile } from './episode-validation.ts';
import { validateCareEntry } from './care-validation.ts';
import { expectAllowedKey, expectArray, expectInteger, expectKnownKey, expectString, fail, failMissingKey } from './validate.ts';
import { cleanProfileInput } from './profile-input.ts';
import { localIsoDate, localOffsetMinutesAt } from './local-time.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  checkBackupSize,
  FUTURE_TIME_TOLERANCE_MS,
  MAX_BACKUP_CARE_ENTRIES,
  MAX_BACKUP_EPISODES,
  MAX_BACKUP_PROFILES,
  type Backup,
  type BackupReading,
} from './backup-format.ts';

/**
 * Reads a backup file as it streams in, so that neither the file's text nor its parsed tree is
 * ever held whole: a 600 000-cry backup is about 200 MB of text. Each cry and care entry is
 * checked as soon as its closing brace arrives and handed on in batches; what stays behind is
 * the small part (format, version, babies) and the ids seen, to find a cry listed twice.
 *
 * This is the only reader: readBackupText feeds it a whole text at once, the backup-reading
 * worker feeds it the file's chunks, so the two cannot disagree.
 */

const MAX_TIMESTAMP_TEXT_LENGTH = 40;
const REQUIRED_SECTIONS = ['format', 'version', 'exportedAt', 'profiles', 'episodes'] as const;
const SECTIONS: ReadonlySet<string> = new Set([...REQUIRED_SECTIONS, 'careEntries']);
/** Cries and care entries handed on at a time, unless the caller asks for another size. */
export const DEFAULT_BATCH_SIZE = 250;

/** Where the checked cries and care entries go, in file order, a batch at a time. */
export interface BackupRecordSink {
  episodes(batch: Episode[]): void;
  careEntries(batch: CareEntry[]): void;
}

/** Everything but the cries and care entries, which went to the sink. */
export interface StreamedBackup {
  backup: Omit<Backup, 'episodes' | 'careEntries'>;
  /** The file has a care-log section (backups made before the care log have none). */
  hasCareLog: boolean;
  episodeCount: number;
  careEntryCount: number;
  /** As BackupReading.futureTimesClamped. */
  futureTimesClamped: number;
}

const NOT_JSON = 'This file cannot be read as a CryDecode backup: it is not valid JSON (it may be incomplete or damaged).';
const NOT_A_BACKUP = 'This file is not a CryDecode backup.';

export class BackupStreamReader {
  readonly #nowMs: number;
  readonly #sink: BackupRecordSink;
  readonly #batchSize: number;
  readonly #parser = new JSONParser({ paths: ['$', '$.*', '$.episodes.*', '$.careEntries.*'] });
  #failure: Error | null = null;
  #documentEnded = false;

  readonly #sectionsSeen = new Set<string>();
  #version: number | null = null;
  #exportedAt: string | null = null;
  #profiles: Profile[] | null = null;
  #profileIds: ReadonlySet<string> | null = null;
  #futureTimesClamped = 0;

  readonly #episodeIds = new Set<string>();
  /** Babies named by cries read before the babies' section: checked when it comes (first cry index each). */
  readonly #babiesToCheck = new Map<string, number>();
  #episodeCount = 0;
  #episodeBatch: Episode[] = [];

  readonly #careIds = new Set<string>();
  /** Care entries read before the babies' section, held in order until it comes (never in a file the app wrote). */
  #careWaitingForBabies: { value: unknown; index: number }[] = [];
  readonly #careRejected: string[] = [];
  #careEntryCount = 0;
  #careBatch: CareEntry[] = [];

  constructor(nowMs: number, sink: BackupRecordSink, batchSize = DEFAULT_BATCH_SIZE) {
    this.#nowMs = nowMs;
    this.#sink = sink;
    this.#batchSize = batchSize;
    this.#parser.onValue = (info) => {
      this.#take(info);
    };
    // The parser routes a throw from onValue here too: the first failure is the one reported.
    this.#parser.onError = (error) => {
      this.#failure ??= error;
    };
  }

  /** Cries checked so far. */
  get episodeCount(): number {
    return this.#episodeCount;
  }

  /** Feeds the next piece of the file (UTF-8 bytes or text). Throws InputError with the first problem found. */
  write(chunk: Uint8Array | string): void {
    this.#throwIfFailed();
    this.#parser.write(chunk);
    this.#throwIfFailed();
  }

  /** The file is over: hands on the last batches and returns the rest, or throws InputError. */
  end(): StreamedBackup {
    this.#throwIfFailed();
    // The parser ends by itself when the top-level object closes; a file cut short has not.
    if (!this.#parser.isEnded) this.#parser.end();
    this.#throwIfFailed();
    if (!this.#documentEnded) throw new InputError(NOT_JSON);
    if (!this.#sectionsSeen.has('format')) throw new InputError(NOT_A_BACKUP);
    for (const section of REQUIRED_SECTIONS) {
      if (!this.#sectionsSeen.has(section)) failMissingKey(section, 'Backup');
    }
    // Unreachable once every section was seen (each is set as it is checked); kept for the types.
    if (this.#version === null || this.#exportedAt === null || this.#profiles === null) throw new InputError(NOT_A_BACKUP);
    this.#flush();
    const backup: StreamedBackup['backup'] = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: this.#exportedAt, profiles: this.#profiles };
    if (this.#careRejected.length > 0) backup.careEntriesRejected = this.#careRejected;
    return {
      backup,
      hasCareLog: this.#sectionsSeen.has('careEntries'),
      episodeCount: this.#episodeCount,
      careEntryCount: this.#careEntryCount,
      futureTimesClamped: this.#futureTimesClamped,
    };
  }

  #throwIfFailed(): void {
    const failure = this.#failure;
    if (failure === null) return;
    // The parser's own words ("Unexpected token…") mean nothing to a parent.
    throw failure instanceof InputError ? failure : new InputError(NOT_JSON);
  }

  #take({ value, key, parent, stack }: ParsedElementInfo): void {
    if (stack.length === 0) {
      this.#documentEnded = true;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(NOT_A_BACKUP);
      return;
    }
    if (stack.length === 1) {
      if (typeof key !== 'string') throw new InputError(NOT_A_BACKUP);
      this.#section(key, value);
      return;
    }
    // An element of the cries or care-log list (members of a section that is not a list are
    // left for the section's own check, which refuses it).
    if (!Array.isArray(parent) || typeof key !== 'number') return;
    // The parser keeps what it has emitted until the list closes: dropping each element once
    // read is what keeps memory to one batch.
    parent.pop();
    const section = stack[1]?.key;
    if (section === 'episodes') this.#episode(value, key);
    else if (section === 'careEntries') this.#careEntry(value, key);
  }

  #section(key: string, value: unknown): void {
    expectAllowedKey(key, 'Backup');
    // Another app's JSON (a field no backup has, before any format was named) is not "damaged".
    if (!SECTIONS.has(key) && !this.#sectionsSeen.has('format')) throw new InputError(NOT_A_BACKUP);
    expectKnownKey(key, 'Backup', SECTIONS);
    if (this.#sectionsSeen.has(key)) fail('Backup', `has the field "${key}" twice`);
    this.#sectionsSeen.add(key);
    switch (key) {
      case 'format':
        if (value !== BACKUP_FORMAT) throw new InputError(NOT_A_BACKUP);
        return;
      case 'version':
        this.#version = expectInteger(value, 'Backup version', 1, Number.MAX_SAFE_INTEGER);
        if (this.#version > BACKUP_VERSION) {
          throw new InputError(`This backup was made by a newer version of CryDecode (format ${this.#version}). Update the app, then restore it.`);
        }
        return;
      case 'exportedAt': {
        const exportedAt = expectString(value, 'Backup date', MAX_TIMESTAMP_TEXT_LENGTH, false);
        if (Number.isNaN(Date.parse(exportedAt))) fail('Backup date', 'is not a date');
        this.#exportedAt = exportedAt;
        return;
      }
      case 'profiles':
        this.#setProfiles(value);
        return;
      case 'episodes':
        // Its elements were read one by one; what arrives here is the emptied list, or not a list.
        expectArray(value, 'Cries', MAX_BACKUP_EPISODES);
        return;
      case 'careEntries':
        expectArray(value, 'Care log', MAX_BACKUP_CARE_ENTRIES);
        return;
    }
  }

  /** A phone's clock may run ahead; a last change later than tomorrow is set to now, so it cannot win every merge. */
  #believable(time: number): number {
    if (time <= this.#nowMs + FUTURE_TIME_TOLERANCE_MS) return time;
    this.#futureTimesClamped += 1;
    return this.#nowMs;
  }

  #setProfiles(value: unknown): void {
    const today = localIsoDate(this.#nowMs, localOffsetMinutesAt(this.#nowMs));
    const profiles = expectArray(value, 'Babies', MAX_BACKUP_PROFILES).map((item, index) => {
      const path = `Baby ${index + 1}`;
      const profile = validateProfile(item, path);
      let cleaned: { name: string; birthDate: string | null };
      try {
        cleaned = cleanProfileInput(profile, today);
      } catch (error) {
        if (error instanceof InputError) fail(path, error.message);
        throw error;
      }
      return { ...profile, ...cleaned, createdAt: this.#believable(profile.createdAt) };
    });
    const ids = new Set<string>();
    for (const profile of profiles) {
      if (ids.has(profile.id)) fail(`Baby "${profile.name}"`, 'appears twice');
      ids.add(profile.id);
    }
    this.#profiles = profiles;
    this.#profileIds = ids;
    for (const [profileId, index] of this.#babiesToCheck) {
      if (!ids.has(profileId)) fail(`Cry ${index + 1}`, 'belongs to a baby that is not in the file');
    }
    this.#babiesToCheck.clear();
    const waiting = this.#careWaitingForBabies;
    this.#careWaitingForBabies = [];
    for (const { value: entry, index } of waiting) this.#careEntry(entry, index);
  }

  #hasBaby(profileId: string): boolean | null {
    return this.#profileIds === null ? null : this.#profileIds.has(profileId);
  }

  #episode(value: unknown, index: number): void {
    if (index >= MAX_BACKUP_EPISODES) fail('Cries', `has more than ${MAX_BACKUP_EPISODES} items`);
    const path = `Cry ${index + 1}`;
    const episode = validateEpisode(value, path);
    if (this.#episodeIds.has(episode.id)) fail(path, 'appears twice');
    this.#episodeIds.add(episode.id);
    const known = this.#hasBaby(episode.profileId);
    if (known === false) fail(path, 'belongs to a baby that is not in the file');
    if (known === null && !this.#babiesToCheck.has(episode.profileId)) this.#babiesToCheck.set(episode.profileId, index);
    this.#episodeBatch.push({ ...episode, updatedAt: this.#believable(episode.updatedAt) });
    this.#episodeCount += 1;
    if (this.#episodeBatch.length >= this.#batchSize) this.#flushEpisodes();
  }

  /** A malformed care entry is left out with its reason; the rest are kept. */
  #careEntry(value: unknown, index: number): void {
    if (index >= MAX_BACKUP_CARE_ENTRIES) fail('Care log', `has more than ${MAX_BACKUP_CARE_ENTRIES} items`);
    if (this.#profileIds === null) {
      this.#careWaitingForBabies.push({ value, index });
      return;
    }
    const path = `Care entry ${index + 1}`;
    try {
      const entry = validateCareEntry(value, path);
      if (this.#hasBaby(entry.profileId) !== true) throw new InputError(`${path}: belongs to a baby that is not in the file`);
      if (this.#careIds.has(entry.id)) throw new InputError(`${path}: appears twice`);
      this.#careIds.add(entry.id);
      this.#careBatch.push(entry);
      this.#careEntryCount += 1;
      if (this.#careBatch.length >= this.#batchSize) this.#flushCare();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.#careRejected.push(error.message);
    }
  }

  #flushEpisodes(): void {
    if (this.#episodeBatch.length === 0) return;
    const batch = this.#episodeBatch;
    this.#episodeBatch = [];
    this.#sink.episodes(batch);
  }

  #flushCare(): void {
    if (this.#careBatch.length === 0) return;
    const batch = this.#careBatch;
    this.#careBatch = [];
    this.#sink.careEntries(batch);
  }

  #flush(): void {
    this.#flushEpisodes();
    this.#flushCare();
  }
}

/**
 * Parses and fully validates a backup file's whole text (Node scripts, tests), also saying how
 * many future times were set back to now. Throws InputError with a message for the parent when
 * the file is not JSON (or cut off), not a CryDecode backup, from an unknown version, or holds
 * anything out of place. Nothing is written here.
 */
export function readBackupText(text: string, nowMs: number): BackupReading {
  const episodes: Episode[] = [];
  const careEntries: CareEntry[] = [];
  const reader = new BackupStreamReader(nowMs, {
    episodes: (batch) => {
      for (const episode of batch) episodes.push(episode);
    },
    careEntries: (batch) => {
      for (const entry of batch) careEntries.push(entry);
    },
  });
  reader.write(text);
  const { backup, hasCareLog, futureTimesClamped } = reader.end();
  const { careEntriesRejected, ...rest } = backup;
  const whole: Backup = { ...rest, episodes };
  if (hasCareLog) whole.careEntries = careEntries;
  if (careEntriesRejected !== undefined) whole.careEntriesRejected = careEntriesRejected;
  return { backup: whole, futureTimesClamped };
}

/** readBackupText without the count of corrected times. */
export function parseBackup(text: string, nowMs = Date.now()): Backup {
  return readBackupText(text, nowMs).backup;
}

/** Reads a chosen file on the calling thread (the page reads backups in workers/backup-reader.worker.ts). */
export async function readBackupFile(file: Blob, nowMs = Date.now()): Promise<BackupReading> {
  checkBackupSize(file);
  return readBackupText(await file.text(), nowMs);
}
