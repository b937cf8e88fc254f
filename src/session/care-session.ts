import type { CareEntry, FeedMethod, NappyContent, SleepEntry } from '../domain/care.ts';
import { addCareEntry, deleteCareEntry, editCareEntry, listCareEntries, undoDeleteCareEntry, type CareChanges } from '../log/care-log.ts';
import { clockTime, staleOpenSleepQuestion } from '../records/care-validation.ts';
import type { HistoryDb } from '../log/db.ts';
import { InputError } from '../records/input-error.ts';
import { pageEpisodes } from '../log/episodes.ts';
import { ensureActiveProfile, readSetting, writeSetting } from '../log/profiles.ts';
import { isNeed } from '../domain/needs.ts';
import { trackRecord, trackRecordSentence, type AnsweredEpisode } from '../models/context/track-record.ts';
import { buildCareIndex, updateCareIndex, type CareIndex } from '../models/context/care-index.ts';
import { EMPTY_LEARNER, estimateContext, NO_CALIBRATION, type Calibration, type ContextEstimate, type ContextLearner } from '../models/context/model.ts';
import { Emitter } from './emitter.ts';
import type { EpisodeContext } from '../domain/episode.ts';
import type { ContextSource } from './monitor-session.ts';

/** How a feed was given, when the parent says so (a bare "Fed" tap is 'unspecified'). */
export interface FeedDetails {
  method: FeedMethod;
  /** Bottle amount in ml, or null. */
  amountMl: number | null;
}

/** The one-tap actions of the monitor's care buttons. */
export type CareAction =
  | ({ kind: 'feed' } & Partial<FeedDetails>)
  | { kind: 'sleep-start' }
  | { kind: 'wake' }
  | { kind: 'nappy'; content: NappyContent }
  | { kind: 'soothe'; text: string };

/** An edit from the care-log list: new time(s) and details of one entry. */
export type CareEdit =
  | { kind: 'feed'; time: number; method: FeedMethod; amountMl: number | null }
  | { kind: 'sleep'; time: number; endTime: number | null }
  | { kind: 'nappy'; time: number; content: NappyContent }
  | { kind: 'soothe'; time: number; text: string };

/** The short list offered for "Soothed by…" (free text is always possible too). */
export const SOOTHE_CHOICES: readonly string[] = ['Feeding', 'Rocking', 'Cuddle', 'Dummy', 'White noise', 'Nappy change', 'Walk', 'Burping'];

/** What the last tap did, so that Undo can take exactly that back. */
interface LastAction {
  /**
   * 'added': a new entry (undo deletes it); 'woke': an open sleep was ended (undo reopens it);
   * 'deleted': an entry was deleted (undo brings it back); 'edited': undo puts the old fields back.
   */
  type: 'added' | 'woke' | 'deleted' | 'edited';
  /** The entry before an edit. */
  before?: CareEntry;
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
  /** "Still asleep since 02:10?" when the open sleep is older than 20 h, else null. */
  stillAsleepQuestion: string | null;
  /** The entry the last tap added (for "add details"), or null. */
  lastAddedId: string | null;
}

const INITIAL: CareSnapshot = { status: 'loading', babyName: 'Your baby', birthDate: null, entries: [], asleep: false, lastAction: null, error: null, busy: false, answersLearned: 0, trackRecord: null, stillAsleepQuestion: null, lastAddedId: null };

const ACTION_WORD: Record<CareAction['kind'], string> = { feed: 'Fed', 'sleep-start': 'Fell asleep', wake: 'Woke up', nappy: 'Nappy', soothe: 'Soothed by' };
const FEED_WORD: Readonly<Record<FeedMethod, string>> = { 'breast-left': 'breast, left', 'breast-right': 'breast, right', bottle: 'bottle', unspecified: '' };

/** "Fed (bottle, 120 ml)", "Nappy (wet)", "Soothed by rocking", "Slept": an entry in words. */
export function careEntryWords(entry: CareEntry): string {
  switch (entry.kind) {
    case 'feed': {
      const detail = [FEED_WORD[entry.method], entry.amountMl === null ? '' : `${entry.amountMl} ml`].filter((w) => w !== '').join(', ');
      return detail === '' ? 'Fed' : `Fed (${detail})`;
    }
    case 'sleep':
      return entry.endTime === null ? 'Asleep (still)' : 'Slept';
    case 'nappy':
      return `Nappy (${entry.content})`;
    case 'soothe':
      return `Soothed by ${entry.text}`;
  }
}

