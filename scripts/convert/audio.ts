/**
 * Publishes the trained audio model to public/models/audio/: quantizes the fold models and the
 * final model, scores float and quantized fold models on the same held-out folds, and writes
 * model.json + weights.bin (quantized, with the calibration in its metadata), metrics.json,
 * SVG plots and MODEL_CARD.md. Run through scripts/convert-models.ts after `npm run train:audio`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AUDIO_FEATURES } from '../../src/features/audio-config.ts';
import { WINDOW_NORMALIZATION, type AudioModelMetadata } from '../../src/models/audio-model-metadata.ts';
import { NEEDS } from '../../src/domain/needs.ts';
import type { AudioMetricsReport, CorpusSummary, ModelVariantReport } from '../lib/metrics-report.ts';
import { loadModelFromDir, quantizeSavedModel, serializeModel, writeModelFiles, type SavedModel } from '../lib/model-files.ts';
import { writeAudioModelCard } from '../lib/model-card.ts';
import { confusionMatrixSvg, learningCurvesSvg, reliabilityDiagramSvg, rocCurveSvg } from '../lib/plots-svg.ts';
import { UINT8_KERNELS_FLOAT16_VECTORS } from '../lib/quantize-weights.ts';
import { initTfNode, tf } from '../lib/tf-node.ts';
import type { CorpusClip } from '../train/corpus.ts';
import { cryReport, needReport, scoreOutOfFold } from '../train/evaluate-folds.ts';
import { prepareCorpus } from '../train/prepare-corpus.ts';
import { FINAL_DIR, foldModelDir, readTrainingPlan, type TrainingPlan } from '../train/training-plan.ts';
import { HOP_FRAMES, MEL_BANDS, WINDOW_FRAMES } from '../train/window-sampling.ts';

export interface AudioConvertOptions {
  /** Output of train:audio (default .cache/audio-training). */
  trainingDir: string;
  /** Folder that receives the published files (public/models/audio). */
  outDir: string;
}

export interface AudioConvertResult {
  report: AudioMetricsReport;
  weightBytes: { float: number; quantized: number };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function loadSaved(saved: SavedModel): Promise<tf.LayersModel> {
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: saved.modelTopology, weightSpecs: saved.weightSpecs, weightData: saved.weightData }),
  );
}

function checkCorpusMatchesPlan(clips: readonly CorpusClip[], foldOfClip: Int32Array, plan: TrainingPlan): void {
  const planned = Object.keys(plan.foldOfClip).length;
  const mismatched = clips.filter((clip, i) => plan.foldOfClip[clip.id] !== foldOfClip[i]);
  if (planned !== clips.length || mismatched.length > 0) {
    throw new Error(
      `The data no longer matches the training run (${clips.length} clips now, ${planned} then; ` +
        `${mismatched.length} differ, e.g. ${mismatched[0]?.id ?? '-'}). Retrain with npm run train:audio.`,
    );
  }
}

function variantReport(
  weightDtype: string,
  weightBytes: number,
  clips: CorpusClip[],
  foldOfClip: Int32Array,
  models: tf.LayersModel[],
  plan: TrainingPlan,
): ModelVariantReport {
  const scores = scoreOutOfFold(clips, foldOfClip, models);
  return {
    weightDtype,
    weightBytes,
    cry: cryReport(clips, scores, plan.folds, plan.settings.seed),
    need: needReport(clips, scores, plan.folds, foldOfClip, plan.settings.seed),
  };
}

