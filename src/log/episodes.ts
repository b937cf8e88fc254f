import { Dexie } from 'dexie';
import type { HistoryDb } from './db.ts';
import type { EpisodeRecord } from '../domain/episode.ts';
import type { Episode, EpisodeAnnotation, EpisodeFilter } from './types.ts';
import { guardStorage } from './storage-error.ts';
import { InputError } from '../records/input-error.ts';
import { validateActualReason, validateAnnotationText, validateEpisodeRecord } from '../records/episode-validation.ts';

/**
 * Episodes read per transaction when paging: big enough to be fast, small enough that formatting
 * one page never stalls the page (scripts/bench/bench-csv.ts: 500 gave shorter stalls than 2000).
 */
export const DEFAULT_EPISODE_PAGE_SIZE = 500;

export type EpisodeOrder = 'oldest-first' | 'newest-first';

/** Stores a new episode for a baby. Validates it first so a bad record never reaches the log. */
export async function addEpisode(
  db: HistoryDb,
  profileId: string,
  record: EpisodeRecord,
  nowMs: number,
): Promise<Episode> {
  const episode: Episode = {
    ...validateEpisodeRecord(record),
    id: crypto.randomUUID(),
    profileId,
    note: '',
    actualReason: null,
    whatHelped: '',
    updatedAt: nowMs,
  };
  await guardStorage(() => db.transaction('rw', db.episodes, () => db.episodes.add(episode)));
  return episode;
}

/** Saves the parent's note, real reason and what helped. */
export async function annotateEpisode(
  db: HistoryDb,
  id: string,
  annotation: EpisodeAnnotation,
  nowMs: number,
): Promise<Episode> {
  const clean: EpisodeAnnotation = {
    note: validateAnnotationText(annotation.note, 'Note'),
    actualReason: validateActualReason(annotation.actualReason, 'Real reason'),
    whatHelped: validateAnnotationText(annotation.whatHelped, 'What helped'),
  };
  return guardStorage(() =>
    db.transaction('rw', db.episodes, async () => {
      const existing = await db.episodes.get(id);
      if (!existing) throw new InputError('This cry was deleted in the meantime.');
      const updated: Episode = { ...existing, ...clean, updatedAt: nowMs };
      await db.episodes.put(updated);
      return updated;
    }),
  );
}

/**
 * Deletes an episode and returns it, so that "undo" can put it back unchanged with
 * restoreEpisode. Returns null when it was already gone.
 */
export async function deleteEpisode(db: HistoryDb, id: string): Promise<Episode | null> {
  return guardStorage(() =>
    db.transaction('rw', db.episodes, async () => {
      const existing = await db.episodes.get(id);
      if (!existing) return null;
      await db.episodes.delete(id);
      return existing;
    }),
  );
}

/** Undo of deleteEpisode: puts the very same row back. */
export async function restoreEpisode(db: HistoryDb, episode: Episode): Promise<void> {
  await guardStorage(() => db.transaction('rw', db.episodes, () => db.episodes.put(episode)));
}

export async function getEpisode(db: HistoryDb, id: string): Promise<Episode | undefined> {
  return guardStorage(() => db.episodes.get(id));
}

type Cursor = readonly [startedAt: number, id: string];

/** The index and key bounds for a filter, continuing after (or before) `cursor`. */
function episodeRange(db: HistoryDb, filter: EpisodeFilter, order: EpisodeOrder, cursor: Cursor | null) {
  const prefix = filter.profileId === null ? [] : [filter.profileId];
  const index = filter.profileId === null ? '[startedAt+id]' : '[profileId+startedAt+id]';
  let lower: unknown[] = [...prefix, filter.fromMs, Dexie.minKey];
  let upper: unknown[] = [...prefix, filter.toMs, Dexie.maxKey];
  let includeLower = true;
  let includeUpper = true;
  if (cursor && order === 'oldest-first') {
    lower = [...prefix, ...cursor];
    includeLower = false;
  } else if (cursor) {
    upper = [...prefix, ...cursor];
    includeUpper = false;
  }
  const collection = db.episodes.where(index).between(lower, upper, includeLower, includeUpper);
  return order === 'newest-first' ? collection.reverse() : collection;
}

/** Lets the browser paint and handle input between pages of a long read. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Reads the episodes matching a filter page by page (one short read transaction each, by key
 * range rather than offset so the last page costs as little as the first), yielding to the event
 * loop between pages. Episodes added or deleted meanwhile may or may not appear.
 */
export async function* pageEpisodes(
  db: HistoryDb,
  filter: EpisodeFilter,
  order: EpisodeOrder,
  pageSize = DEFAULT_EPISODE_PAGE_SIZE,
): AsyncGenerator<Episode[], void, void> {
  let cursor: Cursor | null = null;
  for (;;) {
    const range = episodeRange(db, filter, order, cursor);
    const page = await guardStorage(() => range.limit(pageSize).toArray());
    if (page.length === 0) return;
    yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    if (!last) return;
    cursor = [last.startedAt, last.id];
    await yieldToEventLoop();
  }
}

export async function countEpisodes(db: HistoryDb, filter: EpisodeFilter): Promise<number> {
  return guardStorage(() => episodeRange(db, filter, 'oldest-first', null).count());
}
