import type { CareEntry, FeedMethod, NappyContent, SleepEntry } from '../domain/care.ts';
import { CARE_KINDS } from '../domain/care.ts';
import { InputError } from './input-error.ts';
import { MAX_ID_LENGTH } from './limits.ts';
import { expectBoolean, expectInteger, expectNumber, expectOneOf, expectRecord, expectString, fail } from './validate.ts';

export const FEED_METHODS: readonly FeedMethod[] = ['breast-left', 'breast-right', 'bottle', 'unspecified'];
export const NAPPY_CONTENTS: readonly NappyContent[] = ['wet', 'dirty', 'both'];
/** A bottle larger than this is a typo (the largest bottles sold hold about 330 ml). */
export const MAX_BOTTLE_ML = 500;
export const MAX_SOOTHE_TEXT_LENGTH = 200;
/** A sleep still open after this long is almost surely a forgotten wake-up. */
export const MAX_OPEN_SLEEP_MS = 20 * 60 * 60 * 1000;
/** Clocks of two phones differ a little: this much "future" is still now. */
export const FUTURE_TOLERANCE_MS = 2 * 60 * 1000;
/** Earliest plausible entry: 2000-01-01. */
const MIN_TIME_MS = Date.UTC(2000, 0, 1);
const MAX_TIME_MS = Date.UTC(2200, 0, 1);

const KIND_WORD: Readonly<Record<CareEntry['kind'], string>> = {
  feed: 'A feed',
  sleep: 'A sleep',
  nappy: 'A nappy change',
  soothe: 'A "soothed by"',
};

/** "02:10", or "Mon 02:10" when not today, in local time. */
export function clockTime(ms: number, nowMs: number): string {
  const d = new Date(ms);
  const hhmm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return new Date(nowMs).toDateString() === d.toDateString() ? hhmm : `${d.toLocaleDateString(undefined, { weekday: 'short' })} ${hhmm}`;
}

/**
 * Checks one entry as the parent gave it against the baby's other live entries. Throws an
 * InputError whose message can be shown as is.
 */
export function checkCareEntry(entry: CareEntry, others: readonly CareEntry[], nowMs: number): void {
  if (entry.time > nowMs + FUTURE_TOLERANCE_MS) {
    throw new InputError(`${KIND_WORD[entry.kind]} can't be logged in the future (${clockTime(entry.time, nowMs)}). Pick a time up to now.`);
  }
  if (entry.kind === 'feed' && entry.amountMl !== null) {
    if (entry.method !== 'bottle') throw new InputError('An amount in ml can only be given for a bottle.');
    if (!(entry.amountMl > 0 && entry.amountMl <= MAX_BOTTLE_ML)) {
      throw new InputError(`A bottle amount must be between 1 and ${MAX_BOTTLE_ML} ml.`);
    }
  }
  if (entry.kind === 'soothe' && entry.text.trim() === '') throw new InputError('Say what soothed the baby, or pick one from the list.');
  if (entry.kind !== 'sleep') return;
  if (entry.endTime !== null) {
    if (entry.endTime < entry.time) throw new InputError('The wake-up time is before the baby fell asleep. Check both times.');
    if (entry.endTime > nowMs + FUTURE_TOLERANCE_MS) throw new InputError("A wake-up can't be logged in the future. Pick a time up to now.");
  } else if (nowMs - entry.time > MAX_OPEN_SLEEP_MS) {
    throw new InputError(`Still asleep since ${clockTime(entry.time, nowMs)}? That is over 20 h: add the time the baby woke up.`);
  }
  checkNoSleepOverlap(entry, others, nowMs);
}

/** A sleep may not overlap another live sleep of the same baby. */
export function checkNoSleepOverlap(entry: CareEntry, others: readonly CareEntry[], nowMs: number): void {
  if (entry.kind !== 'sleep') return;
  const end = entry.endTime ?? Number.POSITIVE_INFINITY;
  for (const other of others) {
    if (other.kind !== 'sleep' || other.deleted || other.id === entry.id || other.profileId !== entry.profileId) continue;
    const otherEnd = other.endTime ?? Number.POSITIVE_INFINITY;
    if (entry.time < otherEnd && other.time < end) {
      const span = other.endTime === null ? `since ${clockTime(other.time, nowMs)} (still open)` : `${clockTime(other.time, nowMs)}–${clockTime(other.endTime, nowMs)}`;
      throw new InputError(`This sleep overlaps another one, ${span}. Change the times or end that sleep first.`);
    }
  }
}

/** The question to ask when the baby's open sleep is older than 20 h, else null. */
export function staleOpenSleepQuestion(entries: readonly CareEntry[], nowMs: number): string | null {
  // An open sleep overlaps every later one, which is refused, so only the latest live sleep can
  // be open: scan back from the end (entries are in time order) instead of over a year of log.
  let open: SleepEntry | undefined;
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const entry = entries[i] as CareEntry;
    if (entry.kind !== 'sleep' || entry.deleted) continue;
    if (entry.endTime === null) open = entry;
    break;
  }
  return open !== undefined && nowMs - open.time > MAX_OPEN_SLEEP_MS ? `Still asleep since ${clockTime(open.time, nowMs)}?` : null;
}

function expectTime(value: unknown, path: string): number {
  return expectInteger(value, path, MIN_TIME_MS, MAX_TIME_MS);
}

/** Validates one care entry from a backup file (shape only; it throws InputError naming the path). */
export function validateCareEntry(value: unknown, path: string): CareEntry {
  const base = ['kind', 'id', 'profileId', 'time', 'updatedAt', 'deleted'];
  const kindRecord = expectRecord(value, path, ['kind'], ['id', 'profileId', 'time', 'updatedAt', 'deleted', 'method', 'amountMl', 'endTime', 'content', 'text']);
  const kind = expectOneOf(kindRecord.kind, `${path}, kind`, CARE_KINDS);
  const extra = { feed: ['method', 'amountMl'], sleep: ['endTime'], nappy: ['content'], soothe: ['text'] }[kind];
  const raw = expectRecord(value, path, [...base, ...extra]);
  const common = {
    id: expectString(raw.id, `${path}, id`, MAX_ID_LENGTH, false),
    profileId: expectString(raw.profileId, `${path}, baby`, MAX_ID_LENGTH, false),
    time: expectTime(raw.time, `${path}, time`),
    updatedAt: expectTime(raw.updatedAt, `${path}, last change`),
    deleted: expectBoolean(raw.deleted, `${path}, deleted`),
  };
  switch (kind) {
    case 'feed': {
      const method = expectOneOf(raw.method, `${path}, feed`, FEED_METHODS);
      const amountMl = raw.amountMl === null ? null : expectNumber(raw.amountMl, `${path}, amount`, 1, MAX_BOTTLE_ML);
      if (amountMl !== null && method !== 'bottle') fail(`${path}, amount`, 'is only allowed for a bottle');
      return { kind, ...common, method, amountMl };
    }
    case 'sleep': {
      const endTime = raw.endTime === null ? null : expectTime(raw.endTime, `${path}, wake-up`);
      if (endTime !== null && endTime < common.time) fail(`${path}, wake-up`, 'is before the baby fell asleep');
      return { kind, ...common, endTime };
    }
    case 'nappy':
      return { kind, ...common, content: expectOneOf(raw.content, `${path}, nappy`, NAPPY_CONTENTS) };
    case 'soothe':
      return { kind, ...common, text: expectString(raw.text, `${path}, soothed by`, MAX_SOOTHE_TEXT_LENGTH, false) };
  }
}
