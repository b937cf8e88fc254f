import type { CareEntry, NappyContent, SleepEntry } from '../domain/care.ts';
import { addCareEntry, deleteCareEntry, editCareEntry, listCareEntries, type CareChanges } from '../log/care-log.ts';
import { clockTime } from '../records/care-validation.ts';
import type { HistoryDb } from '../log/db.ts';
import { InputError } from '../records/input-error.ts';
import { pageEpisodes } from '../log/episodes.ts';
import { ensureActiveProfile, readSetting, writeSetting } from '../log/profiles.ts';
import { isNeed } from '../domain/needs.ts';
import { trackRecord, trackRecordSentence, type AnsweredEpisode } from '../models/context/track-record.ts';
import { buildCareIndex, type CareIndex } from '../models/context/care-index.ts';
import { EMPTY_LEARNER, estimateContext, type ContextEstimate, type ContextLearner } from '../models/context/model.ts';
import { Emitter } from './emitter.ts';

/** The one-tap actions of the monitor's care buttons. */
export type CareAction = { kind: 'feed' } | { kind: 'sleep-start' } | { kind: 'wake' } | { kind: 'nappy'; content: NappyContent };

/** What the last tap did, so that Undo can take exactly that back. */
interface LastAction {
  /** 'added': a new entry (undo deletes it); 'woke': an open sleep was ended (undo reopens it). */
  type: 'added' | 'woke';
  entryId: string;
  /** "Fed at 14:02", "Woke up at 09:10": shown beside the Undo button. */
  label: string;
}

/** Plain data for the UI; entries are the baby's live ones, oldest first. */
export interface CareSnapshot {
  status: 'loading' | 'ready' | 'failed';
  babyName: string;
  birthDate: string | null;
  entries: readonly CareEntry[];
  /** True while the latest logged sleep is still open. */
  asleep: boolean;
  lastAction: { label: string } | null;
  /** The parent's last problem: a validation message or a storage failure, as a sentence. */
  error: { kind: 'input' | 'storage'; message: string } | null;
  /** True while an add or undo is being saved (buttons wait). */
  busy: boolean;
  /** Answers the context model has learned from for this baby (since the last "Forget"). */
  answersLearned: number;
  /** "For Mia, the first guess matched …", or null before enough answered episodes. */
  trackRecord: string | null;
}

const INITIAL: CareSnapshot = { status: 'loading', babyName: 'Your baby', birthDate: null, entries: [], asleep: false, lastAction: null, error: null, busy: false, answersLearned: 0, trackRecord: null };

const ACTION_WORD: Record<CareAction['kind'], string> = { feed: 'Fed', 'sleep-start': 'Fell asleep', wake: 'Woke up', nappy: 'Nappy' };

function openSleep(entries: readonly CareEntry[]): SleepEntry | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as CareEntry;
    if (entry.kind === 'sleep') return entry.endTime === null ? entry : null;
  }
  return null;
}

/** A sleep's end as an edit (CareChanges lists only the fields every kind shares, so a literal would be refused). */
function sleepEnd(endTime: number | null): CareChanges {
  const changes: Partial<SleepEntry> = { endTime };
  return changes;
}

/** The stored forget points, keeping only well-formed ones (the row may be damaged or from another version). */
function forgottenMap(value: unknown): Readonly<Record<string, number>> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((pair): pair is [string, number] => typeof pair[1] === 'number' && Number.isFinite(pair[1])));
}

function messageOf(error: unknown): { kind: 'input' | 'storage'; message: string } {
  if (error instanceof InputError) return { kind: 'input', message: error.message };
  // StorageError carries a human message already; anything else is still said, never swallowed.
  return { kind: 'storage', message: error instanceof Error ? `The care log could not be saved or read: ${error.message}` : 'The care log could not be saved or read.' };
}

/**
 * The active baby's care log, headless: loads the entries, keeps the context index built from
 * them (so an estimate is a few binary searches), and runs the one-tap adds and their undo.
 */
export class CareSession {
  #snapshot: CareSnapshot = INITIAL;
  #index: CareIndex = buildCareIndex([]);
  #profileId: string | null = null;
  #last: LastAction | null = null;
  #learner: ContextLearner = EMPTY_LEARNER;
  readonly #changes = new Emitter<CareSnapshot>();
  readonly #connect: () => Promise<HistoryDb>;
  readonly #now: () => number;

  constructor(connect: () => Promise<HistoryDb>, now: () => number = Date.now) {
    this.#connect = connect;
    this.#now = now;
  }

  get snapshot(): CareSnapshot {
    return this.#snapshot;
  }

  get index(): CareIndex {
    return this.#index;
  }

  subscribe(listener: (snapshot: CareSnapshot) => void): () => void {
    return this.#changes.on(listener);
  }

