import { connectHistory } from '../log/history-store.ts';
import type { HistoryDb } from '../log/db.ts';
import { correctEpisode, forgetCorrections, readLearnedSounds, saveSoundEmbeddings, spreadSample } from '../log/cry-corrections.ts';
import { InputError } from '../records/input-error.ts';
import { StorageError } from '../log/storage-error.ts';
import type { CryCorrection, Episode } from '../log/types.ts';
import { CryAdaptation, DEFAULT_CRY_ADAPTATION, type CryAdaptationOptions } from '../models/cry-adaptation.ts';
import { Emitter } from './emitter.ts';

/** What the screen shows about learning this home's false alarms. */
export interface CryCorrectionsSnapshot {
  /** Corrected sounds the veto uses now ("It learned from 3 corrections"). */
  readonly learnedFrom: number;
  /** Of those, the ones marked "That wasn't crying". */
  readonly falseAlarms: number;
  /** The audio model whose embeddings are used; null before the models are ready. */
  readonly modelVersion: string | null;
  /** Why a correction was not saved or could not be read, in words; null while all is well. */
  readonly error: string | null;
  /** The parent's word on the episode open now, or null. */
  readonly openEpisode: CryCorrection | null;
  /** The last episode saved in this session, with the parent's word on it. */
  readonly lastEpisode: { readonly id: string; readonly correction: CryCorrection | null } | null;
}

export interface CryCorrectionsOptions {
  connect?: () => Promise<HistoryDb>;
  now?: () => number;
  adaptation?: CryAdaptationOptions;
}

function humanError(error: unknown): string {
  if (error instanceof InputError || error instanceof StorageError) return error.message;
  return 'The correction could not be saved. Your history was not changed.';
}

interface MemorySound {
  correction: CryCorrection;
  embeddings: readonly Float32Array[];
}

/**
 * "That wasn't crying" and "Yes, crying", headless: keeps the cry network's embeddings of each
 * episode (never audio) in the history database, rebuilds the on-device veto
 * (src/models/cry-adaptation.ts) from the corrections since the last "Forget", and answers, per
 * window, whether the sound is one this home marked as not crying. The monitor session asks it
 * before a window can count toward an episode, so a vetoed sound opens no episode and no alert.
 */
export class CryCorrectionsSession {
  readonly #connect: () => Promise<HistoryDb>;
  readonly #now: () => number;
  readonly #options: CryAdaptationOptions;
  readonly #changes = new Emitter<CryCorrectionsSnapshot>();
  #adaptation: CryAdaptation;
  /** Corrections of the open episode, used at once but saved only when the episode is. */
  #pending: MemorySound | null = null;
  /** What the stored corrections alone count. */
  #stored = { learnedFrom: 0, falseAlarms: 0 };
  #snapshot: CryCorrectionsSnapshot = { learnedFrom: 0, falseAlarms: 0, modelVersion: null, error: null, openEpisode: null, lastEpisode: null };
  #generation = 0;

  constructor(options: CryCorrectionsOptions = {}) {
    this.#connect = options.connect ?? connectHistory;
    this.#now = options.now ?? Date.now;
    this.#options = options.adaptation ?? DEFAULT_CRY_ADAPTATION;
    this.#adaptation = new CryAdaptation(this.#options);
  }