function corpusSummaries(clips: readonly CorpusClip[]): CorpusSummary[] {
  const originals = clips.filter((c) => !c.augmentedCopy);
  const count = (source: string) => {
    const members = originals.filter((c) => c.source === source);
    return { clips: members.length, groups: new Set(members.map((c) => c.group)).size };
  };
  return [
    {
      name: 'Donate-a-Cry corpus (cleaned and updated)',
      role: 'need labels (parents’ guesses) + cry positives',
      ...count('donateacry'),
      groupedBy: 'install_id (≈ one baby / family)',
      licence: 'ODbL 1.0 (database) + DbCL 1.0 (contents)',
      attribution: 'Donate-a-Cry corpus, Gábor Veres et al.',
      url: 'https://github.com/gveres/donateacry-corpus',
    },
    {
      name: 'ESC-50 crying baby',
      role: 'cry positives',
      ...count('esc-cry'),
      groupedBy: 'Freesound source recording',
      licence: 'CC BY 3.0 (ESC-10 classes)',
      attribution: 'K. J. Piczak, ESC: Dataset for Environmental Sound Classification (2015)',
      url: 'https://github.com/karolpiczak/ESC-50',
    },
    {
      name: 'ESC-50 other sounds',
      role: 'cry negatives',
      ...count('esc-noise'),
      groupedBy: 'Freesound source recording',
      licence: 'CC BY 3.0 (ESC-10) / CC BY-NC 3.0 (other ESC-50 classes)',
      attribution: 'K. J. Piczak, ESC: Dataset for Environmental Sound Classification (2015)',
      url: 'https://github.com/karolpiczak/ESC-50',
    },
    {
      name: 'Free Spoken Digit Dataset',
      role: 'cry negatives (adult speech; short digits joined per speaker, never zero-padded)',
      ...count('speech'),
      groupedBy: 'speaker',
      licence: 'CC BY-SA 4.0',
      attribution: 'Z. Jackson et al., Free Spoken Digit Dataset',
      url: 'https://github.com/Jakobovski/free-spoken-digit-dataset',
    },
    {
      name: 'Deeply Nonverbal Vocalization Dataset (sample)',
      role: 'cry negatives (adult coughs, laughs, sighs…; used unmodified, for training only)',
      ...count('nonverbal'),
      groupedBy: 'speaker',
      licence: 'CC BY-NC-ND 4.0',
      attribution: 'Deeply Inc., Nonverbal Vocalization Dataset',
      url: 'https://github.com/deeplyinc/Nonverbal-Vocalization-Dataset',
    },
    {
      name: 'Synthetic negatives',
      role: 'cry negatives (generated here)',
      ...count('synthetic'),
      groupedBy: 'generated clip (espeak: voice)',
      licence: 'generated by this project',
      attribution: 'scripts/lib/synthetic-negatives.ts',
      url: '',
    },
    {
      name: 'Infant-like negatives',
      role: 'cry negatives (generated here: babble, coos, squeals, fussing, sibling speech, TV mixtures; laugh trains held out as a proxy test)',
      ...count('infant-like'),
      groupedBy: 'generated clip (espeak: voice)',
      licence: 'generated by this project',
      attribution: 'scripts/lib/infant-negatives.ts',
      url: '',
    },
  ];
}

function writePlots(outDir: string, report: AudioMetricsReport): string[] {
  const q = report.quantized;
  const files: Record<string, string> = {
    'need-confusion.svg': confusionMatrixSvg(q.need.pooled.confusion, NEEDS, 'Need classifier, out of fold (quantized)'),
    'need-learning-curves.svg': learningCurvesSvg(
      q.need.folds.map((f) => ({ name: `fold ${f.fold + 1}`, history: f.history })),
      'Need classifier: training vs validation (class-balanced)',
    ),
    'need-reliability.svg': reliabilityDiagramSvg(q.need.calibration.reliabilityAfter, 'Need probabilities after temperature scaling', q.need.calibration.eceAfter),
    'cry-learning-curves.svg': learningCurvesSvg(
      q.cry.folds.map((f) => ({ name: `fold ${f.fold + 1}`, history: f.history })),
      'Cry detector: training vs validation (class-balanced)',
    ),
    'cry-roc.svg': rocCurveSvg(q.cry.roc, 'Cry detector ROC, out of fold (quantized)', q.cry.rocAuc, {
      falsePositiveRate: q.cry.pooled.falsePositives / Math.max(1, q.cry.pooled.falsePositives + q.cry.pooled.trueNegatives),
      truePositiveRate: q.cry.pooled.recall,
      threshold: q.cry.threshold.value,
    }),
    'cry-confusion.svg': confusionMatrixSvg(
      [
        [q.cry.pooled.trueNegatives, q.cry.pooled.falsePositives],
        [q.cry.pooled.falseNegatives, q.cry.pooled.truePositives],
      ],
      ['not cry', 'cry'],
      'Cry detector windows at the shipped threshold (quantized)',
    ),
  };
  for (const [name, svg] of Object.entries(files)) writeFileSync(path.join(outDir, name), svg);
  return Object.keys(files);
}

