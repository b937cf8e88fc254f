/**
 * What train-audio.ts leaves in its output folder for convert-models.ts: how the corpus was
 * built and split, what each fold's training recorded, and where the models are.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EpochRecord } from '../lib/metrics-report.ts';
import type { FoldTrainingRecord } from './evaluate-folds.ts';

export const DEFAULT_TRAINING_DIR = '.cache/audio-training';
export const PLAN_FILE = 'training-plan.json';
export const FOLDS_DIR = 'folds';
export const FINAL_DIR = 'final';

export interface TrainingSettings {
  dataDir: string;
  seed: number;
  folds: number;
  quick: boolean;
  excludeInstallsFile: string | null;
}

export interface TrainingPlan {
  settings: TrainingSettings;
  /** The command line that produced this plan. */
  command: string;
  /** Clip id → test fold, for every clip the corpus builder produced. */
  foldOfClip: Record<string, number>;
  folds: FoldTrainingRecord[];
  final: {
    cry: { epochs: number; history: EpochRecord[] };
    need: { epochs: number; history: EpochRecord[] };
  };
  excludedInstalls: number;
  synthetic: string;
  augmentation: string;
  architecture: string;
  parameters: number;
  trainingSeconds: number;
  machine: string;
}

export function foldModelDir(trainingDir: string, fold: number): string {
  return join(trainingDir, FOLDS_DIR, String(fold));
}

export function readTrainingPlan(trainingDir: string): TrainingPlan {
  const path = join(trainingDir, PLAN_FILE);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as TrainingPlan;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`No training results at ${path} (${reason}). Run \`npm run train:audio\` first.`, { cause: error });
  }
}
