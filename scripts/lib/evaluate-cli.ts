/**
 * `npm run evaluate -- --model DIR --data DIR`: the command behind scripts/evaluate/evaluate.ts, with its
 * model loader and output streams injected so tests can run it with a fake model.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AUDIO_FEATURES } from '../../src/features/audio-config.ts';
import type { AudioModels } from '../../src/models/audio-model-types.ts';
import { AGGREGATION_DESCRIPTION, predictRecording, summarizeEvaluation, type EvaluatedClip, type EvaluationSummary } from './evaluate-clips.ts';
import { discoverLabelledAudio, type SkippedFile } from './labelled-audio.ts';
import { decodeWav } from './wav.ts';

/** Used only when neither --cry-threshold nor the model gives one. */
export const FALLBACK_CRY_THRESHOLD = 0.5;
export const DEFAULT_MODEL_DIR = 'public/models/audio';
const DEFAULT_SEED = 1;
/** Progress lines at most this often, in milliseconds. */
const PROGRESS_INTERVAL_MS = 2000;

/** The models plus, when the loader knows them, the thresholds shipped with them. */
export type EvaluationModels = AudioModels & {
  readonly metadata?: { readonly cryThreshold: number; readonly notSureThreshold: number };
};

export interface EvaluateDependencies {
  loadModels(dir: string): Promise<EvaluationModels>;
  /** Receives the one JSON result. */
  stdout(text: string): void;
  /** Receives progress and errors. */
  stderr(text: string): void;
}

export const USAGE = `Usage: npm run evaluate -- --data DIR [--model DIR] [--cry-threshold P] [--seed N]

Evaluates the audio models on labelled WAV files (any sample rate, any channel count) and prints
one JSON object of metrics to stdout (progress goes to stderr).

  --data DIR           labelled audio: subfolders hunger/ pain/ discomfort/ tired/ cry/ not_cry/
                       holding .wav files (any depth), or a metadata.csv with a "file" column and a
                       "class4" (need) and/or "kind" (cry / anything else) column; optional
                       "group"/"install_id"/"source" column groups clips of one baby or recording
  --model DIR          model folder with model.json (default ${DEFAULT_MODEL_DIR})
  --cry-threshold P    cry decision threshold 0–1 (default: the one shipped with the model)
  --seed N             seed of the bootstrap confidence intervals (default ${DEFAULT_SEED})
`;

export interface EvaluationReport {
  model: { dir: string; versions: Record<string, string>; cryThreshold: number; cryThresholdSource: string; notSureThreshold: number | null };
  data: { dir: string; layout: string };
  aggregation: string;
  counts: EvaluationSummary['counts'] & { skipped: number };
  cry: EvaluationSummary['cry'];
  need: EvaluationSummary['need'];
  notes: string[];
  skipped: SkippedFile[];
}

class UsageError extends Error {}

function parseProbability(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`${name} must be a number between 0 and 1, got "${text}"`);
  return value;
}

function formatSeconds(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(0)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** Runs the evaluation; returns the process exit code (0 ok, 1 failure, 2 usage error). */
export async function runEvaluate(argv: readonly string[], deps: EvaluateDependencies): Promise<number> {
  let args: { data?: string; model?: string; 'cry-threshold'?: string; seed?: string; help?: boolean };
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string' },
        model: { type: 'string' },
        'cry-threshold': { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    deps.stderr(`evaluate: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (args.help === true) {
    deps.stderr(USAGE);
    return 0;
  }
  try {
    if (args.data === undefined) throw new UsageError('--data DIR is required');
    const seed = args.seed === undefined ? DEFAULT_SEED : Number(args.seed);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${args.seed}"`);
    const flagThreshold = args['cry-threshold'] === undefined ? null : parseProbability(args['cry-threshold'], '--cry-threshold');
    const dataDir = resolve(args.data);
    const modelDir = resolve(args.model ?? DEFAULT_MODEL_DIR);

    const found = discoverLabelledAudio(dataDir);
    deps.stderr(`evaluate: ${found.files.length} labelled WAV file(s) in ${dataDir} (${found.layout}), ${found.skipped.length} skipped\n`);
    let models: EvaluationModels;
    try {
      models = await deps.loadModels(modelDir);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`cannot load the models from ${modelDir}: ${reason}`, { cause: error });
    }
    try {
      const shipped = models.metadata;
      const cryThreshold = flagThreshold ?? shipped?.cryThreshold ?? FALLBACK_CRY_THRESHOLD;
      const cryThresholdSource = flagThreshold !== null ? '--cry-threshold' : shipped !== undefined ? 'model metadata' : 'fallback 0.5 (the model carries no threshold)';
      const skipped: SkippedFile[] = [...found.skipped];
      const evaluated: EvaluatedClip[] = [];
      const started = Date.now();
      let lastProgress = started;
      found.files.forEach((file, i) => {
        try {
          const decoded = decodeWav(new Uint8Array(readFileSync(file.path)), file.file);
          const prediction = predictRecording(models, decoded.samples, decoded.sampleRateHz, cryThreshold, AUDIO_FEATURES);
          evaluated.push({ file, prediction });
        } catch (error) {
          skipped.push({ file: file.file, reason: error instanceof Error ? error.message : String(error) });
        }
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_INTERVAL_MS || i === found.files.length - 1) {
          lastProgress = now;
          const done = i + 1;
          const eta = ((now - started) / 1000 / done) * (found.files.length - done);
          deps.stderr(`evaluate: ${done}/${found.files.length} clips, about ${formatSeconds(eta)} left\n`);
        }
      });
      if (evaluated.length === 0) throw new Error(`none of the ${found.files.length} WAV file(s) could be read; first problem: ${skipped.at(-1)?.reason ?? 'unknown'}`);
      const summary = summarizeEvaluation(evaluated, { cryThreshold, notSureThreshold: shipped?.notSureThreshold ?? null, seed });
      const report: EvaluationReport = {
        model: { dir: modelDir, versions: { ...models.versions }, cryThreshold, cryThresholdSource, notSureThreshold: shipped?.notSureThreshold ?? null },
        data: { dir: dataDir, layout: found.layout },
        aggregation: AGGREGATION_DESCRIPTION,
        counts: { ...summary.counts, skipped: skipped.length },
        cry: summary.cry,
        need: summary.need,
        notes: summary.notes,
        skipped,
      };
      deps.stdout(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    } finally {
      models.dispose();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.stderr(error instanceof UsageError ? `evaluate: ${message}\n\n${USAGE}` : `evaluate: ${message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
