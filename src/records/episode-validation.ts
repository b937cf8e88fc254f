import { NEEDS, type Need } from '../domain/needs.ts';
import { MODALITIES, NEED_SOURCES } from '../domain/modality.ts';
import { CRY_CORRECTIONS, type ActualReason, type EpisodeContext, type EpisodeRecord, type LeftOutSource, type ModalityProbabilities } from '../domain/episode.ts';
import type { Episode, Profile } from '../log/types.ts';
import {
  MAX_ANNOTATION_LENGTH,
  MAX_EPISODE_DURATION_SECONDS,
  MAX_ID_LENGTH,
  MAX_MODEL_VERSIONS,
  MAX_MODEL_VERSION_TEXT_LENGTH,
  MAX_PROFILE_NAME_LENGTH,
} from './limits.ts';
import {
  expectArray,
  expectBoolean,
  expectInteger,
  expectNumber,
  expectOneOf,
  expectProbabilities,
  expectRecord,
  expectString,
  expectStringMap,
  fail,
} from './validate.ts';
import { parseIsoDate } from './age.ts';

/**
 * The times a history can hold: a Date reaches year 275760, but a cry dated after 2100 (or
 * before 2000) is a wrong clock or an edited file, and could never be shown, exported or deleted
 * by date in the History screens.
 */
export const MIN_EPOCH_MS = Date.UTC(2000, 0, 1);
export const MAX_EPOCH_MS = Date.UTC(2100, 0, 1);
const AVATAR_COLOR = /^#[0-9a-fA-F]{6}$/;
const ACTUAL_REASONS: readonly (Need | 'other')[] = [...NEEDS, 'other'];

const RECORD_KEYS = [
  'startedAt',
  'endedAt',
  'durationSeconds',
  'peakCryProbability',
  'needProbabilities',
  'modalities',
  'contributed',
  'topNeed',
  'confidence',
  'notSure',
  'modelVersions',
] as const;
/** Written since the care log became a need source; older records and backups have none. */
const OPTIONAL_RECORD_KEYS = ['leftOut', 'reason', 'context'] as const;
const EPISODE_KEYS = [...RECORD_KEYS, 'id', 'profileId', 'note', 'actualReason', 'whatHelped', 'updatedAt'] as const;
const CONTEXT_KEYS = [
  'atMs',
  'needProbabilities',
  'firstGuess',
  'topNeed',
  'confidence',
  'notSure',
  'noLog',
  'reason',
  'bin',
  'minutesSinceFeed',
  'minutesAwake',
  'asleep',
  'minutesSinceNappy',
  'answersLearned',
] as const;
/** A reason is one or two sentences; anything longer is not ours. */
const MAX_REASON_LENGTH = 400;
/** Minutes in ten years: longer gaps are a damaged file. */
const MAX_CONTEXT_MINUTES = 10 * 366 * 24 * 60;
const PROFILE_KEYS = ['id', 'name', 'birthDate', 'avatarColor', 'createdAt'] as const;

/** Largest epoch-millisecond value a JavaScript Date can hold. */
const LAST_DATE_MS = 8.64e15;

/** A creation or last-change time: any Date (a backup's future ones are set back on reading). */
export function expectEpochMs(value: unknown, path: string): number {
  return expectInteger(value, path, 0, LAST_DATE_MS);
}

