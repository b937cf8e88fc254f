import { parseIsoDate } from '../../records/age.ts';
import { localIsoDate, localOffsetMinutesAt } from '../../records/local-time.ts';
import type { EpisodeFilter } from '../../log/types.ts';

/** Days shown by default: the last four weeks and today. */
export const DEFAULT_RANGE_DAYS = 28;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** Today's local date, `YYYY-MM-DD`. */
export function todayIso(nowMs: number = Date.now()): string {
  return localIsoDate(nowMs, localOffsetMinutesAt(nowMs));
}

/** The local date `days` before `day` (calendar arithmetic, DST-proof). */
export function isoDaysBefore(day: string, days: number): string {
  const date = parseIsoDate(day);
  if (!date) return day;
  return new Date(Date.UTC(date.year, date.month - 1, date.day) - days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Epoch ms of local midnight starting `day`, in this device's time zone. */
function localMidnightMs(day: string): number | null {
  const date = parseIsoDate(day);
  return date ? new Date(date.year, date.month - 1, date.day).getTime() : null;
}

/**
 * The filter for a baby (or all) between two local dates, both inclusive. Null when a date is
 * missing or invalid, or the range is backwards: the screen then says so instead of guessing.
 */
export function filterForDays(profileId: string | null, fromDay: string, toDay: string): EpisodeFilter | null {
  const fromMs = localMidnightMs(fromDay);
  const afterToMs = localMidnightMs(isoDaysBefore(toDay, -1));
  if (fromMs === null || afterToMs === null || fromDay > toDay) return null;
  return { profileId, fromMs, toMs: afterToMs - 1 };
}
