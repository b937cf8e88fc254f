/**
 * What the shipped audio model carries besides its weights (model.json "userDefinedMetadata"):
 * the numbers the app needs to turn raw outputs into calibrated answers, written by
 * scripts/convert/audio.ts from the training results.
 */
import { NEEDS } from '../domain/needs.ts';

/** Largest not-sure threshold accepted: a little above 1 is the trainer's way of saying "never sure". */
export const MAX_NOT_SURE_THRESHOLD = 1.5;

/** Name of the per-window normalization the model was trained with (see window-normalization.ts). */
export const WINDOW_NORMALIZATION = 'band-mean-removed-window-std+band-envelope';

export interface AudioModelMetadata {
  /** Shown in logs next to each prediction, e.g. "audio@2026-05-01T10:00:00Z". */
  version: string;
  /** Frames per window the model expects (its input height). */
  frames: number;
  melBands: number;
  normalization: typeof WINDOW_NORMALIZATION;
  /** Need logits are divided by this before the softmax (temperature scaling, ≥ 0.05). */
  needTemperature: number;
  /** Cry probability at or above which the app calls a window crying. */
  cryThreshold: number;
  /** Top calibrated need probability below which the app says "not sure" (above 1: never sure). */
  notSureThreshold: number;
  /** Need order of the logits; must equal NEEDS. */
  needs: readonly string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finiteNumber(record: Record<string, unknown>, key: string, min: number, max: number): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(`audio model metadata: "${key}" must be a number in [${min}, ${max}], got ${String(value)}`);
  }
  return value;
}

/** Checks the metadata read from model.json, with a message saying what is wrong. */
export function parseAudioModelMetadata(value: unknown): AudioModelMetadata {
  if (!isRecord(value)) throw new Error('audio model metadata: missing (model.json has no userDefinedMetadata)');
  const { version, normalization, needs } = value;
  if (typeof version !== 'string' || version.length === 0) {
    throw new Error('audio model metadata: "version" must be a non-empty string');
  }
  if (normalization !== WINDOW_NORMALIZATION) {
    throw new Error(
      `audio model metadata: the model expects "${String(normalization)}" input normalization; this app applies "${WINDOW_NORMALIZATION}"`,
    );
  }
  if (!Array.isArray(needs) || needs.length !== NEEDS.length || needs.some((need, i) => need !== NEEDS[i])) {
    throw new Error(`audio model metadata: "needs" must be ${JSON.stringify(NEEDS)}`);
  }
  return {
    version,
    frames: finiteNumber(value, 'frames', 1, 10_000),
    melBands: finiteNumber(value, 'melBands', 1, 1_000),
    normalization,
    needTemperature: finiteNumber(value, 'needTemperature', 0.05, 100),
    cryThreshold: finiteNumber(value, 'cryThreshold', 0, 1),
    notSureThreshold: finiteNumber(value, 'notSureThreshold', 0, MAX_NOT_SURE_THRESHOLD),
    needs: NEEDS,
  };
}