function actionWords(action: CareAction): string {
  if (action.kind === 'nappy') return `Nappy (${action.content})`;
  if (action.kind === 'soothe') return `Soothed by ${action.text.trim()}`;
  if (action.kind === 'feed' && action.method !== undefined && action.method !== 'unspecified') {
    return careEntryWords({ kind: 'feed', method: action.method, amountMl: action.amountMl ?? null, id: '', profileId: '', time: 0, updatedAt: 0, deleted: false });
  }
  return ACTION_WORD[action.kind];
}

/** An edit as the fields it changes (CareChanges lists only the shared ones, so the kind's own are added here). */
function editChanges(edit: CareEdit): CareChanges {
  const changes: Partial<Omit<CareEntry, 'kind'>> = { ...edit };
  delete (changes as { kind?: unknown }).kind;
  return changes;
}

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

/** An entry's own editable fields, to put back on undo of an edit. */
function entryFields(entry: CareEntry): CareChanges {
  const fields: Partial<CareEntry> = { ...entry };
  // The owner, kind and bookkeeping are never edited: only the times and details go back.
  for (const key of ['id', 'profileId', 'kind', 'updatedAt', 'deleted'] as const) delete fields[key];
  const changes: Partial<Omit<CareEntry, 'kind'>> = fields;
  return changes;
}

function messageOf(error: unknown): { kind: 'input' | 'storage'; message: string } {
  if (error instanceof InputError) return { kind: 'input', message: error.message };
  // StorageError carries a human message already; anything else is still said, never swallowed.
  return { kind: 'storage', message: error instanceof Error ? `The care log could not be saved or read: ${error.message}` : 'The care log could not be saved or read.' };
}

/** A context estimate as plain data for the snapshot and the episode record. */
export function episodeContext(estimate: ContextEstimate, atMs: number, answersLearned: number): EpisodeContext {
  const { needProbabilities, firstGuess, topNeed, confidence, notSure, noLog, reason, bin, features } = estimate;
  const { minutesSinceFeed, minutesAwake, asleep, minutesSinceNappy } = features;
  return { atMs, needProbabilities, firstGuess, topNeed, confidence, notSure, noLog, reason, bin, minutesSinceFeed, minutesAwake, asleep, minutesSinceNappy, answersLearned };
}

/** One entry written by a tap: `before` is null for a new entry, else the entry as it was. */
interface CareChange {
  before: CareEntry | null;
  after: CareEntry;
}

function changeTimes(entry: CareEntry): number[] {
  return entry.kind === 'sleep' && entry.endTime !== null ? [entry.time, entry.endTime] : [entry.time];
}

/**
 * The active baby's care log, headless: loads the entries, keeps the context index built from
 * them (so an estimate is a few binary searches), and runs the one-tap adds and their undo.
 */
