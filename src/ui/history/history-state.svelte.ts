import type { HistoryDb } from '../../log/db.ts';
import type { CryCorrection, Episode, EpisodeAnnotation, PersistResult, Profile } from '../../log/types.ts';
import { sharedCryCorrections } from '../../session/cry-corrections-session.ts';
import { connectHistory } from '../../log/history-store.ts';
import { annotateEpisode, deleteEpisode, pageEpisodes, restoreEpisode } from '../../log/episodes.ts';
import { createProfile, ensureActiveProfile, listProfiles, readSetting, setActiveProfile, updateProfile, writeSetting, type ProfileInput } from '../../log/profiles.ts';
import { csvFile, episodeCsvChunks } from '../../log/csv.ts';
import { backupFile, createBackup, deleteAllData, previewRestore, readBackupFile, restoreBackup, type Backup, type RestoreMode, type RestoreSummary } from '../../log/backup.ts';
import { deliverFile, type Delivery } from '../../log/deliver-file.ts';
import { requestPersistentStorage } from '../../log/persistence.ts';
import { InputError } from '../../log/input-error.ts';
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
  if (error instanceof InputError || error instanceof StorageError) return error.message;
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
  /** Baby shown: a profile id or ALL_BABIES. */
  filterBaby = $state<string>(ALL_BABIES);
  fromDay = $state(isoDaysBefore(todayIso(), DEFAULT_RANGE_DAYS - 1));
  toDay = $state(todayIso());
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

  #pages: AsyncGenerator<Episode[], void, void> | null = null;
  #undoTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #connect: () => Promise<HistoryDb>;

  constructor(connect: () => Promise<HistoryDb> = connectHistory) {
    this.#connect = connect;
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
    await this.#pages?.return();
    this.#pages = null;
    this.episodes = [];
    this.hasMore = false;
    if (!filter) {
      this.error = 'Please choose a start date on or before the end date.';
      return;
    }
    this.error = null;
    await this.#run(async (db) => {
      this.#pages = pageEpisodes(db, filter, 'newest-first', TIMELINE_PAGE_SIZE);
      await this.#nextPage();
    }, KEEP_NOTICE);
  }

  async loadMore(): Promise<void> {
    await this.#run(() => this.#nextPage(), KEEP_NOTICE);
  }

  async #nextPage(): Promise<void> {
    if (!this.#pages) return;
    this.loading = true;
    try {
      const next = await this.#pages.next();
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
    const filter = this.filter;
    if (!filter) {
      this.error = 'Please choose a start date on or before the end date.';
      return;
    }
    await this.#run(async (db) => {
      const baby = filter.profileId === null ? 'all' : (this.profileName(filter.profileId) ?? 'baby');
      const name = `crydecode-${safeFileName(baby)}-${this.fromDay}-to-${this.toDay}.csv`;
      const file = await csvFile(episodeCsvChunks(db, filter), name);
      this.notice = deliveryText('Spreadsheet (CSV)', await deliverFile(file));
    });
  }

  async exportBackup(): Promise<void> {
    await this.#run(async (db) => {
      const now = Date.now();
      const file = backupFile(await createBackup(db, now), `crydecode-backup-${todayIso(now)}.json`);
      this.notice = deliveryText('Backup', await deliverFile(file));
    });
  }

  /** Reads and validates a chosen backup; nothing is written until confirmRestore(). */
  async chooseBackup(file: File): Promise<void> {
    this.pendingRestore = null;
    this.restorePreview = null;
    await this.#run(async (db) => {
      const { backup, futureTimesClamped } = await readBackupFile(file);
      this.restorePreview = {
        merge: await previewRestore(db, backup, 'merge'),
        copy: await previewRestore(db, backup, 'copy'),
        futureTimesClamped,
      };
      this.pendingRestore = backup;
    });
  }

  async confirmRestore(mode: RestoreMode): Promise<RestoreSummary | null> {
    const backup = this.pendingRestore;
    if (!backup) return null;
    let summary: RestoreSummary | null = null;
    await this.#run(async (db) => {
      summary = await restoreBackup(db, backup, mode);
      this.pendingRestore = null;
      this.restorePreview = null;
      this.profiles = await listProfiles(db);
      this.notice = restoreText(summary);
    });
    await this.reload();
    return summary;
  }

  cancelRestore(): void {
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
