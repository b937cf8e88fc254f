import { NEEDS, type Need } from '../domain/needs.ts';
import type { Episode } from './types.ts';
import { parseIsoDate } from '../records/age.ts';
import { localIsoDate, type OffsetMinutesAt } from '../records/local-time.ts';

/**
 * Pure aggregations behind the Patterns charts. Days and hours are local: each takes the UTC
 * offset in force at an instant, so tests are deterministic and DST is honoured.
 */
export const HOURS_PER_DAY = 24;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
/** The longest span the day charts draw (a year). */
export const MAX_CHART_DAYS = 366;

type EpisodeFacts = Pick<Episode, 'startedAt' | 'durationSeconds' | 'topNeed' | 'notSure' | 'cryCorrection'>;

/**
 * The episodes that were cries: one the parent marked "That wasn't crying" stays in the log (and
 * the CSV) flagged, but is not a cry, so no chart or count includes it.
 */
export function realCries<T extends EpisodeFacts>(episodes: readonly T[]): T[] {
  return episodes.filter((episode) => episode.cryCorrection !== 'false-alarm');
}

export interface DayCount {
  /** Local date `YYYY-MM-DD`. */
  day: string;
  count: number;
}

/** Every local date from `fromDay` to `toDay` inclusive (at most MAX_CHART_DAYS). */
export function daysBetween(fromDay: string, toDay: string): string[] {
  const from = parseIsoDate(fromDay);
  const to = parseIsoDate(toDay);
  if (!from || !to) return [];
  const days: string[] = [];
  const start = Date.UTC(from.year, from.month - 1, from.day);
  const end = Date.UTC(to.year, to.month - 1, to.day);
  for (let t = start; t <= end && days.length < MAX_CHART_DAYS; t += MS_PER_DAY) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** Number of cries starting on each local day of the range, zero days included. */
export function criesPerDay(
  episodes: readonly EpisodeFacts[],
  fromDay: string,
  toDay: string,
  offsetAt: OffsetMinutesAt,
): DayCount[] {
  const counts = new Map(daysBetween(fromDay, toDay).map((day) => [day, 0]));
  for (const episode of realCries(episodes)) {
    const day = localIsoDate(episode.startedAt, offsetAt(episode.startedAt));
    const count = counts.get(day);
    if (count !== undefined) counts.set(day, count + 1);
  }
  return [...counts].map(([day, count]) => ({ day, count }));
}

/** Cries by local starting hour, index 0 = midnight to 1 am. */
export function criesByHourOfDay(episodes: readonly EpisodeFacts[], offsetAt: OffsetMinutesAt): number[] {
  const counts = new Array<number>(HOURS_PER_DAY).fill(0);
  for (const episode of realCries(episodes)) {
    const localMs = episode.startedAt + offsetAt(episode.startedAt) * 60_000;
    const hour = new Date(localMs).getUTCHours();
    counts[hour] = (counts[hour] ?? 0) + 1;
  }
  return counts;
}

export interface DurationBucket {
  label: string;
  /** Inclusive lower bound, seconds. */
  fromSeconds: number;
  /** Exclusive upper bound, seconds (Infinity for the last bucket). */
  toSeconds: number;
  count: number;
}

/** Bucket edges in seconds, chosen to match how parents describe a cry's length. */
export const DURATION_BUCKET_EDGES_SECONDS = [0, 30, 60, 2 * 60, 5 * 60, 10 * 60, Number.POSITIVE_INFINITY] as const;
const DURATION_BUCKET_LABELS = ['< 30 s', '30 s–1 min', '1–2 min', '2–5 min', '5–10 min', '≥ 10 min'] as const;

export function durationHistogram(episodes: readonly EpisodeFacts[]): DurationBucket[] {
  const buckets = DURATION_BUCKET_LABELS.map((label, index) => ({
    label,
    fromSeconds: DURATION_BUCKET_EDGES_SECONDS[index] ?? 0,
    toSeconds: DURATION_BUCKET_EDGES_SECONDS[index + 1] ?? Number.POSITIVE_INFINITY,
    count: 0,
  }));
  for (const { durationSeconds } of realCries(episodes)) {
    const bucket = buckets.find((b) => durationSeconds >= b.fromSeconds && durationSeconds < b.toSeconds);
    if (bucket) bucket.count += 1;
  }
  return buckets;
}

/** What an episode's estimate was, with "not sure" (or no estimate) as its own category. */
export type NeedCategory = Need | 'notSure';
export const NEED_CATEGORIES: readonly NeedCategory[] = [...NEEDS, 'notSure'];

export function needCategory(episode: EpisodeFacts): NeedCategory {
  return episode.notSure || episode.topNeed === null ? 'notSure' : episode.topNeed;
}

export interface DayNeeds {
  day: string;
  counts: Record<NeedCategory, number>;
}

function emptyNeedCounts(): Record<NeedCategory, number> {
  return { discomfort: 0, hunger: 0, pain: 0, tired: 0, notSure: 0 };
}

/** Per local day, how many cries were estimated as each need (or not sure). */
export function needsPerDay(
  episodes: readonly EpisodeFacts[],
  fromDay: string,
  toDay: string,
  offsetAt: OffsetMinutesAt,
): DayNeeds[] {
  const byDay = new Map(daysBetween(fromDay, toDay).map((day) => [day, emptyNeedCounts()]));
  for (const episode of realCries(episodes)) {
    const counts = byDay.get(localIsoDate(episode.startedAt, offsetAt(episode.startedAt)));
    if (counts) counts[needCategory(episode)] += 1;
  }
  return [...byDay].map(([day, counts]) => ({ day, counts }));
}

export interface PatternSummary {
  totalCries: number;
  /** Mean cries per day over the range's days. */
  criesPerDayMean: number;
  /** Local hour with the most cries, or null when there are none. */
  busiestHour: number | null;
  /** Median cry length in seconds, or null when there are none. */
  medianDurationSeconds: number | null;
  /** Most frequent category, or null when there are none. */
  commonestNeed: NeedCategory | null;
}

export function summarizePatterns(
  allEpisodes: readonly EpisodeFacts[],
  dayCount: number,
  offsetAt: OffsetMinutesAt,
): PatternSummary {
  const episodes = realCries(allEpisodes);
  if (episodes.length === 0) {
    return { totalCries: 0, criesPerDayMean: 0, busiestHour: null, medianDurationSeconds: null, commonestNeed: null };
  }
  const hours = criesByHourOfDay(episodes, offsetAt);
  const busiestHour = hours.indexOf(Math.max(...hours));
  const durations = episodes.map((e) => e.durationSeconds).sort((a, b) => a - b);
  const middle = Math.floor(durations.length / 2);
  const median =
    durations.length % 2 === 1
      ? (durations[middle] ?? 0)
      : ((durations[middle - 1] ?? 0) + (durations[middle] ?? 0)) / 2;
  const categoryCounts = emptyNeedCounts();
  for (const episode of episodes) categoryCounts[needCategory(episode)] += 1;
  const commonestNeed = NEED_CATEGORIES.reduce((best, category) =>
    categoryCounts[category] > categoryCounts[best] ? category : best,
  );
  return {
    totalCries: episodes.length,
    criesPerDayMean: dayCount > 0 ? episodes.length / dayCount : 0,
    busiestHour,
    medianDurationSeconds: median,
    commonestNeed,
  };
}

/** Everything the Patterns screen draws, for one range. */
export interface PatternAggregate {
  perDay: DayCount[];
  byHour: number[];
  durations: DurationBucket[];
  needs: DayNeeds[];
  summary: PatternSummary;
}

/**
 * The same aggregates as the functions above, built one episode at a time, so a year of cries
 * is read page by page and never held at once: only the cry lengths are kept (for the median).
 */
export class PatternAccumulator {
  readonly #dayCount: number;
  readonly #offsetAt: OffsetMinutesAt;
  readonly #perDay: Map<string, number>;
  readonly #needsByDay: Map<string, Record<NeedCategory, number>>;
  readonly #byHour = new Array<number>(HOURS_PER_DAY).fill(0);
  readonly #buckets: DurationBucket[];
  readonly #categoryCounts = emptyNeedCounts();
  #durations = new Float64Array(1024);
  #count = 0;

  constructor(fromDay: string, toDay: string, offsetAt: OffsetMinutesAt) {
    const days = daysBetween(fromDay, toDay);
    this.#dayCount = days.length;
    this.#offsetAt = offsetAt;
    this.#perDay = new Map(days.map((day) => [day, 0]));
    this.#needsByDay = new Map(days.map((day) => [day, emptyNeedCounts()]));
    this.#buckets = durationHistogram([]);
  }

  get count(): number {
    return this.#count;
  }

  add(episode: EpisodeFacts): void {
    const offset = this.#offsetAt(episode.startedAt);
    const day = localIsoDate(episode.startedAt, offset);
    const perDay = this.#perDay.get(day);
    if (perDay !== undefined) this.#perDay.set(day, perDay + 1);
    const category = needCategory(episode);
    const needs = this.#needsByDay.get(day);
    if (needs) needs[category] += 1;
    this.#categoryCounts[category] += 1;
    const hour = new Date(episode.startedAt + offset * 60_000).getUTCHours();
    this.#byHour[hour] = (this.#byHour[hour] ?? 0) + 1;
    const bucket = this.#buckets.find((b) => episode.durationSeconds >= b.fromSeconds && episode.durationSeconds < b.toSeconds);
    if (bucket) bucket.count += 1;
    if (this.#count === this.#durations.length) {
      const grown = new Float64Array(this.#durations.length * 2);
      grown.set(this.#durations);
      this.#durations = grown;
    }
    this.#durations[this.#count] = episode.durationSeconds;
    this.#count += 1;
  }

  result(): PatternAggregate {
    const needs = [...this.#needsByDay].map(([day, counts]) => ({ day, counts: { ...counts } }));
    const perDay = [...this.#perDay].map(([day, count]) => ({ day, count }));
    const byHour = [...this.#byHour];
    const durations = this.#buckets.map((bucket) => ({ ...bucket }));
    if (this.#count === 0) {
      return { perDay, byHour, durations, needs, summary: summarizePatterns([], this.#dayCount, this.#offsetAt) };
    }
    const sorted = this.#durations.slice(0, this.#count).sort();
    const middle = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
    const categoryCounts = this.#categoryCounts;
    const commonestNeed = NEED_CATEGORIES.reduce((best, category) => (categoryCounts[category] > categoryCounts[best] ? category : best));
    return {
      perDay,
      byHour,
      durations,
      needs,
      summary: {
        totalCries: this.#count,
        criesPerDayMean: this.#dayCount > 0 ? this.#count / this.#dayCount : 0,
        busiestHour: byHour.indexOf(Math.max(...byHour)),
        medianDurationSeconds: median,
        commonestNeed,
      },
    };
  }
}