export class CareSession implements ContextSource {
  #snapshot: CareSnapshot = INITIAL;
  #index: CareIndex = buildCareIndex([]);
  #profileId: string | null = null;
  #last: LastAction | null = null;
  #learner: ContextLearner = EMPTY_LEARNER;
  #calibration: Calibration = NO_CALIBRATION;
  #record: { episodes: number; modelHits: number } = { episodes: 0, modelHits: 0 };
  /** Start of the latest answered cry the learner was built from (−∞ when none). */
  #latestAnswered = Number.NEGATIVE_INFINITY;
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
      let change: CareChange;
      if (action.kind === 'wake') {
        const open = openSleep(this.#snapshot.entries);
        if (open === null) throw new InputError('No sleep is open: tap "Fell asleep" first.');
        change = { before: open, after: await editCareEntry(db, open.id, sleepEnd(time), now) };
      } else {
        const input =
          action.kind === 'feed'
            ? ({ kind: 'feed', profileId, time, method: action.method ?? 'unspecified', amountMl: action.amountMl ?? null } as const)
            : action.kind === 'sleep-start'
              ? ({ kind: 'sleep', profileId, time, endTime: null } as const)
              : action.kind === 'soothe'
                ? ({ kind: 'soothe', profileId, time, text: action.text.trim() } as const)
                : ({ kind: 'nappy', profileId, time, content: action.content } as const);
        change = { before: null, after: await addCareEntry(db, input, now) };
      }
      this.#last = { type: action.kind === 'wake' ? 'woke' : 'added', entryId: change.after.id, label: `${actionWords(action)} at ${clockTime(time, now)}` };
      await this.#reload(db, { error: null }, change);
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
      else if (last.type === 'deleted') await undoDeleteCareEntry(db, last.entryId, now);
      else if (last.type === 'edited' && last.before !== undefined) await editCareEntry(db, last.entryId, entryFields(last.before), now);
      else await editCareEntry(db, last.entryId, sleepEnd(null), now);
      this.#last = null;
      await this.#reload(db, { error: null });
    } catch (error) {
      this.#publish({ busy: false, error: messageOf(error) });
    }
  }

  /** Changes an entry's time(s) and details; refused (message in the snapshot) like a new entry. Undo puts it back. */
  async edit(id: string, edit: CareEdit): Promise<boolean> {
    const before = this.#snapshot.entries.find((entry) => entry.id === id);
    if (before === undefined) {
      this.#publish({ error: { kind: 'input', message: 'This entry no longer exists (it may have been deleted).' } });
      return false;
    }
    if (before.kind !== edit.kind) {
      this.#publish({ error: { kind: 'input', message: 'An entry keeps its kind: delete it and log the right one instead.' } });
      return false;
    }
    return this.#change(async (db, now) => {
      const edited = await editCareEntry(db, id, editChanges(edit), now);
      return { type: 'edited', entryId: id, before, label: `Changed: ${careEntryWords(edited)} at ${clockTime(edited.time, now)}` };
    });
  }

  /** Deletes an entry (kept as a tombstone, see deleteCareEntry); Undo brings it back. */
  async remove(id: string): Promise<boolean> {
    const entry = this.#snapshot.entries.find((e) => e.id === id);
    if (entry === undefined) return false;
    return this.#change(async (db, now) => {
      await deleteCareEntry(db, id, now);
      return { type: 'deleted', entryId: id, label: `Deleted: ${careEntryWords(entry)} at ${clockTime(entry.time, now)}` };
    });
  }

  async #change(run: (db: HistoryDb, now: number) => Promise<LastAction>): Promise<boolean> {
    const now = this.#now();
    this.#publish({ busy: true });
    try {
      const db = await this.#connect();
      this.#last = await run(db, now);
      await this.#reload(db, { error: null });
      return true;
    } catch (error) {
      this.#publish({ busy: false, error: messageOf(error) });
      return false;
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
    this.#calibration = record.calibration;
    this.#latestAnswered = answered.reduce((latest, episode) => Math.max(latest, episode.startedAt), Number.NEGATIVE_INFINITY);
    this.#record = { episodes: record.episodes, modelHits: record.modelHits };
    this.#publish({ answersLearned: record.learner.answered, trackRecord: trackRecordSentence(record, this.#snapshot.babyName) });
  }

  /** The context estimate at `t` (default now), from the built index: no database read. */
  estimate(t: number = this.#now()): ContextEstimate {
    return estimateContext(this.#index, this.#learner, t, { babyName: this.#snapshot.babyName, birthDate: this.#snapshot.birthDate, calibration: this.#calibration });
  }

  /** The baby's prequential record: whether the context may enter the need (see contextInformedness). */
  get contextRecord(): { episodes: number; modelHits: number } {
    return this.#record;
  }

  /** The context at `t` as the monitor fuses and the episode stores it; null until the log is loaded. */
  contextAt(t: number): EpisodeContext | null {
    if (this.#snapshot.status !== 'ready') return null;
    return episodeContext(this.estimate(t), t, this.#learner.answered);
  }

  async #reload(db: HistoryDb, patch: Partial<CareSnapshot>, change?: CareChange): Promise<void> {
    const profileId = this.#profileId;
    if (profileId === null) return;
    const updated = this.#setEntries(await listCareEntries(db, profileId), { ...patch, busy: false }, change);
    // An entry dated before a past cry moves that cry's context bin: learn again from the answers.
    // A tap later than every answered cry moves none, so the one-tap case skips reading the history.
    const movesNoCry = updated && change !== undefined && changeTimes(change.after).every((t) => t > this.#latestAnswered);
    if (!movesNoCry) await this.#relearn(db);
  }

  /** Returns true when the index was updated in place of a rebuild. */
  #setEntries(entries: readonly CareEntry[], patch: Partial<CareSnapshot>, change?: CareChange): boolean {
    // The log as re-read must be the known log plus this one change (another tab may have written too).
    const expected = this.#snapshot.entries.length + (change?.before === null ? 1 : 0);
    const updated = change === undefined || entries.length !== expected ? null : updateCareIndex(this.#index, change);
    this.#index = updated ?? buildCareIndex(entries);
    this.#publish({ ...patch, entries, asleep: openSleep(entries) !== null, stillAsleepQuestion: staleOpenSleepQuestion(entries, this.#now()) });
    return updated !== null;
  }

  #publish(patch: Partial<CareSnapshot>): void {
    const last = this.#last;
    this.#snapshot = {
      ...this.#snapshot,
      ...patch,
      lastAction: last === null ? null : { label: last.label },
      lastAddedId: last?.type === 'added' ? last.entryId : null,
    };
    this.#changes.emit(this.#snapshot);
  }
}
