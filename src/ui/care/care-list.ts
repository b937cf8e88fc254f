import type { CareEntry } from '../../domain/care.ts';

/** Entries rendered per "Show older": a year of a young baby's log is several thousand entries. */
export const CARE_LIST_PAGE_SIZE = 50;

/**
 * The newest `count` entries, newest first, from a log held oldest first. Only the slice is
 * copied and reversed, so the cost follows what is shown, not the length of the log.
 */
export function pageOf(entries: readonly CareEntry[], count: number): CareEntry[] {
  const from = Math.max(0, entries.length - count);
  const page: CareEntry[] = [];
  for (let i = entries.length - 1; i >= from; i--) page.push(entries[i] as CareEntry);
  return page;
}
