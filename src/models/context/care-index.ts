import type { CareEntry } from '../../domain/care.ts';

/** Rhythm is read from this many days before the instant. */
export const RHYTHM_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * Gaps (feed to feed, wake to sleep) longer than this are a missing log entry or a night
 * stretch, not a rhythm: they are left out of the median.
 */
export const MAX_RHYTHM_GAP_MINUTES = 8 * 60;

export interface SleepSpan {
  start: number;
  /** Null while the baby is still asleep. */
  end: number | null;
}

/**
 * Everything the estimate needs, sorted once when the log loads or changes, so that one
 * estimate is a few binary searches and never a scan of the log.
 */
export interface CareIndex {
  /** Feed start times, ascending (epoch ms). */
  readonly feedTimes: readonly number[];
  /** Median feed gap (minutes) over the window ending at feed i, or null. */
  readonly feedGapMedianAt: readonly (number | null)[];
  /** How many gaps went into feedGapMedianAt[i]. */
  readonly feedGapCountAt: readonly number[];
  readonly sleeps: readonly SleepSpan[];
  /** Median wake window (minutes) over the window ending at the start of sleep i, or null. */
  readonly wakeMedianAt: readonly (number | null)[];
  readonly wakeCountAt: readonly number[];
  readonly nappyTimes: readonly number[];
  readonly entryCount: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Index at which `value` keeps the ascending array sorted (after equal values). */
function insertionPoint(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sortedMedian(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Median of the gaps that end inside the window before each end time (gaps[i] ends at ends[i]).
 * The window is kept sorted as it slides (one insert and the expired removals per step, by
 * binary search), so a year-long log is indexed in milliseconds rather than re-sorting every
 * window; `median` above is the plain definition the tests compare against.
 */
function rollingMedians(ends: readonly number[], gaps: readonly (number | null)[]): { medians: (number | null)[]; counts: number[] } {
  const medians: (number | null)[] = [];
  const counts: number[] = [];
  const window: number[] = [];
  let from = 0;
  for (let i = 0; i < ends.length; i += 1) {
    const end = ends[i] as number;
    while ((ends[from] as number) < end - RHYTHM_WINDOW_MS) {
      const expired = gaps[from];
      if (expired !== null && expired !== undefined) window.splice(insertionPoint(window, expired) - 1, 1);
      from += 1;
    }
    const gap = gaps[i];
    if (gap !== null && gap !== undefined) window.splice(insertionPoint(window, gap), 0, gap);
    medians.push(sortedMedian(window));
    counts.push(window.length);
  }
  return { medians, counts };
}

function usableGap(minutes: number): number | null {
  return minutes > 0 && minutes <= MAX_RHYTHM_GAP_MINUTES ? minutes : null;
}

/** Builds the index of one baby's live (not deleted) entries. */
export function buildCareIndex(entries: readonly CareEntry[]): CareIndex {
  const live = entries.filter((entry) => !entry.deleted);
  const feedTimes = live.filter((e) => e.kind === 'feed').map((e) => e.time).sort((a, b) => a - b);
  const feedGaps = feedTimes.map((t, i) => (i === 0 ? null : usableGap((t - (feedTimes[i - 1] as number)) / 60_000)));
  const feed = rollingMedians(feedTimes, feedGaps);

  const sleeps: SleepSpan[] = live
    .flatMap((e) => (e.kind === 'sleep' ? [{ start: e.time, end: e.endTime }] : []))
    .sort((a, b) => a.start - b.start);
  const sleepStarts = sleeps.map((s) => s.start);
  const wakeGaps = sleeps.map((s, i) => {
    const previousEnd = i === 0 ? null : (sleeps[i - 1] as SleepSpan).end;
    return previousEnd === null ? null : usableGap((s.start - previousEnd) / 60_000);
  });
  const wake = rollingMedians(sleepStarts, wakeGaps);

  const nappyTimes = live.filter((e) => e.kind === 'nappy').map((e) => e.time).sort((a, b) => a - b);
  return {
    feedTimes,
    feedGapMedianAt: feed.medians,
    feedGapCountAt: feed.counts,
    sleeps,
    wakeMedianAt: wake.medians,
    wakeCountAt: wake.counts,
    nappyTimes,
    entryCount: live.length,
  };
}

/** Index of the last value ≤ t in an ascending array, or -1. */
export function lastIndexAtOrBefore(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Index of the last sleep that started at or before t, or -1. */
export function lastSleepAtOrBefore(index: CareIndex, t: number): number {
  let lo = 0;
  let hi = index.sleeps.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((index.sleeps[mid] as SleepSpan).start <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
