import type { HistoryDb } from './db.ts';
import type { EpisodeRecord } from '../domain/episode.ts';
import type { Episode, WindowRecord } from './types.ts';
import type { NeedProbabilities } from '../domain/needs.ts';
import { StorageError, toStorageError } from './storage-error.ts';
import { InputError } from './input-error.ts';
import { addEpisode } from './episodes.ts';
import { ensureActiveProfile } from './profiles.ts';
import { addWindows } from './windows.ts';

/** Windows buffered before one write: 20 windows at a 0.5 s hop is one transaction per 10 s. */
export const WINDOWS_PER_WRITE = 20;

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
  #pendingWindows: WindowRecord[] = [];
  #sessionId: string = crypto.randomUUID();

  constructor(
    private readonly connect: () => Promise<HistoryDb>,
    private readonly onStatus: (status: LoggingStatus) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  get status(): LoggingStatus {
    return this.#status;
  }

  /** Starts a new listening session: windows logged from now on share a new session id. */
  startSession(): string {
    this.#sessionId = crypto.randomUUID();
    this.#pendingWindows = [];
    return this.#sessionId;
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

  /** Buffers one analysis window; writes the buffer every WINDOWS_PER_WRITE windows. */
  async logWindow(time: number, cryProbability: number, needProbabilities: NeedProbabilities | null): Promise<void> {
    if (!this.#status.enabled) return;
    this.#pendingWindows.push({ sessionId: this.#sessionId, profileId: '', time, cryProbability, needProbabilities });
    if (this.#pendingWindows.length >= WINDOWS_PER_WRITE) await this.flush();
  }

  /** Writes buffered windows now (e.g. when listening stops). */
  async flush(): Promise<void> {
    const batch = this.#pendingWindows;
    this.#pendingWindows = [];
    if (!this.#status.enabled || batch.length === 0) return;
    try {
      const db = await this.connect();
      const profile = await ensureActiveProfile(db, this.now());
      await addWindows(db, batch.map((window) => ({ ...window, profileId: profile.id })));
    } catch (error) {
      this.#disable(error);
    }
  }

  /** Turns logging back on after the parent fixed the cause. */
  retry(): void {
    this.#status = { enabled: true, error: null };
    this.onStatus(this.#status);
  }

  #disable(error: unknown): void {
    this.#pendingWindows = [];
    this.#status = { enabled: false, error: toStorageError(error) };
    this.onStatus(this.#status);
  }
}
