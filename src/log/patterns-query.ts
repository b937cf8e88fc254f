import type { HistoryDb } from './db.ts';
import { pageEpisodes } from './episodes.ts';
import { PatternAccumulator, type PatternAggregate } from './patterns.ts';
import type { OffsetMinutesAt } from '../records/local-time.ts';
import type { EpisodeFilter } from './types.ts';

/**
 * The Patterns of every cry in `filter`'s range, however many: read page by page with a cursor
 * (pageEpisodes) and folded into the aggregates as they come, so memory stays bounded by a page
 * plus one number per cry. Resolves to null when `stillWanted` turns false between pages (a newer
 * range was asked for).
 */
export async function aggregatePatterns(
  db: HistoryDb,
  filter: EpisodeFilter,
  fromDay: string,
  toDay: string,
  offsetAt: OffsetMinutesAt,
  stillWanted: () => boolean = () => true,
): Promise<PatternAggregate | null> {
  const accumulator = new PatternAccumulator(fromDay, toDay, offsetAt);
  for await (const page of pageEpisodes(db, filter, 'oldest-first')) {
    if (!stillWanted()) return null;
    for (const episode of page) accumulator.add(episode);
  }
  return stillWanted() ? accumulator.result() : null;
}
