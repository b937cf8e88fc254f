import { Dexie } from 'dexie';
import type { HistoryDb } from './db.ts';
import { InputError } from '../records/input-error.ts';
import { readSetting, writeSetting } from './profiles.ts';
import { guardStorage } from './storage-error.ts';
import { CRY_CORRECTIONS, type CryCorrection, type CryEmbeddings, type Episode } from './types.ts';

/**
 * Embeddings kept per detected sound. An episode has two windows a second; a couple of dozen,
 * spread over it, describe the sound as well as all of them, and keep each correction small
 * (24 × 240 numbers with the shipped model) and the on-device veto fast.
 */
export const MAX_EMBEDDINGS_PER_SOUND = 24;

/** Longest embedding we believe in; anything longer is a damaged row. */
export const MAX_EMBEDDING_DIMENSION = 1024;

/** At most `count` items, evenly spread over the list (first and last included). */
export function spreadSample<T>(items: readonly T[], count: number = MAX_EMBEDDINGS_PER_SOUND): T[] {
  if (items.length <= count) return [...items];
  if (count <= 1) return items.slice(0, Math.max(0, count));
  return Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))] as T);
}

function checkedEmbeddings(embeddings: readonly (ArrayLike<number>)[]): number[][] {
  if (embeddings.length === 0) throw new InputError('There is nothing to learn from: no sound was kept for this cry.');
  const dimension = embeddings[0]?.length ?? 0;
  if (dimension === 0 || dimension > MAX_EMBEDDING_DIMENSION) throw new InputError(`A sound's description has ${dimension} numbers, which this app cannot use.`);
  return spreadSample(embeddings).map((embedding) => {
    if (embedding.length !== dimension) throw new InputError('The sound descriptions of one cry differ in length.');
    const plain = Array.from(embedding);
    if (!plain.every(Number.isFinite)) throw new InputError('A sound description holds a number that is not finite.');
    return plain;
  });
}

export interface SoundEmbeddingsInput {
  /** Row id: the episode's id, or 'recording:…' for a stretch of an analysed recording. */
  id: string;
  episodeId: string | null;
  modelVersion: string;
  embeddings: readonly ArrayLike<number>[];
  correction: CryCorrection | null;
}

/** Keeps the embeddings of one detected sound (never audio), evenly thinned to MAX_EMBEDDINGS_PER_SOUND. */
export async function saveSoundEmbeddings(db: HistoryDb, input: SoundEmbeddingsInput, nowMs: number): Promise<CryEmbeddings> {
  const row: CryEmbeddings = {
    id: input.id,
    episodeId: input.episodeId,
    modelVersion: input.modelVersion,
    embeddings: checkedEmbeddings(input.embeddings),
    correction: input.correction,
    correctedAt: input.correction === null ? null : nowMs,
    createdAt: nowMs,
  };
  await guardStorage(() => db.transaction('rw', db.cryEmbeddings, () => db.cryEmbeddings.put(row)));
  return row;
}

export interface CorrectedEpisode {
  episode: Episode;
  /** Whether the episode's sound was kept, so the device learned from the correction. */
  learned: boolean;
}

/**
 * The parent's "That wasn't crying" / "Yes, crying" (null: take it back) on a logged episode: the
 * episode keeps its place in the log with the flag, and its kept embeddings become (or stop being)
 * something the device learned from. One transaction, so the two never disagree.
 */
export async function correctEpisode(db: HistoryDb, episodeId: string, correction: CryCorrection | null, nowMs: number): Promise<CorrectedEpisode> {
  if (correction !== null && !CRY_CORRECTIONS.includes(correction)) throw new InputError(`"${String(correction)}" is not a correction this app knows.`);
  return guardStorage(() =>
    db.transaction('rw', db.episodes, db.cryEmbeddings, async () => {
      const existing = await db.episodes.get(episodeId);
      if (!existing) throw new InputError('This cry was deleted in the meantime.');
      const episode: Episode = { ...existing, cryCorrection: correction, updatedAt: nowMs };
      await db.episodes.put(episode);
      const sound = await db.cryEmbeddings.get(episodeId);
      if (sound) await db.cryEmbeddings.put({ ...sound, correction, correctedAt: correction === null ? null : nowMs });
      return { episode, learned: sound !== undefined && correction !== null };
    }),
  );
}

/** When "Forget" was last tapped (epoch ms), or −∞. */
export async function readCorrectionsForgottenAt(db: HistoryDb): Promise<number> {
  const value = await readSetting(db, 'cryAdaptationForgottenAt');
  return typeof value === 'number' && Number.isFinite(value) ? value : Number.NEGATIVE_INFINITY;
}

/**
 * "Forget what it learned": corrections made before now stop counting. The flags in the log stay
 * (the parent still knows those were not cries); only the learning is reset.
 */
export async function forgetCorrections(db: HistoryDb, nowMs: number): Promise<void> {
  await writeSetting(db, 'cryAdaptationForgottenAt', nowMs);
}

/** A learned correction as the adaptation needs it. */
export interface LearnedSound {
  id: string;
  correction: CryCorrection;
  embeddings: number[][];
}

function isLearnable(row: CryEmbeddings, modelVersion: string): row is CryEmbeddings & { correction: CryCorrection } {
  if (row.modelVersion !== modelVersion || row.correction === null || !CRY_CORRECTIONS.includes(row.correction)) return false;
  if (!Array.isArray(row.embeddings) || row.embeddings.length === 0) return false;
  const dimension = row.embeddings[0]?.length ?? 0;
  return row.embeddings.every((e) => Array.isArray(e) && e.length === dimension && e.every(Number.isFinite));
}

/**
 * The corrections made since the last "Forget" with embeddings of `modelVersion` (another model's
 * embeddings mean nothing to this one), newest first. A damaged row is skipped, never fatal.
 */
export async function readLearnedSounds(db: HistoryDb, modelVersion: string, limit = 500): Promise<LearnedSound[]> {
  const since = await readCorrectionsForgottenAt(db);
  const rows = await guardStorage(() =>
    db.cryEmbeddings.where('correctedAt').between(Number.isFinite(since) ? since : Dexie.minKey, Dexie.maxKey, false, true).reverse().limit(limit).toArray(),
  );
  return rows.filter((row) => isLearnable(row, modelVersion)).map((row) => ({ id: row.id, correction: row.correction, embeddings: row.embeddings }));
}