  /** (Re)loads the active baby's log; call again when the active baby changes. */
  async load(): Promise<void> {
    try {
      const db = await this.#connect();
      const profile = await ensureActiveProfile(db, this.#now());
      // Undo belongs to the baby it was logged for; another baby starts with nothing to undo.
      if (profile.id !== this.#profileId) this.#last = null;
      this.#profileId = profile.id;
      const entries = await listCareEntries(db, profile.id);
      this.#setEntries(entries, { status: 'ready', babyName: profile.name, birthDate: profile.birthDate, error: null });
      await this.#relearn(db);
    } catch (error) {
      this.#publish({ status: 'failed', error: messageOf(error) });
    }
  }

  /** Logs one tap at `now − minutesAgo`. Returns false (with the message in the snapshot) when refused. */
  async log(action: CareAction, minutesAgo = 0): Promise<boolean> {
    const profileId = this.#profileId;
    if (profileId === null) {
      this.#publish({ error: { kind: 'storage', message: 'The care log is not loaded yet, so nothing was logged. Try again in a moment.' } });
      return false;
    }
    const now = this.#now();
    const time = now - minutesAgo * 60_000;
    this.#publish({ busy: true });
    try {
      const db = await this.#connect();
      let entryId: string;
      if (action.kind === 'wake') {
        const open = openSleep(this.#snapshot.entries);
        if (open === null) throw new InputError('No sleep is open: tap "Fell asleep" first.');
        entryId = (await editCareEntry(db, open.id, sleepEnd(time), now)).id;
      } else {
        const input =
          action.kind === 'feed'
            ? ({ kind: 'feed', profileId, time, method: 'unspecified', amountMl: null } as const)
            : action.kind === 'sleep-start'
              ? ({ kind: 'sleep', profileId, time, endTime: null } as const)
              : ({ kind: 'nappy', profileId, time, content: action.content } as const);
        entryId = (await addCareEntry(db, input, now)).id;
      }
      const word = action.kind === 'nappy' ? `Nappy (${action.content})` : ACTION_WORD[action.kind];
      this.#last = { type: action.kind === 'wake' ? 'woke' : 'added', entryId, label: `${word} at ${clockTime(time, now)}` };
      await this.#reload(db, { error: null });
      return true;
    } catch (error) {
      this.#publish({ busy: false, error: messageOf(error) });
      return false;
    }
  }

  /** Takes back the last tap: deletes an added entry, or reopens a sleep that a wake-up closed. */
  async undo(): Promise<void> {
    const last = this.#last;
    if (last === null) return;
    const now = this.#now();
    this.#publish({ busy: true });
    try {
      const db = await this.#connect();
      if (last.type === 'added') await deleteCareEntry(db, last.entryId, now);
      else await editCareEntry(db, last.entryId, sleepEnd(null), now);
      this.#last = null;
      await this.#reload(db, { error: null });
    } catch (error) {
      this.#publish({ busy: false, error: messageOf(error) });
    }
  }

  /** Hides the shown message once the parent has read it. */
  dismissError(): void {
    this.#publish({ error: null });
  }

  /**
   * "Forget what it learned about this baby": answers to cries up to now are no longer learned
   * from (they stay in the history). Persisted per baby in the settings table.
   */
  async forget(): Promise<void> {
    const profileId = this.#profileId;
    if (profileId === null) return;
    try {
      const db = await this.#connect();
      const forgotten = forgottenMap(await readSetting(db, 'contextForgottenAt'));
      await writeSetting(db, 'contextForgottenAt', { ...forgotten, [profileId]: this.#now() });
      await this.#relearn(db);
    } catch (error) {
      this.#publish({ error: messageOf(error) });
    }
  }

  /**
   * The learner is rebuilt from the baby's answered episodes (prequentially, as the track record
   * judges them) rather than stored as counts, so changing or deleting an answer can never leave
   * it counted twice or counted after it was taken back.
   */
  async #relearn(db: HistoryDb): Promise<void> {
    const profileId = this.#profileId;
    if (profileId === null) return;
    const since = forgottenMap(await readSetting(db, 'contextForgottenAt'))[profileId] ?? Number.NEGATIVE_INFINITY;
    const answered: AnsweredEpisode[] = [];
    for await (const page of pageEpisodes(db, { profileId, fromMs: 0, toMs: Number.MAX_SAFE_INTEGER }, 'oldest-first')) {
      for (const episode of page) {
        if (episode.startedAt > since && episode.actualReason !== null && isNeed(episode.actualReason)) answered.push({ id: episode.id, startedAt: episode.startedAt, answer: episode.actualReason });
      }
    }
    const record = trackRecord(this.#index, answered, { babyName: this.#snapshot.babyName, birthDate: this.#snapshot.birthDate });
    this.#learner = record.learner;
    this.#publish({ answersLearned: record.learner.answered, trackRecord: trackRecordSentence(record, this.#snapshot.babyName) });
  }

  /** The context estimate at `t` (default now), from the built index: no database read. */
  estimate(t: number = this.#now()): ContextEstimate {
    return estimateContext(this.#index, this.#learner, t, { babyName: this.#snapshot.babyName, birthDate: this.#snapshot.birthDate });
  }

  async #reload(db: HistoryDb, patch: Partial<CareSnapshot>): Promise<void> {
    const profileId = this.#profileId;
    if (profileId === null) return;
    this.#setEntries(await listCareEntries(db, profileId), { ...patch, busy: false });
    // An entry dated before a past cry moves that cry's context bin: learn again from the answers.
    await this.#relearn(db);
  }

  #setEntries(entries: readonly CareEntry[], patch: Partial<CareSnapshot>): void {
    this.#index = buildCareIndex(entries);
    this.#publish({ ...patch, entries, asleep: openSleep(entries) !== null });
  }

  #publish(patch: Partial<CareSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch, lastAction: this.#last === null ? null : { label: this.#last.label } };
    this.#changes.emit(this.#snapshot);
  }
}
