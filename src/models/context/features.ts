import { lastIndexAtOrBefore, lastSleepAtOrBefore, type CareIndex, type SleepSpan } from './care-index.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** What the log says about the baby at one instant. Missing stays null: never 0. */
export interface ContextFeatures {
  minutesSinceFeed: number | null;
  /** True when the last logged sleep is still open at this instant; null when no sleep is logged. */
  asleep: boolean | null;
  /** Minutes since the last wake-up; null when asleep or no finished sleep is logged. */
  minutesAwake: number | null;
  minutesSinceNappy: number | null;
  /** Local hour 0–23. */
  hourOfDay: number;
  /** Whole days since birth, or null without a birth date. */
  ageDays: number | null;
}

/** Days since a `YYYY-MM-DD` birth date (read as local midnight), or null. */
export function ageInDays(birthDate: string | null, atMs: number): number | null {
  if (birthDate === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) return null;
  const birth = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  const days = Math.floor((atMs - birth) / DAY_MS);
  return days >= 0 ? days : null;
}

/**
 * Context at instant t from the index: only entries at or before t count, so a replay at a past
 * instant sees what the log held then (by entry time).
 */
export function contextFeatures(index: CareIndex, birthDate: string | null, t: number): ContextFeatures {
  const feedIdx = lastIndexAtOrBefore(index.feedTimes, t);
  const nappyIdx = lastIndexAtOrBefore(index.nappyTimes, t);
  const sleepIdx = lastSleepAtOrBefore(index, t);
  let asleep: boolean | null = null;
  let minutesAwake: number | null = null;
  if (sleepIdx >= 0) {
    const sleep = index.sleeps[sleepIdx] as SleepSpan;
    asleep = sleep.end === null || sleep.end > t;
    if (!asleep && sleep.end !== null) minutesAwake = (t - sleep.end) / MINUTE_MS;
  }
  return {
    minutesSinceFeed: feedIdx >= 0 ? (t - (index.feedTimes[feedIdx] as number)) / MINUTE_MS : null,
    asleep,
    minutesAwake,
    minutesSinceNappy: nappyIdx >= 0 ? (t - (index.nappyTimes[nappyIdx] as number)) / MINUTE_MS : null,
    hourOfDay: new Date(t).getHours(),
    ageDays: ageInDays(birthDate, t),
  };
}