/** When a cry started or ended: within the years a history can show. */
export function expectCryTime(value: unknown, path: string): number {
  const time = expectInteger(value, path, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (time < MIN_EPOCH_MS || time > MAX_EPOCH_MS) {
    fail(path, `${Number.isFinite(new Date(time).getTime()) ? new Date(time).toISOString().slice(0, 10) : time} is not a date between 2000 and 2100`);
  }
  return time;
}

export function expectId(value: unknown, path: string): string {
  return expectString(value, path, MAX_ID_LENGTH, false);
}

function expectModalities(value: unknown, path: string): ModalityProbabilities {
  const raw = expectRecord(value, path, [], MODALITIES);
  const result: ModalityProbabilities = {};
  if (raw.audio !== undefined) result.audio = expectProbabilities(raw.audio, `${path}, audio`);
  if (raw.face !== undefined) result.face = expectProbabilities(raw.face, `${path}, face`);
  return result;
}

function optionalMinutes(value: unknown, path: string): number | null {
  return value === null ? null : expectNumber(value, path, 0, MAX_CONTEXT_MINUTES);
}

function expectContext(value: unknown, path: string): EpisodeContext | null {
  if (value === null) return null;
  const raw = expectRecord(value, path, CONTEXT_KEYS);
  return {
    atMs: expectCryTime(raw.atMs, `${path}, time`),
    needProbabilities: expectProbabilities(raw.needProbabilities, `${path}, need probabilities`),
    firstGuess: expectOneOf(raw.firstGuess, `${path}, first guess`, NEEDS),
    topNeed: raw.topNeed === null ? null : expectOneOf(raw.topNeed, `${path}, top need`, NEEDS),
    confidence: expectNumber(raw.confidence, `${path}, confidence`, 0, 1),
    notSure: expectBoolean(raw.notSure, `${path}, not sure`),
    noLog: expectBoolean(raw.noLog, `${path}, no log`),
    reason: expectString(raw.reason, `${path}, reason`, MAX_REASON_LENGTH, true),
    bin: expectString(raw.bin, `${path}, bin`, 40, false),
    minutesSinceFeed: optionalMinutes(raw.minutesSinceFeed, `${path}, minutes since feed`),
    minutesAwake: optionalMinutes(raw.minutesAwake, `${path}, minutes awake`),
    asleep: raw.asleep === null ? null : expectBoolean(raw.asleep, `${path}, asleep`),
    minutesSinceNappy: optionalMinutes(raw.minutesSinceNappy, `${path}, minutes since nappy`),
    answersLearned: expectInteger(raw.answersLearned, `${path}, answers learned`, 0, Number.MAX_SAFE_INTEGER),
  };
}

function expectLeftOut(value: unknown, path: string): LeftOutSource[] {
  return expectArray(value, path, NEED_SOURCES.length).map((item, i) => {
    const raw = expectRecord(item, `${path}[${i}]`, ['source', 'why']);
    return { source: expectOneOf(raw.source, `${path}[${i}], source`, NEED_SOURCES), why: expectString(raw.why, `${path}[${i}], why`, MAX_REASON_LENGTH, true) };
  });
}

/** The fields added with the care-log context, copied only when present (older records stay as they were). */
function pickContextFields(raw: Record<string, unknown>, path: string): Pick<EpisodeRecord, 'leftOut' | 'reason' | 'context'> {
  const picked: Pick<EpisodeRecord, 'leftOut' | 'reason' | 'context'> = {};
  if (raw.leftOut !== undefined) picked.leftOut = expectLeftOut(raw.leftOut, `${path}, left out`);
  if (raw.reason !== undefined) picked.reason = raw.reason === null ? null : expectString(raw.reason, `${path}, reason`, MAX_REASON_LENGTH, true);
  if (raw.context !== undefined) picked.context = expectContext(raw.context, `${path}, context`);
  return picked;
}

function pickRecord(raw: Record<string, unknown>, path: string): EpisodeRecord {
  const startedAt = expectCryTime(raw.startedAt, `${path}, start time`);
  const endedAt = expectCryTime(raw.endedAt, `${path}, end time`);
  if (endedAt < startedAt) fail(path, 'ends before it starts');
  const contributed = expectArray(raw.contributed, `${path}, contributed`, NEED_SOURCES.length).map((m, i) =>
    expectOneOf(m, `${path}, contributed[${i}]`, NEED_SOURCES),
  );
  if (new Set(contributed).size !== contributed.length) fail(`${path}, contributed`, 'lists a sense twice');
  return {
    startedAt,
    endedAt,
    durationSeconds: expectNumber(raw.durationSeconds, `${path}, duration`, 0, MAX_EPISODE_DURATION_SECONDS),
    peakCryProbability: expectNumber(raw.peakCryProbability, `${path}, peak cry probability`, 0, 1),
    needProbabilities:
      raw.needProbabilities === null ? null : expectProbabilities(raw.needProbabilities, `${path}, need probabilities`),
    modalities: expectModalities(raw.modalities, `${path}, modalities`),
    contributed,
    topNeed: raw.topNeed === null ? null : expectOneOf(raw.topNeed, `${path}, top need`, NEEDS),
    confidence: raw.confidence === null ? null : expectNumber(raw.confidence, `${path}, confidence`, 0, 1),
    notSure: expectBoolean(raw.notSure, `${path}, not sure`),
    modelVersions: expectStringMap(raw.modelVersions, `${path}, model versions`, MAX_MODEL_VERSIONS, MAX_MODEL_VERSION_TEXT_LENGTH),
    ...pickContextFields(raw, path),
  };
}

/** Checks an episode record from the monitor before it is stored. */
export function validateEpisodeRecord(value: unknown, path = 'Episode'): EpisodeRecord {
  return pickRecord(expectRecord(value, path, RECORD_KEYS, OPTIONAL_RECORD_KEYS), path);
}

export function validateActualReason(value: unknown, path: string): ActualReason {
  return value === null ? null : expectOneOf(value, path, ACTUAL_REASONS);
}

export function validateAnnotationText(value: unknown, path: string): string {
  return expectString(value, path, MAX_ANNOTATION_LENGTH, true);
}

/** Checks a stored episode (e.g. from a backup file), building a fresh object from known fields only. */
export function validateEpisode(value: unknown, path = 'Episode'): Episode {
  const raw = expectRecord(value, path, EPISODE_KEYS, [...OPTIONAL_RECORD_KEYS, 'cryCorrection']);
  // Episodes from before the "That wasn't crying" correction have no such field: none given.
  const cryCorrection = raw.cryCorrection === undefined || raw.cryCorrection === null ? null : expectOneOf(raw.cryCorrection, `${path}, correction`, CRY_CORRECTIONS);
  return {
    id: expectId(raw.id, `${path}, id`),
    profileId: expectId(raw.profileId, `${path}, baby id`),
    ...pickRecord(raw, path),
    note: validateAnnotationText(raw.note, `${path}, note`),
    actualReason: validateActualReason(raw.actualReason, `${path}, real reason`),
    whatHelped: validateAnnotationText(raw.whatHelped, `${path}, what helped`),
    updatedAt: expectEpochMs(raw.updatedAt, `${path}, last change`),
    ...(cryCorrection === null ? {} : { cryCorrection }),
  };
}

export function validateProfile(value: unknown, path = 'Baby'): Profile {
  const raw = expectRecord(value, path, PROFILE_KEYS);
  const name = expectString(raw.name, `${path}, name`, MAX_PROFILE_NAME_LENGTH, false);
  if (name.trim().length === 0) fail(`${path}, name`, 'is blank');
  let birthDate: string | null = null;
  if (raw.birthDate !== null) {
    birthDate = expectString(raw.birthDate, `${path}, birth date`, 10, false);
    if (parseIsoDate(birthDate) === null) fail(`${path}, birth date`, 'is not a valid YYYY-MM-DD date');
  }
  const avatarColor = expectString(raw.avatarColor, `${path}, colour`, 7, false);
  if (!AVATAR_COLOR.test(avatarColor)) fail(`${path}, colour`, 'is not a #rrggbb colour');
  return {
    id: expectId(raw.id, `${path}, id`),
    name,
    birthDate,
    avatarColor,
    createdAt: expectEpochMs(raw.createdAt, `${path}, creation time`),
  };
}
