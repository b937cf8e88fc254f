import type { HistoryDb } from './db.ts';
import type { EpisodeRecord } from '../domain/episode.ts';
import type { Episode } from './types.ts';
import { StorageError, toStorageError } from './storage-error.ts';
import { InputError } from '../records/input-error.ts';
import { addEpisode } from './episodes.ts';
import { ensureActiveProfile } from './profiles.ts';

export interface LoggingStatus {
  /** False after a storage failure: the monitor keeps listening, nothing new is saved. */
  enabled: boolean;
  error: StorageError | null;
}

/**
 * The monitor's door to the history. It never throws: a storage failure (full, unavailable) turns
 * logging off and is reported through `onStatus`, so listening goes on. Call `retry()` after the
 * parent has freed space.
 */
export class EpisodeLogger {
  #status: LoggingStatus = { enabled: true, error: null };

  constructor(
    private readonly connect: () => Promise<HistoryDb>,
    private readonly onStatus: (status: LoggingStatus) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  get status(): LoggingStatus {
    return this.#status;
  }

  /** Saves an episode for the active baby; returns it, or null when logging is off or failed. */
  async logEpisode(record: EpisodeRecord): Promise<Episode | null> {
    if (!this.#status.enabled) return null;
    try {
      const db = await this.connect();
      const profile = await ensureActiveProfile(db, this.now());
      return await addEpisode(db, profile.id, record, this.now());
    } catch (error) {
      // A malformed record is a bug upstream, not a storage fault: drop it, keep logging.
      if (error instanceof InputError) {
        console.error('CryDecode: episode not saved:', error.message);
        return null;
      }
      this.#disable(error);
      return null;
    }
  }

  /** Turns logging back on after the parent fixed the cause. */
  retry(): void {
    this.#status = { enabled: true, error: null };
    this.onStatus(this.#status);
  }

  #disable(error: unknown): void {
    this.#status = { enabled: false, error: toStorageError(error) };
    this.onStatus(this.#status);
  }
}