export async function convertAudio(options: AudioConvertOptions): Promise<AudioConvertResult> {
  await initTfNode();
  const plan = readTrainingPlan(options.trainingDir);
  log('audio: rebuilding the corpus and folds of the training run…');
  const { clips, foldOfClip } = prepareCorpus(plan.settings);
  checkCorpusMatchesPlan(clips, foldOfClip, plan);

  const floatModels: tf.LayersModel[] = [];
  const quantizedModels: tf.LayersModel[] = [];
  let floatBytes = 0;
  let quantizedBytes = 0;
  for (const record of plan.folds) {
    const model = await loadModelFromDir(foldModelDir(options.trainingDir, record.fold));
    const saved = await serializeModel(model);
    const small = quantizeSavedModel(saved, UINT8_KERNELS_FLOAT16_VECTORS);
    floatBytes = saved.weightData.byteLength;
    quantizedBytes = small.weightData.byteLength;
    floatModels.push(model);
    quantizedModels.push(await loadSaved(small));
  }
  log('audio: scoring float and quantized fold models on their held-out folds…');
  const floatReport = variantReport('float32', floatBytes, clips, foldOfClip, floatModels, plan);
  const quantizedReport = variantReport('uint8 kernels + float16 vectors', quantizedBytes, clips, foldOfClip, quantizedModels, plan);
  [...floatModels, ...quantizedModels].forEach((m) => m.dispose());

  const generatedAt = new Date().toISOString();
  const metadata: AudioModelMetadata = {
    version: `audio@${generatedAt}`,
    frames: WINDOW_FRAMES,
    melBands: MEL_BANDS,
    normalization: WINDOW_NORMALIZATION,
    needTemperature: quantizedReport.need.calibration.temperature,
    cryThreshold: quantizedReport.cry.threshold.value,
    notSureThreshold: quantizedReport.need.calibration.notSureThreshold,
    needs: NEEDS,
  };
  const finalModel = await loadModelFromDir(path.join(options.trainingDir, FINAL_DIR));
  const finalSaved = quantizeSavedModel(await serializeModel(finalModel), UINT8_KERNELS_FLOAT16_VECTORS);
  finalModel.dispose();
  mkdirSync(options.outDir, { recursive: true });
  await writeModelFiles(options.outDir, { ...finalSaved, userDefinedMetadata: { ...metadata } });

  const report: AudioMetricsReport = {
    schemaVersion: 1,
    generatedAt,
    command: `${plan.command} && npm run convert:models`,
    seed: plan.settings.seed,
    folds: plan.settings.folds,
    splitMethod:
      `Stratified group ${plan.settings.folds}-fold: Donate-a-Cry clips grouped by install (≈ baby; sessions nest inside ` +
      `installs) and stratified by need; other sources grouped by recording / speaker / generated clip and stratified by ` +
      `source. Each fold's early-stopping validation split (20% of its training groups) is carved the same way; test folds ` +
      `are never used for training, early stopping, thresholds or calibration choices.`,
    data: {
      corpora: corpusSummaries(clips),
      needCounts: Object.fromEntries(NEEDS.map((need) => [need, clips.filter((c) => c.need === need && !c.augmentedCopy).length])),
      excludedInstalls: plan.excludedInstalls,
      synthetic: plan.synthetic,
      augmentation: plan.augmentation,
    },
    features: {
      sampleRateHz: AUDIO_FEATURES.sampleRateHz,
      windowSeconds: AUDIO_FEATURES.windowSeconds,
      hopSeconds: AUDIO_FEATURES.windowHopSeconds,
      melBands: MEL_BANDS,
      framesPerWindow: WINDOW_FRAMES,
      justification:
        `A 2 s window holds one or two cry bursts with the inhalation between them (cries repeat roughly every 1–2 s), ` +
        `enough to tell a cry from speech or a cough, while short enough to answer within seconds. A 0.5 s hop ` +
        `(${HOP_FRAMES} frames) refreshes the answer twice a second at a cost of 4 windows per second of audio, far ` +
        `below real time on a phone.`,
    },
    model: {
      architecture: plan.architecture,
      parameters: plan.parameters,
      trainingSeconds: plan.trainingSeconds,
      machine: plan.machine,
    },
    float: floatReport,
    quantized: quantizedReport,
  };
  writeFileSync(path.join(options.outDir, 'metrics.json'), `${JSON.stringify(report, null, 1)}\n`);
  const plots = writePlots(options.outDir, report);
  writeAudioModelCard(options.outDir, report, plots);
  return { report, weightBytes: { float: floatBytes, quantized: quantizedBytes } };
}
