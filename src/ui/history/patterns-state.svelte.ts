import type { HistoryDb } from '../../log/db.ts';
import type { Episode, EpisodeFilter } from '../../log/types.ts';
import { connectHistory } from '../../log/history-store.ts';
import { pageEpisodes } from '../../log/episodes.ts';
import { localOffsetMinutesAt } from '../../records/local-time.ts';
import {
  criesByHourOfDay,
  criesPerDay,
  daysBetween,
  durationHistogram,
  needsPerDay,
  summarizePatterns,
} from '../../log/patterns.ts';
import { humanMessage } from './history-state.svelte.ts';

/** Episodes read for the charts at most: a year of a very unsettled baby. */
export const MAX_PATTERN_EPISODES = 20_000;

/** Loads the episodes of a range once and derives every chart from them. */
export class PatternsState {
  episodes = $state.raw<Episode[]>([]);
  fromDay = $state('');
  toDay = $state('');
  loading = $state(false);
  truncated = $state(false);
  error = $state<string | null>(null);

  perDay = $derived(criesPerDay(this.episodes, this.fromDay, this.toDay, localOffsetMinutesAt));
  byHour = $derived(criesByHourOfDay(this.episodes, localOffsetMinutesAt));
  durations = $derived(durationHistogram(this.episodes));
  needs = $derived(needsPerDay(this.episodes, this.fromDay, this.toDay, localOffsetMinutesAt));
  summary = $derived(
    summarizePatterns(this.episodes, daysBetween(this.fromDay, this.toDay).length, localOffsetMinutesAt),
  );

  readonly #connect: () => Promise<HistoryDb>;
  #generation = 0;

  constructor(connect: () => Promise<HistoryDb> = connectHistory) {
    this.#connect = connect;
  }

  async load(filter: EpisodeFilter, fromDay: string, toDay: string): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    try {
      const db = await this.#connect();
      const collected: Episode[] = [];
      for await (const page of pageEpisodes(db, filter, 'oldest-first')) {
        if (generation !== this.#generation) return; // a newer range was asked for meanwhile
        collected.push(...page.slice(0, MAX_PATTERN_EPISODES - collected.length));
        if (collected.length >= MAX_PATTERN_EPISODES) break;
      }
      this.truncated = collected.length >= MAX_PATTERN_EPISODES;
      this.fromDay = fromDay;
      this.toDay = toDay;
      this.episodes = collected;
      this.error = null;
    } catch (error) {
      if (generation === this.#generation) this.error = humanMessage(error);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }
}
