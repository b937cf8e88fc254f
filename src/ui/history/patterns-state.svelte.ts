import type { HistoryDb } from '../../log/db.ts';
import type { EpisodeFilter } from '../../log/types.ts';
import { connectHistory } from '../../log/history-store.ts';
import { localOffsetMinutesAt } from '../../records/local-time.ts';
import { PatternAccumulator, type PatternAggregate } from '../../log/patterns.ts';
import { aggregatePatterns } from '../../log/patterns-query.ts';
import { humanMessage } from './history-state.svelte.ts';

/**
 * The charts of a range, folded from every cry in it as the pages are read (aggregatePatterns):
 * no cap, and a year of cries is never held in memory at once.
 */
export class PatternsState {
  aggregate = $state.raw<PatternAggregate>(new PatternAccumulator('', '', localOffsetMinutesAt).result());
  fromDay = $state('');
  toDay = $state('');
  loading = $state(false);
  error = $state<string | null>(null);

  perDay = $derived(this.aggregate.perDay);
  byHour = $derived(this.aggregate.byHour);
  durations = $derived(this.aggregate.durations);
  needs = $derived(this.aggregate.needs);
  summary = $derived(this.aggregate.summary);

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
      // A newer range asked for meanwhile wins.
      const aggregate = await aggregatePatterns(db, filter, fromDay, toDay, localOffsetMinutesAt, () => generation === this.#generation);
      if (aggregate === null) return;
      this.fromDay = fromDay;
      this.toDay = toDay;
      this.aggregate = aggregate;
      this.error = null;
    } catch (error) {
      if (generation === this.#generation) this.error = humanMessage(error);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }
}
