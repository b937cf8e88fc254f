const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_PER_WEEK = 7;
/** Below this age the label is in days, then weeks until AGE_IN_MONTHS_FROM_DAYS. */
const AGE_IN_WEEKS_FROM_DAYS = 14;
const AGE_IN_MONTHS_FROM_DAYS = 8 * DAYS_PER_WEEK;
const MONTHS_PER_YEAR = 12;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

export interface CalendarDate {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
}

/** Parses `YYYY-MM-DD` into a real calendar date, or null (rejects 2026-02-30). */
export function parseIsoDate(text: string): CalendarDate | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return null;
  }
  return { year, month, day };
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round(
    (Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / MS_PER_DAY,
  );
}

/**
 * A baby's age as parents say it: days for the first two weeks, weeks until eight, then months,
 * then years and months. Null when the birth date is missing, invalid or after today.
 */
export function ageLabel(birthDate: string | null, todayIso: string): string | null {
  if (birthDate === null) return null;
  const birth = parseIsoDate(birthDate);
  const today = parseIsoDate(todayIso);
  if (!birth || !today) return null;
  const days = daysBetween(birth, today);
  if (days < 0) return null;
  if (days < AGE_IN_WEEKS_FROM_DAYS) return plural(days, 'day');
  if (days < AGE_IN_MONTHS_FROM_DAYS) return plural(Math.floor(days / DAYS_PER_WEEK), 'week');
  let months = (today.year - birth.year) * MONTHS_PER_YEAR + (today.month - birth.month);
  if (today.day < birth.day) months -= 1;
  if (months < MONTHS_PER_YEAR * 2) return plural(months, 'month');
  const years = Math.floor(months / MONTHS_PER_YEAR);
  const rest = months % MONTHS_PER_YEAR;
  return rest === 0 ? plural(years, 'year') : `${plural(years, 'year')} ${plural(rest, 'month')}`;
}
