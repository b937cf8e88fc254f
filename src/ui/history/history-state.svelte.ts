import type { HistoryDb } from '../../log/db.ts';
import type { CryCorrection, Episode, EpisodeAnnotation, EpisodeFilter, PersistResult, Profile } from '../../log/types.ts';
import { sharedCryCorrections } from '../../session/cry-corrections-session.ts';
import { connectHistory } from '../../log/history-store.ts';
import { annotateEpisode, deleteEpisode, pageEpisodes, restoreEpisode } from '../../log/episodes.ts';
import { adoptRestoredBaby, createProfile, ensureActiveProfile, listProfiles, readSetting, setActiveProfile, updateProfile, writeSetting, type ProfileInput } from '../../log/profiles.ts';
import { csvFile, episodeCsvChunks } from '../../log/csv.ts';
import { careCsvChunks } from '../../log/care-csv.ts';
import { backupFile, createBackup, deleteAllData, previewRestore, restoreBackup, RestoreStoppedError, type Backup, type RestoreMode, type RestoreSummary } from '../../log/backup.ts';
import { deliverFile, type Delivery } from '../../log/deliver-file.ts';
import { requestPersistentStorage } from '../../log/persistence.ts';
import { BackupReadCancelled, readBackupInWorker } from './backup-reader.ts';
import { InputError } from '../../records/input-error.ts';
import { StorageError } from '../../log/storage-error.ts';
import { DEFAULT_RANGE_DAYS, filterForDays, isoDaysBefore, todayIso } from './day-range.ts';

/** Episodes shown per "Show more" in the timeline. */
export const TIMELINE_PAGE_SIZE = 50;
/** How long "Undo" stays offered after a delete. */
export const UNDO_WINDOW_MS = 10_000;
const KEEP_NOTICE = true;
/** Sentinel for "all babies" in the filter's select. */
export const ALL_BABIES = 'all';

/** Turns anything thrown below into words for the parent. */
export function humanMessage(error: unknown): string {
  if (error instanceof InputError || error instanceof StorageError || error instanceof RestoreStoppedError) return error.message;
  return 'Something went wrong. Your history was not changed.';
}

function deliveryText(what: string, delivery: Delivery): string {
  if (delivery === 'shared') return `${what} shared.`;
  if (delivery === 'downloaded') return `${what} saved to your downloads.`;
  return `${what} not shared.`;
}

/**
 * State of the History screens (timeline, patterns, babies, data), kept in one class so the tabs
 * share the selected baby and range. Every action catches its errors into `error`.
 */
export class HistoryState {
  profiles = $state.raw<Profile[]>([]);
  activeProfileId = $state<string | null>(null);
  #filterBaby = $state<string>(ALL_BABIES);
  #fromDay = $state(isoDaysBefore(todayIso(), DEFAULT_RANGE_DAYS - 1));
  #toDay = $state(todayIso());
  /** The filter (baby, from, to) the timeline was last read for; null before the first read. */
  #timelineKey: string | null = null;
  /** Timeline, newest first. */
  episodes = $state.raw<Episode[]>([]);
  hasMore = $state(false);
  loading = $state(false);
  /** A human message about the last failure, or null. */
  error = $state<string | null>(null);
  /** A human message about the last success (export done, restored…), or null. */
  notice = $state<string | null>(null);
  /** The episode just deleted, while Undo is offered. */
  lastDeleted = $state.raw<Episode | null>(null);
  persistResult = $state<PersistResult | null>(null);
  /** A parsed backup waiting for the parent's confirmation. */
  pendingRestore = $state.raw<Backup | null>(null);
  /** What the pending restore would change, per mode, and the future times it set back to now. */
  restorePreview = $state.raw<RestorePreview | null>(null);
  busy = $state(false);
  /** How far a restore (reading the file, then writing) has got, while it runs. */
  restoreProgress = $state.raw<RestoreProgressView | null>(null);

  #restoreAbort: AbortController | null = null;
  #pages: AsyncGenerator<Episode[], void, void> | null = null;
  /** Counts reloads, so an older one that finishes late cannot mix its page into a newer timeline. */
  #generation = 0;
  #undoTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #connect: () => Promise<HistoryDb>;

  constructor(connect: () => Promise<HistoryDb> = connectHistory) {
    this.#connect = connect;
  }

  /**
   * Baby shown: a profile id or ALL_BABIES. The filter is shared by every tab, so the timeline
   * follows a change made on the Patterns or Data tab too (it used to keep the previous baby's
   * cries until the Cries tab's own filter was touched).
   */
  get filterBaby(): string {
    return this.#filterBaby;
  }
  set filterBaby(value: string) {
    this.#filterBaby = value;
    this.#filterChanged();
  }
  get fromDay(): string {
    return this.#fromDay;
  }
  set fromDay(value: string) {
    this.#fromDay = value;
    this.#filterChanged();
  }
  get toDay(): string {
    return this.#toDay;
  }
  set toDay(value: string) {
    this.#toDay = value;
    this.#filterChanged();
  }

