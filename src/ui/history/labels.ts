import { NEED_LABELS, NOT_SURE_LABEL } from '../../domain/needs.ts';
import type { ActualReason } from '../../domain/episode.ts';
import type { NeedCategory } from '../../log/patterns.ts';

/** Need names as the screens say them, with the "not sure" category of the history's charts. */
export const NEED_CATEGORY_LABELS: Record<NeedCategory, string> = { ...NEED_LABELS, notSure: NOT_SURE_LABEL };

/** Chart colours per category, distinguishable on the dark background and in greyscale order. */
export const NEED_COLORS: Record<NeedCategory, string> = {
  discomfort: '#e9c46a',
  hunger: '#f4a261',
  pain: '#e76f51',
  tired: '#8ab4f8',
  notSure: '#6b7785',
};

export const ACTUAL_REASON_OPTIONS: readonly { value: ActualReason; label: string }[] = [
  { value: null, label: 'Not answered' },
  { value: 'hunger', label: 'Hunger' },
  { value: 'tired', label: 'Tired' },
  { value: 'discomfort', label: 'Discomfort' },
  { value: 'pain', label: 'Pain' },
  { value: 'other', label: 'Something else' },
];

/** "3 am", "12 pm": an hour of the day for chart labels. */
export function hourLabel(hour: number): string {
  const suffix = hour < 12 ? 'am' : 'pm';
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return `${twelve} ${suffix}`;
}

/** "Tue 25 Nov, 03:14" in the device's locale. */
export function formatEpisodeTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "25 Nov" for a `YYYY-MM-DD` day label. */
export function shortDayLabel(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (year === undefined || month === undefined || date === undefined) return day;
  return new Date(year, month - 1, date).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}