  get snapshot(): CryCorrectionsSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: (snapshot: CryCorrectionsSnapshot) => void): () => void {
    return this.#changes.on(listener);
  }

  /** The audio model is ready: read what was learned with its embeddings. */
  async setModelVersion(version: string): Promise<void> {
    if (version === this.#snapshot.modelVersion) return;
    this.#update({ modelVersion: version });
    await this.reload();
  }

  /** Rebuilds the veto from storage (after a correction elsewhere, a restore or a Forget). */
  async reload(): Promise<void> {
    const version = this.#snapshot.modelVersion;
    if (version === null) return;
    const generation = ++this.#generation;
    try {
      const sounds = await readLearnedSounds(await this.#connect(), version);
      if (generation !== this.#generation) return;
      const adaptation = new CryAdaptation(this.#options);
      // Oldest first, so when the capacity is reached the newest corrections are the ones kept.
      for (const sound of [...sounds].reverse()) this.#learn(adaptation, sound.correction, sound.embeddings);
      if (this.#pending) this.#learn(adaptation, this.#pending.correction, this.#pending.embeddings);
      this.#adaptation = adaptation;
      const stored = { learnedFrom: sounds.length, falseAlarms: sounds.filter((s) => s.correction === 'false-alarm').length };
      this.#stored = stored;
      this.#update({ ...this.#withPending(stored), error: null });
    } catch (error) {
      if (generation === this.#generation) this.#update({ error: humanError(error) });
    }
  }

  /** Whether this window is one this home marked as not crying (never throws: a bad embedding is not vetoed). */
  vetoes(embedding: Float32Array): boolean {
    try {
      return this.#adaptation.decide(embedding).vetoed;
    } catch {
      return false;
    }
  }

  /**
   * The parent's word on the episode still open (`embeddings`: its windows so far). It is used at
   * once, so the rest of a marked sound stops counting, and saved with the episode when it ends.
   */
  correctOpenEpisode(correction: CryCorrection | null, embeddings: readonly Float32Array[]): void {
    this.#pending = correction === null || embeddings.length === 0 ? null : { correction, embeddings: spreadSample(embeddings) };
    if (this.#pending) this.#learn(this.#adaptation, this.#pending.correction, this.#pending.embeddings);
    else void this.reload();
    this.#update({ openEpisode: correction, ...this.#withPending(this.#stored) });
  }

  /**
   * An episode was saved (`episode` null: it was not): keep its embeddings, with the parent's
   * word given while it was open, so it can be corrected later from History too.
   */
  async episodeSaved(episodeId: string | null, embeddings: readonly Float32Array[]): Promise<void> {
    const pending = this.#pending;
    const correction = this.#snapshot.openEpisode;
    this.#pending = null;
    this.#update({ openEpisode: null, lastEpisode: episodeId === null ? null : { id: episodeId, correction } });
    const version = this.#snapshot.modelVersion;
    if (episodeId === null || version === null || embeddings.length === 0) {
      if (pending) await this.reload();
      return;
    }
    try {
      const db = await this.#connect();
      await saveSoundEmbeddings(db, { id: episodeId, episodeId, modelVersion: version, embeddings, correction: null }, this.#now());
      if (correction !== null) await correctEpisode(db, episodeId, correction, this.#now());
      if (pending) await this.reload();
    } catch (error) {
      this.#update({ error: humanError(error) });
    }
  }

  /** "That wasn't crying" / "Yes, crying" (null: take it back) on a logged episode; the updated episode, or null on failure. */
  async correctEpisode(episodeId: string, correction: CryCorrection | null): Promise<Episode | null> {
    try {
      const { episode } = await correctEpisode(await this.#connect(), episodeId, correction, this.#now());
      const last = this.#snapshot.lastEpisode;
      if (last?.id === episodeId) this.#update({ lastEpisode: { id: episodeId, correction } });
      await this.reload();
      return episode;
    } catch (error) {
      this.#update({ error: humanError(error) });
      return null;
    }
  }

  /** A sound marked on an analysed recording's timeline (not in the log): learned from, kept as embeddings only. */
  async correctRecordingSound(embeddings: readonly Float32Array[], correction: CryCorrection, modelVersion: string): Promise<boolean> {
    try {
      const id = `recording:${crypto.randomUUID()}`;
      await saveSoundEmbeddings(await this.#connect(), { id, episodeId: null, modelVersion, embeddings, correction }, this.#now());
      await this.reload();
      return true;
    } catch (error) {
      this.#update({ error: humanError(error) });
      return false;
    }
  }

  /** "Forget": the shipped detector exactly again; the flags in the log stay. */
  async forget(): Promise<boolean> {
    try {
      await forgetCorrections(await this.#connect(), this.#now());
      this.#pending = null;
      this.#adaptation = new CryAdaptation(this.#options);
      this.#stored = { learnedFrom: 0, falseAlarms: 0 };
      this.#update({ learnedFrom: 0, falseAlarms: 0, openEpisode: null, error: null });
      await this.reload();
      return true;
    } catch (error) {
      this.#update({ error: humanError(error) });
      return false;
    }
  }

  dismissError(): void {
    this.#update({ error: null });
  }

  /** The counts with the open episode's correction, which is in use before it is saved. */
  #withPending(stored: { learnedFrom: number; falseAlarms: number }): { learnedFrom: number; falseAlarms: number } {
    const pending = this.#pending;
    if (pending === null) return stored;
    return { learnedFrom: stored.learnedFrom + 1, falseAlarms: stored.falseAlarms + (pending.correction === 'false-alarm' ? 1 : 0) };
  }

  #learn(adaptation: CryAdaptation, correction: CryCorrection, embeddings: readonly ArrayLike<number>[]): void {
    try {
      for (const embedding of embeddings) {
        if (correction === 'false-alarm') adaptation.markFalseAlarm(embedding);
        else adaptation.confirmCry(embedding);
      }
    } catch (error) {
      // Embeddings of another length than the ones already learned: a different model. Say so.
      this.#update({ error: `A correction could not be used: ${error instanceof Error ? error.message : String(error)}.` });
    }
  }

  #update(change: Partial<CryCorrectionsSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...change };
    this.#changes.emit(this.#snapshot);
  }
}

let shared: CryCorrectionsSession | null = null;

/** The app's one corrections session, shared by the monitor, History and the analyse screen (like connectHistory). */
export function sharedCryCorrections(): CryCorrectionsSession {
  shared ??= new CryCorrectionsSession();
  return shared;
}
