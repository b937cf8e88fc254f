/**
 * Trains the audio models: the cry detector and the need classifier, cross-validated by group
 * (baby / recording / speaker), then once more on all data for shipping.
 *
 *   npm run train:audio -- --data ../shared/data [--exclude-installs FILE] [--folds 5] [--seed 1] [--quick] [--out DIR]
 *
 * Writes fold models, the final float model and training-plan.json to --out (default
 * .cache/audio-training); `npm run convert:models` then quantizes, re-evaluates and publishes.
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import {
  buildCryDetector,
  buildNeedClassifier,
  combineAudioNetworks,
  DEFAULT_DROPOUT_RATE,
  CRY_FILTERS,
  DEFAULT_FILTERS,
  type AudioNetworkOptions,
} from '../../src/models/audio-architecture.ts';
import { NEEDS } from '../../src/domain/needs.ts';
import { serializeModel, writeModelFiles } from '../lib/model-files.ts';
import { createRandom, deriveSeed } from '../lib/random.ts';
import { stratifiedGroupHoldout } from '../lib/splits.ts';
import { initTfNode, tf } from '../lib/tf-node.ts';
import type { CorpusClip } from './corpus.ts';
import { cryReport, needReport, scoreOutOfFold, selectRecordingThreshold, type FoldTrainingRecord } from './evaluate-folds.ts';
import { fitWithEarlyStopping, predictWindows, type Batch, type FitOptions, type FitResult } from './fit.ts';
import { prepareCorpus } from './prepare-corpus.ts';
import { DEFAULT_TRAINING_DIR, FINAL_DIR, foldModelDir, PLAN_FILE, type TrainingPlan, type TrainingSettings } from './training-plan.ts';
import { CRY_AUGMENT, cryBatchSampler, evaluationWindows, MEL_BANDS, NEED_AUGMENT, needBatchSampler, needIndex, WINDOW_FRAMES } from './window-sampling.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Budget {
  cryEpochs: number;
  cryExamplesPerEpoch: number;
  needEpochs: number;
  needExamplesPerEpoch: number;
  patience: number;
}

/**
 * Sized so the whole run (5 folds + final) stays well inside 30 minutes on 2 cores (see
 * MODEL_CARD.md). The cry detector gets most of it: with 24 × 1024 examples every fold was still
 * improving at its last epoch, while the need classifier's best epoch was 1–12 of 16. 1152 rather
 * than 1280 examples per epoch pays for the cry detector's wider layers (CRY_FILTERS).
 */
