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

/** Median and count of the usable gaps ending at or after `end − RHYTHM_WINDOW_MS`, plus `newGap`. */
function windowMedianWith(ends: readonly number[], gapAt: (i: number) => number | null, end: number, newGap: number | null): { median: number | null; count: number } {
  const gaps: number[] = newGap === null ? [] : [newGap];
  for (let i = ends.length - 1; i >= 0 && (ends[i] as number) >= end - RHYTHM_WINDOW_MS; i -= 1) {
    const gap = gapAt(i);
    if (gap !== null) gaps.push(gap);
  }
  return { median: median(gaps), count: gaps.length };
}

function lastOf(sorted: readonly number[]): number {
  return sorted.length === 0 ? Number.NEGATIVE_INFINITY : (sorted[sorted.length - 1] as number);
}

/**
 * The index after one change, without re-sorting the log when the change is the one-tap case: an
 * entry later than every other of its kind, or the latest sleep closed by "Woke up". The result is
 * the index `buildCareIndex` would give for the changed log (a test holds them equal) at the cost
 * of one 7-day window instead of the whole year. Any other change (a back-dated or edited entry, a
 * delete) returns null: the caller rebuilds.
 */
export function updateCareIndex(index: CareIndex, change: { before: CareEntry | null; after: CareEntry }): CareIndex | null {
  const { before, after } = change;
  if (after.deleted) return null;
  if (before !== null) {
    // "Woke up": the open latest sleep gets its end. Later wake windows do not exist yet, so no median moves.
    const last = index.sleeps[index.sleeps.length - 1];
    const closesLatestSleep =
      before.kind === 'sleep' && after.kind === 'sleep' && !before.deleted && before.endTime === null && after.endTime !== null &&
      before.time === after.time && last !== undefined && last.start === after.time && last.end === null &&
      (index.sleeps.length < 2 || (index.sleeps[index.sleeps.length - 2] as SleepSpan).start < last.start);
    if (!closesLatestSleep) return null;
    return { ...index, sleeps: [...index.sleeps.slice(0, -1), { start: last.start, end: after.endTime }] };
  }
  const entryCount = index.entryCount + 1;
  switch (after.kind) {
    case 'feed': {
      if (after.time < lastOf(index.feedTimes)) return null;
      const times = index.feedTimes;
      const gapAt = (i: number): number | null => (i === 0 ? null : usableGap(((times[i] as number) - (times[i - 1] as number)) / 60_000));
      const newGap = times.length === 0 ? null : usableGap((after.time - lastOf(times)) / 60_000);
      const { median: m, count } = windowMedianWith(times, gapAt, after.time, newGap);
      return { ...index, feedTimes: [...times, after.time], feedGapMedianAt: [...index.feedGapMedianAt, m], feedGapCountAt: [...index.feedGapCountAt, count], entryCount };
    }
    case 'sleep': {
      const sleeps = index.sleeps;
      const previous = sleeps[sleeps.length - 1];
      // Equal starts are ordered by the log's own order in a rebuild: leave them to it.
      if (previous !== undefined && after.time <= previous.start) return null;
      const starts = sleeps.map((s) => s.start);
      const gapAt = (i: number): number | null => {
        const end = i === 0 ? null : (sleeps[i - 1] as SleepSpan).end;
        return end === null ? null : usableGap(((sleeps[i] as SleepSpan).start - end) / 60_000);
      };
      const newGap = previous === undefined || previous.end === null ? null : usableGap((after.time - previous.end) / 60_000);
      const { median: m, count } = windowMedianWith(starts, gapAt, after.time, newGap);
      return { ...index, sleeps: [...sleeps, { start: after.time, end: after.endTime }], wakeMedianAt: [...index.wakeMedianAt, m], wakeCountAt: [...index.wakeCountAt, count], entryCount };
    }
    case 'nappy':
      if (after.time < lastOf(index.nappyTimes)) return null;
      return { ...index, nappyTimes: [...index.nappyTimes, after.time], entryCount };
    case 'soothe':
      return { ...index, entryCount };
  }
}
