import type { CareEntry } from '../domain/care.ts';
import type { HistoryDb } from './db.ts';
import type { EpisodeFilter } from './types.ts';
import { listProfiles } from './profiles.ts';
import { localOffsetMinutesAt, type OffsetMinutesAt } from '../records/local-time.ts';
import { CSV_BOM, CSV_LINE_END, formatIsoWithOffset, formatPlainNumber, textCell } from './csv.ts';

/**
 * The care log is its own CSV file (care-log.csv) beside the episodes' one: its rows have other
 * columns, and one typed table per file is what spreadsheet apps read without help.
 */
export const CARE_CSV_COLUMNS = ['entry_id', 'baby', 'kind', 'time', 'end_time', 'feed_method', 'amount_ml', 'nappy', 'soothed_by', 'updated_at'] as const;

export function careCsvHeaderLine(): string {
  return CARE_CSV_COLUMNS.join(',') + CSV_LINE_END;
}

export function careCsvLine(entry: CareEntry, babyName: string, offsetAt: OffsetMinutesAt): string {
  const iso = (ms: number): string => formatIsoWithOffset(ms, offsetAt(ms));
  const cells = [
    textCell(entry.id),
    textCell(babyName),
    entry.kind,
    iso(entry.time),
    entry.kind === 'sleep' && entry.endTime !== null ? iso(entry.endTime) : '',
    entry.kind === 'feed' ? entry.method : '',
    entry.kind === 'feed' && entry.amountMl !== null ? formatPlainNumber(entry.amountMl, 1) : '',
    entry.kind === 'nappy' ? entry.content : '',
    entry.kind === 'soothe' ? textCell(entry.text) : '',
    iso(entry.updatedAt),
  ];
  return cells.join(',') + CSV_LINE_END;
}

/** Live care entries matching the filter (same filter as the episodes' export), oldest first. */
export async function* careCsvChunks(
  db: HistoryDb,
  filter: EpisodeFilter,
  offsetMinutesAt: OffsetMinutesAt = localOffsetMinutesAt,
): AsyncGenerator<string, void, void> {
  const profiles = await listProfiles(db);
  const names = new Map(profiles.map((profile) => [profile.id, profile.name]));
  yield CSV_BOM + careCsvHeaderLine();
  const ids = filter.profileId === null ? profiles.map((p) => p.id) : [filter.profileId];
  const rows: CareEntry[] = [];
  for (const id of ids) {
    const entries = await db.careEntries.where('[profileId+time]').between([id, filter.fromMs], [id, filter.toMs], true, true).toArray();
    rows.push(...entries.filter((e) => !e.deleted));
  }
  rows.sort((a, b) => a.time - b.time || a.id.localeCompare(b.id));
  for (let i = 0; i < rows.length; i += 1000) {
    yield rows.slice(i, i + 1000).map((e) => careCsvLine(e, names.get(e.profileId) ?? '', offsetMinutesAt)).join('');
  }
}