  #filterKey(): string {
    return `${this.#filterBaby}|${this.#fromDay}|${this.#toDay}`;
  }

  /** Re-reads the timeline once the filter differs from the one it shows (after init). */
  #filterChanged(): void {
    if (this.#timelineKey === null || this.#timelineKey === this.#filterKey()) return;
    void this.reload();
  }

  profileName(id: string): string | undefined {
    return this.profiles.find((profile) => profile.id === id)?.name;
  }

  get activeProfile(): Profile | undefined {
    return this.profiles.find((profile) => profile.id === this.activeProfileId);
  }

  /** The current filter, or null when the date range is invalid. */
  get filter() {
    return filterForDays(this.filterBaby === ALL_BABIES ? null : this.filterBaby, this.fromDay, this.toDay);
  }

  async init(): Promise<void> {
    await this.#run(async (db) => {
      const active = await ensureActiveProfile(db, Date.now());
      this.activeProfileId = active.id;
      this.profiles = await listProfiles(db);
      this.filterBaby = active.id;
      this.persistResult = (await readSetting(db, 'persistResult')) ?? null;
    });
    await this.reload();
  }

  /** Re-reads the timeline from the first page for the current filter. */
  async reload(): Promise<void> {
    const filter = this.filter;
    this.#timelineKey = this.#filterKey();
    const generation = ++this.#generation;
    await this.#pages?.return();
    // A newer reload (the filter changed again meanwhile) owns the timeline now.
    if (generation !== this.#generation) return;
    this.#pages = null;
    this.episodes = [];
    this.hasMore = false;
    if (!filter) {
      this.error = 'Please choose a start date on or before the end date.';
      return;
    }
    this.error = null;
    await this.#run(async (db) => {
      if (generation !== this.#generation) return;
      this.#pages = pageEpisodes(db, filter, 'newest-first', TIMELINE_PAGE_SIZE);
      await this.#nextPage(generation);
    }, KEEP_NOTICE);
  }

  async loadMore(): Promise<void> {
    await this.#run(() => this.#nextPage(this.#generation), KEEP_NOTICE);
  }

  async #nextPage(generation: number): Promise<void> {
    const pages = this.#pages;
    if (!pages) return;
    this.loading = true;
    try {
      const next = await pages.next();
      if (generation !== this.#generation) return;
      const page = next.done ? [] : next.value;
      this.episodes = [...this.episodes, ...page];
      this.hasMore = page.length === TIMELINE_PAGE_SIZE;
    } finally {
      this.loading = false;
    }
  }

  async annotate(id: string, annotation: EpisodeAnnotation): Promise<boolean> {
    return this.#run(async (db) => {
      const updated = await annotateEpisode(db, id, annotation, Date.now());
      this.episodes = this.episodes.map((episode) => (episode.id === id ? updated : episode));
      this.notice = 'Saved.';
    });
  }

  /**
   * "That wasn't crying" / "Yes, crying" (null: take it back): the episode stays in the list,
   * flagged, and the device learns from its kept embeddings (src/session/cry-corrections-session.ts).
   */
  async correctCry(id: string, correction: CryCorrection | null): Promise<void> {
    const corrections = sharedCryCorrections();
    const updated = await corrections.correctEpisode(id, correction);
    if (updated === null) {
      this.error = corrections.snapshot.error ?? 'The correction could not be saved.';
      return;
    }
    this.episodes = this.episodes.map((episode) => (episode.id === id ? updated : episode));
    this.error = null;
    this.notice = correction === 'false-alarm' ? 'Marked as not crying: kept in the history, left out of patterns.' : 'Saved.';
  }

  async remove(id: string): Promise<void> {
    await this.#run(async (db) => {
      const deleted = await deleteEpisode(db, id);
      this.episodes = this.episodes.filter((episode) => episode.id !== id);
      if (!deleted) return;
      this.lastDeleted = deleted;
      if (this.#undoTimer) clearTimeout(this.#undoTimer);
      this.#undoTimer = setTimeout(() => {
        this.lastDeleted = null;
      }, UNDO_WINDOW_MS);
    });
  }

  async undoDelete(): Promise<void> {
    const episode = this.lastDeleted;
    if (!episode) return;
    await this.#run(async (db) => {
      await restoreEpisode(db, episode);
      this.lastDeleted = null;
      this.notice = 'Cry restored.';
    });
    await this.reload();
  }

  async addProfile(input: ProfileInput): Promise<boolean> {
    return this.#run(async (db) => {
      const profile = await createProfile(db, input, Date.now(), todayIso());
      this.profiles = await listProfiles(db);
      this.notice = `${profile.name} added.`;
    });
  }

  async editProfile(id: string, input: ProfileInput): Promise<boolean> {
    return this.#run(async (db) => {
      await updateProfile(db, id, input, todayIso());
      this.profiles = await listProfiles(db);
      this.notice = 'Saved.';
    });
  }

  /** Makes a baby the one monitoring logs to, and shows their history. */
  async switchProfile(id: string): Promise<void> {
    const switched = await this.#run(async (db) => {
      await setActiveProfile(db, id);
      this.activeProfileId = id;
      this.filterBaby = id;
      this.notice = `Now logging for ${this.profileName(id) ?? 'this baby'}.`;
    });
    if (switched) await this.reload();
  }

  async exportCsv(): Promise<void> {
    await this.#exportCsv('Spreadsheet (CSV)', 'crydecode', episodeCsvChunks);
  }

  /** The care log (feeds, sleeps, nappies, soothed by) as its own CSV file, for the same babies and days. */
  async exportCareCsv(): Promise<void> {
    await this.#exportCsv('Care log (CSV)', 'crydecode-care-log', careCsvChunks);
  }

  /** One CSV of the chosen babies and days, named after them, handed to the share sheet or a download. */
  async #exportCsv(what: string, prefix: string, chunks: (db: HistoryDb, filter: EpisodeFilter) => AsyncIterable<string>): Promise<void> {
    const filter = this.filter;
    if (!filter) {
      this.error = 'Please choose a start date on or before the end date.';
      return;
    }
    await this.#run(async (db) => {
      const baby = filter.profileId === null ? 'all' : (this.profileName(filter.profileId) ?? 'baby');
      const file = await csvFile(chunks(db, filter), `${prefix}-${safeFileName(baby)}-${this.fromDay}-to-${this.toDay}.csv`);
      this.notice = deliveryText(what, await deliverFile(file));
    });
  }

  async exportBackup(): Promise<void> {
    await this.#run(async (db) => {
      const now = Date.now();
      const file = backupFile(await createBackup(db, now), `crydecode-backup-${todayIso(now)}.json`);
      this.notice = deliveryText('Backup', await deliverFile(file));
    });
  }

  /**
   * Reads and validates a chosen backup in a worker, with progress and Cancel; nothing is written
   * until confirmRestore().
   */
  async chooseBackup(file: File): Promise<void> {
    if (this.#restoreAbort) return;
    this.pendingRestore = null;
    this.restorePreview = null;
    const abort = new AbortController();
    this.#restoreAbort = abort;
    this.restoreProgress = { phase: 'reading', done: 0, total: file.size };
    try {
      await this.#run(async (db) => {
        try {
          const { backup, futureTimesClamped } = await readBackupInWorker(file, {
            signal: abort.signal,
            onProgress: ({ bytesRead, totalBytes, criesChecked }) => {
              this.restoreProgress = { phase: 'reading', done: bytesRead, total: totalBytes, criesChecked };
            },
          });
          this.restoreProgress = { phase: 'comparing', done: 0, total: backup.episodes.length };
          const preview: RestorePreview = {
            merge: await previewRestore(db, backup, 'merge', ({ done, total }) => {
              this.restoreProgress = { phase: 'comparing', done, total };
            }),
            copy: await previewRestore(db, backup, 'copy'),
            futureTimesClamped,
          };
          if (abort.signal.aborted) throw new BackupReadCancelled();
          this.restorePreview = preview;
          this.pendingRestore = backup;
        } catch (error) {
          if (!(error instanceof BackupReadCancelled)) throw error;
          this.notice = error.message;
        }
      });
    } finally {
      this.#restoreAbort = null;
      this.restoreProgress = null;
    }
  }

  async confirmRestore(mode: RestoreMode): Promise<RestoreSummary | null> {
    const backup = this.pendingRestore;
    if (!backup || this.#restoreAbort) return null;
    const abort = new AbortController();
    this.#restoreAbort = abort;
    let summary: RestoreSummary | null = null;
    const restored = await this.#run(async (db) => {
      try {
        summary = await restoreBackup(db, backup, mode, {
          signal: abort.signal,
          onProgress: ({ done, total }) => {
            this.restoreProgress = { phase: 'writing', done, total };
          },
        });
        this.notice = restoreText(summary);
        // A fresh phone's empty placeholder baby gives way to the restored one (see adoptRestoredBaby).
        const adopted = await adoptRestoredBaby(db, Date.now());
        if (adopted !== null) {
          this.activeProfileId = adopted.id;
          this.#filterBaby = adopted.id;
          this.notice = `${restoreText(summary)} Now logging for ${adopted.name}.`;
        }
      } finally {
        this.#restoreAbort = null;
        this.restoreProgress = null;
        this.pendingRestore = null;
        this.restorePreview = null;
        // What did land (a stopped restore keeps its committed part) is shown either way.
        this.profiles = await listProfiles(db).catch(() => this.profiles);
      }
    });
    const failure = this.error;
    await this.reload();
    // Reloading clears the last error; a restore that stopped must stay said on screen.
    if (!restored && this.error === null) this.error = failure;
    return summary;
  }

  /** Drops the pending backup, or stops a restore that is running (between two transactions). */
  cancelRestore(): void {
    if (this.#restoreAbort) {
      this.#restoreAbort.abort();
      return;
    }
    this.pendingRestore = null;
    this.restorePreview = null;
  }

  async deleteEverything(): Promise<void> {
    await this.#run(async (db) => {
      await deleteAllData(db);
      this.lastDeleted = null;
      const fresh = await ensureActiveProfile(db, Date.now());
      this.profiles = await listProfiles(db);
      this.activeProfileId = fresh.id;
      this.filterBaby = fresh.id;
      this.persistResult = null;
      this.notice = 'All data deleted from this device.';
    });
    await this.reload();
  }

  async requestPersistence(): Promise<void> {
    const result = await requestPersistentStorage(navigator.storage);
    this.persistResult = result;
    await this.#run((db) => writeSetting(db, 'persistResult', result));
  }

  dismissMessages(): void {
    this.error = null;
    this.notice = null;
  }

  /**
   * Runs an action against the database; returns false (and sets `error`) when it failed. A new
   * action clears the last notice, except reads that follow an action (KEEP_NOTICE).
   */
  async #run(action: (db: HistoryDb) => Promise<void>, keepNotice = false): Promise<boolean> {
    this.busy = true;
    if (!keepNotice) this.notice = null;
    try {
      await action(await this.#connect());
      this.error = null;
      return true;
    } catch (error) {
      this.error = humanMessage(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

function safeFileName(text: string): string {
  return text.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'baby';
}

export interface RestoreProgressView {
  /** Reading and checking the file (in one pass, by bytes), comparing its cries with this phone's, writing. */
  phase: 'reading' | 'comparing' | 'writing';
  done: number;
  total: number;
  /** While reading: cries checked so far. */
  criesChecked?: number;
}

/** "Restoring: 1 250 of 20 000 records…" while a restore runs. */
export function restoreProgressText(progress: RestoreProgressView): string {
  const count = (n: number): string => n.toLocaleString();
  const percent = progress.total === 0 ? 0 : Math.floor((100 * progress.done) / progress.total);
  if (progress.phase === 'reading') {
    return progress.criesChecked ? `Reading the backup: ${percent}% (${count(progress.criesChecked)} cries checked)…` : `Reading the backup: ${percent}%…`;
  }
  if (progress.phase === 'comparing') return `Comparing with this phone’s history: ${count(progress.done)} of ${count(progress.total)} cries…`;
  return `Restoring: ${count(progress.done)} of ${count(progress.total)} records…`;
}

export interface RestorePreview {
  merge: RestoreSummary;
  copy: RestoreSummary;
  futureTimesClamped: number;
}

/** The preview's "what will change" line, before the parent confirms. */
export function restorePreviewText(summary: RestoreSummary): string {
  const cries = (n: number): string => `${n} cr${n === 1 ? 'y' : 'ies'}`;
  const parts = [`${summary.episodesAdded === 0 ? 'no' : summary.episodesAdded} new ${summary.episodesAdded === 1 ? 'cry' : 'cries'}`];
  parts.push(`${summary.episodesUpdated === 0 ? 'no' : cries(summary.episodesUpdated)} with notes filled in or updated`);
  if (summary.episodesUnchanged > 0) parts.push(`${cries(summary.episodesUnchanged)} kept as they are here`);
  if (summary.profilesAdded > 0) parts.push(`${summary.profilesAdded} new bab${summary.profilesAdded === 1 ? 'y' : 'ies'}`);
  return `Restoring will bring ${parts.join(', ')}. Notes already here are never emptied.`;
}

export function futureTimesText(count: number): string {
  return `${count} last-change time${count === 1 ? ' was' : 's were'} in the future (a phone clock set ahead?) and will count as now.`;
}

export function restoreText(summary: RestoreSummary): string {
  const parts = [`${summary.episodesAdded} cr${summary.episodesAdded === 1 ? 'y' : 'ies'} added`];
  if (summary.episodesUpdated > 0) parts.push(`${summary.episodesUpdated} updated`);
  if (summary.episodesUnchanged > 0) parts.push(`${summary.episodesUnchanged} already here`);
  if (summary.profilesAdded > 0) parts.push(`${summary.profilesAdded} bab${summary.profilesAdded === 1 ? 'y' : 'ies'} added`);
  return `Backup restored: ${parts.join(', ')}.`;
}