const FULL_BUDGET: Budget = { cryEpochs: 32, cryExamplesPerEpoch: 1152, needEpochs: 12, needExamplesPerEpoch: 512, patience: 6 };
const QUICK_BUDGET: Budget = { cryEpochs: 2, cryExamplesPerEpoch: 128, needEpochs: 2, needExamplesPerEpoch: 128, patience: 1 };
const BATCH_SIZE = 32;
const LEARNING_RATE = 1e-3;
/** Cosine-decayed to a tenth by the last epoch: the v4 cry validation loss still jumped ±20% between late epochs. */
const FINAL_LEARNING_RATE = 1e-4;
/** Share of each training fold's groups held out for early stopping and the cry threshold. */
const VALIDATION_FRACTION = 0.2;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function parseSettings(): { settings: TrainingSettings; outDir: string } {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data' },
      'exclude-installs': { type: 'string' },
      folds: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string', default: DEFAULT_TRAINING_DIR },
    },
  });
  const folds = Number(values.folds);
  const seed = Number(values.seed);
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`--folds must be an integer ≥ 2, got "${values.folds}"`);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, got "${values.seed}"`);
  return {
    settings: { dataDir: values.data, seed, folds, quick: values.quick, excludeInstallsFile: values['exclude-installs'] ?? null },
    outDir: values.out,
  };
}

function networkOptions(seed: number, filters: AudioNetworkOptions['filters'] = DEFAULT_FILTERS): AudioNetworkOptions {
  return { frames: WINDOW_FRAMES, melBands: MEL_BANDS, filters, dropoutRate: DEFAULT_DROPOUT_RATE, seed };
}

/** Wall-clock progress with an estimate of the time left, from epochs done vs the epoch budget. */
class Progress {
  private readonly start = Date.now();
  private epochsDone = 0;
  constructor(private readonly totalEpochs: number) {}
  /** Early stopping skips epochs: they leave the budget without costing time. */
  skip(epochs: number): void {
    this.epochsDone += epochs;
  }
  tick(label: string, detail: string): void {
    this.epochsDone += 1;
    const elapsed = (Date.now() - this.start) / 1000;
    const eta = (elapsed / this.epochsDone) * Math.max(0, this.totalEpochs - this.epochsDone);
    log(`${label} ${detail} | ${Math.round(elapsed)} s elapsed, ≤ ${Math.round(eta)} s left`);
  }
  elapsedSeconds(): number {
    return (Date.now() - this.start) / 1000;
  }
}

function windowsWithLabels(clips: readonly CorpusClip[], label: (clip: CorpusClip) => number): Batch & { clipOfWindow: Int32Array } {
  const windows = evaluationWindows(clips);
  return { x: windows.x, labels: Int32Array.from(windows.clipOfWindow, (c) => label(clips[c] as CorpusClip)), clipOfWindow: windows.clipOfWindow };
}

interface TrainedPair {
  cry: tf.LayersModel;
  need: tf.LayersModel;
  cryFit: FitResult;
  needFit: FitResult;
  cryThreshold: number;
}

function trainPair(
  trainClips: CorpusClip[],
  validation: { cry: CorpusClip[]; need: CorpusClip[] } | null,
  epochs: { cry: number; need: number },
  budget: Budget,
  seed: number,
  progress: Progress,
  label: string,
): TrainedPair {
  const common = { frames: WINDOW_FRAMES, melBands: MEL_BANDS, batchSize: BATCH_SIZE, learningRate: LEARNING_RATE, finalLearningRate: FINAL_LEARNING_RATE, patience: budget.patience };
  const cry = buildCryDetector(networkOptions(deriveSeed(seed, 'cry-init') % 100_000, CRY_FILTERS));
  const cryValidation = validation === null ? null : windowsWithLabels(validation.cry, (c) => (c.isCry ? 1 : 0));
  const cryOptions: FitOptions = {
    ...common,
    output: 'binary',
    classCount: 2,
    sampleBatch: cryBatchSampler(trainClips, CRY_AUGMENT),
    validation: cryValidation,
    maxEpochs: epochs.cry,
    examplesPerEpoch: budget.cryExamplesPerEpoch,
    seed: deriveSeed(seed, 'cry-fit'),
    onEpoch: (r) => progress.tick(`${label} cry`, `epoch ${r.epoch}: loss ${r.trainLoss.toFixed(3)} acc ${r.trainAccuracy.toFixed(3)} | val loss ${r.valLoss.toFixed(3)} bal.acc ${r.valAccuracy.toFixed(3)}`),
  };
  const cryFit = fitWithEarlyStopping(cry, cryOptions);
  progress.skip(epochs.cry - cryFit.history.length);
  let cryThreshold = 0.5;
  if (validation !== null && cryValidation !== null) {
    // Tuned for the decision the app makes: per recording, on the smoothed cry probability.
    const scores = predictWindows(cry, cryValidation.x, WINDOW_FRAMES, MEL_BANDS);
    cryThreshold = selectRecordingThreshold(scores, cryValidation.clipOfWindow, validation.cry.map((c) => c.isCry)).threshold;
  }

  const needTrain = trainClips.filter((c) => c.need !== undefined && !c.augmentedCopy);
  const backgrounds = trainClips.filter((c) => !c.isCry && (c.source === 'esc-noise' || c.source === 'synthetic'));
  const need = buildNeedClassifier(networkOptions(deriveSeed(seed, 'need-init') % 100_000));
  const needFit = fitWithEarlyStopping(need, {
    ...common,
    output: 'logits',
    classCount: NEEDS.length,
    sampleBatch: needBatchSampler(needTrain, backgrounds, NEED_AUGMENT),
    validation: validation === null ? null : windowsWithLabels(validation.need, needIndex),
    maxEpochs: epochs.need,
    examplesPerEpoch: budget.needExamplesPerEpoch,
    seed: deriveSeed(seed, 'need-fit'),
    onEpoch: (r) => progress.tick(`${label} need`, `epoch ${r.epoch}: loss ${r.trainLoss.toFixed(3)} acc ${r.trainAccuracy.toFixed(3)} | val loss ${r.valLoss.toFixed(3)} bal.acc ${r.valAccuracy.toFixed(3)}`),
  });
  progress.skip(epochs.need - needFit.history.length);
  return { cry, need, cryFit, needFit, cryThreshold };
}

async function saveCombined(pair: TrainedPair, seed: number, dir: string): Promise<tf.LayersModel> {
  const combined = combineAudioNetworks(pair.cry, pair.need, networkOptions(seed, CRY_FILTERS), networkOptions(seed));
  rmSync(dir, { recursive: true, force: true });
  await writeModelFiles(dir, await serializeModel(combined));
  pair.cry.dispose();
  pair.need.dispose();
  return combined;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 1;
}

async function main(): Promise<void> {
  const { settings, outDir } = parseSettings();
  const budget = settings.quick ? QUICK_BUDGET : FULL_BUDGET;
  // tfjs draws unseeded random numbers (the dropout masks) from Math.random: a seeded
  // generator in its place makes the whole run reproducible from --seed.
  Math.random = createRandom(deriveSeed(settings.seed, 'math-random'));
  const info = await initTfNode();
  log(`tfjs ${tf.version.tfjs} on ${info.backend}${info.simd ? ' (SIMD)' : ' (no SIMD: expect slow training)'}`);

  log(`Reading and analysing audio from ${settings.dataDir}…`);
  const corpus = prepareCorpus(settings);
  const { clips, foldOfClip } = corpus;
  log(`${clips.length} clips (${clips.filter((c) => c.isCry && !c.augmentedCopy).length} cries), ${settings.folds} folds.`);

  const totalEpochs = (settings.folds + 1) * (budget.cryEpochs + budget.needEpochs);
  const progress = new Progress(totalEpochs);
  const records: FoldTrainingRecord[] = [];
  const foldModels: tf.LayersModel[] = [];
  let parameters = 0;
  for (let fold = 0; fold < settings.folds; fold++) {
    const trainIndices = clips.flatMap((_, i) => (foldOfClip[i] !== fold && foldOfClip[i]! >= 0 ? [i] : []));
    const seed = deriveSeed(settings.seed, `fold-${fold}`);
    // Validation groups carved from the training folds, by group: Donate-a-Cry installs
    // stratified by need (they validate both networks), other sources stratified by source.
    const originals = trainIndices.filter((i) => !clips[i]!.augmentedCopy);
    const dacOriginals = originals.filter((i) => clips[i]!.source === 'donateacry');
    const otherOriginals = originals.filter((i) => clips[i]!.source !== 'donateacry');
    const needHoldout = stratifiedGroupHoldout(clips, dacOriginals, VALIDATION_FRACTION, deriveSeed(seed, 'need'), (c) => c.group, (c) => c.need ?? '');
    const otherHoldout = stratifiedGroupHoldout(clips, otherOriginals, VALIDATION_FRACTION, deriveSeed(seed, 'other'), (c) => c.group, (c) => c.source);
    const validationIndices = [...needHoldout.validationIndices, ...otherHoldout.validationIndices];
    const validationGroups = new Set(validationIndices.map((i) => clips[i]!.group));
    const pair = trainPair(
      trainIndices.filter((i) => !validationGroups.has(clips[i]!.group)).map((i) => clips[i]!),
      {
        cry: validationIndices.map((i) => clips[i]!),
        need: needHoldout.validationIndices.map((i) => clips[i]!),
      },
      { cry: budget.cryEpochs, need: budget.needEpochs },
      budget,
      seed,
      progress,
      `fold ${fold + 1}/${settings.folds}`,
    );
    records.push({
      fold,
      trainClips: trainIndices.filter((i) => clips[i]!.need !== undefined).length,
      cry: { history: pair.cryFit.history, bestEpoch: pair.cryFit.bestEpoch, threshold: pair.cryThreshold, trainWindows: pair.cryFit.history.length * budget.cryExamplesPerEpoch },
      need: { history: pair.needFit.history, bestEpoch: pair.needFit.bestEpoch },
    });
    parameters = pair.cry.countParams() + pair.need.countParams();
    foldModels.push(await saveCombined(pair, 0, foldModelDir(outDir, fold)));
    log(`fold ${fold + 1}: cry best epoch ${pair.cryFit.bestEpoch} (threshold ${pair.cryThreshold.toFixed(3)}), need best epoch ${pair.needFit.bestEpoch}`);
  }

  // Final models: all data, as many epochs as the folds' median best epoch (no data held back).
  const finalEpochs = {
    cry: median(records.map((r) => r.cry.bestEpoch)),
    need: median(records.map((r) => r.need.bestEpoch)),
  };
  log(`Final training on all data: cry ${finalEpochs.cry} epochs, need ${finalEpochs.need} epochs.`);
  progress.skip(budget.cryEpochs - finalEpochs.cry + budget.needEpochs - finalEpochs.need);
  const finalPair = trainPair(clips.filter((_, i) => foldOfClip[i]! >= 0), null, finalEpochs, budget, deriveSeed(settings.seed, 'final'), progress, 'final');
  const finalHistory = { cry: finalPair.cryFit.history, need: finalPair.needFit.history };
  (await saveCombined(finalPair, 0, join(outDir, FINAL_DIR))).dispose();

  const plan: TrainingPlan = {
    settings,
    command: `npm run train:audio -- ${process.argv.slice(2).join(' ')}`.trim(),
    foldOfClip: Object.fromEntries(clips.map((clip, i) => [clip.id, foldOfClip[i] ?? -1])),
    folds: records,
    final: { cry: { epochs: finalEpochs.cry, history: finalHistory.cry }, need: { epochs: finalEpochs.need, history: finalHistory.need } },
    excludedInstalls: corpus.excludedInstalls,
    synthetic: corpus.synthetic,
    augmentation:
      `Training folds only, drawn fresh every epoch: random 2 s crops (time shift); mixing a training-fold background ` +
      `(cry detector: any non-cry at ${CRY_AUGMENT.snrsDb.join('/')} dB SNR, p=${CRY_AUGMENT.mixProbability}; need classifier: ` +
      `ESC noise or synthetic at ${NEED_AUGMENT.snrsDb.join('/')} dB, p=${NEED_AUGMENT.mixProbability}) in the power domain; ` +
      `SpecAugment (≤ ${CRY_AUGMENT.specAugment.maxTimeMaskFrames} frames and ≤ ${CRY_AUGMENT.specAugment.maxBandMaskBands} bands masked, p=${CRY_AUGMENT.specAugment.probability} each); ` +
      `every non-Donate-a-Cry clip also enters once through a random phone-codec-like channel. Balanced sampling: ` +
      `needs equally likely; cries and non-cries equally likely, and each source equally likely within them.`,
    architecture:
      `Two networks on one normalized 124×40 log-Mel window, 2 channels (band means removed and divided by the window's std; the window's spectral envelope): ` +
      `frame pairs averaged → 3 × [Conv2D 3×3 (cry ${CRY_FILTERS.join('/')}, need ${DEFAULT_FILTERS.join('/')} filters) → BatchNorm → ReLU → MaxPool 2×2] → ` +
      `average over time → Dropout ${DEFAULT_DROPOUT_RATE} → Dense: sigmoid (cry) or 4 logits (needs). Adam ${LEARNING_RATE} cosine-decayed to ${FINAL_LEARNING_RATE} over the epoch budget, ` +
      `batch ${BATCH_SIZE}, early stopping on class-balanced validation loss (patience ${budget.patience}), best weights kept.`,
    parameters,
    trainingSeconds: Math.round(progress.elapsedSeconds()),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, tfjs wasm${info.simd ? ' SIMD' : ''}, 1 thread`,
  };
  writeFileSync(join(outDir, PLAN_FILE), JSON.stringify(plan, null, 1));

  log('Scoring the fold models on their held-out folds…');
  const scores = scoreOutOfFold(clips, foldOfClip, foldModels);
  const cry = cryReport(clips, scores, records, settings.seed);
  const need = needReport(clips, scores, records, foldOfClip, settings.seed);
  foldModels.forEach((m) => m.dispose());
  const summary = {
    cryDetector: { f1: cry.pooled.f1, precision: cry.pooled.precision, recall: cry.pooled.recall, rocAuc: cry.rocAuc, threshold: cry.threshold.value, f1Ci: cry.pooledCi.f1.ci },
    needClassifier: {
      balancedAccuracy: need.pooledCi.balancedAccuracy,
      macroF1: need.pooledCi.macroF1,
      accuracy: need.pooled.accuracy,
      majorityBaselineBalancedAccuracy: need.majorityBaseline.balancedAccuracy,
      temperature: need.calibration.temperature,
      perPlatform: need.platformCheck?.perPlatform,
    },
    trainingSeconds: plan.trainingSeconds,
  };
  log(`Done in ${plan.trainingSeconds} s. Float models out of fold:`);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  log(`Next: npm run convert:models (reads ${outDir}).`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? `train:audio failed: ${error.message}` : `train:audio failed: ${String(error)}`);
  process.exit(1);
});
