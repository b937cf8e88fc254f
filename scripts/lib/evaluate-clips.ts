/**
 * Scores the audio models on labelled clips: every clip is cut into windows exactly as the app's
 * "analyse a recording" does (recording-windows.ts), each window goes through the DSP module and
 * the models, and the windows are aggregated per clip (clip-aggregate.ts). Metrics are per clip.
 */
import { AUDIO_FEATURES, type AudioFeatureConfig } from '../../src/features/audio-config.ts';
import { logMelSpectrogram, resample } from '../../src/features/dsp/index.ts';
import { recordingWindowBounds, windowSamplesOf } from '../../src/features/recording-windows.ts';
import type { AudioModels } from '../../src/models/audio-model-types.ts';
import { aggregateClip, type ClipPrediction, type WindowPrediction } from '../../src/fusion/clip-aggregate.ts';
import { NEEDS } from '../../src/domain/needs.ts';
import { accuracyByConfidence } from './calibration.ts';
import type { LabelledFile, SkippedFile } from './labelled-audio.ts';
import type { BinaryMetrics, ClassificationMetrics, ConfidenceThresholdRow, MetricWithCi } from './metrics-report.ts';
import { argmax, binaryMetricsAtThreshold, classificationMetrics, majorityBaseline, metricWithCi, pick, rocAucWithCi } from './metrics.ts';

/** Runs the models on every window of one recording and aggregates them into one clip answer. */
export function predictRecording(
  models: AudioModels,
  samples: Float32Array,
  sampleRateHz: number,
  cryThreshold: number,
  config: AudioFeatureConfig = AUDIO_FEATURES,
): ClipPrediction & { windowPredictions: WindowPrediction[] } {
  const analysed = sampleRateHz === config.sampleRateHz ? samples : resample(samples, sampleRateHz, config.sampleRateHz);
  if (analysed.length === 0) throw new RangeError('the recording has no samples');
  const windowSamples = Math.round(config.windowSeconds * config.sampleRateHz);
  const windowPredictions = recordingWindowBounds(analysed.length, config).map((bounds) => {
    const logMel = logMelSpectrogram(windowSamplesOf(analysed, bounds, windowSamples), config);
    const { cryProbability, needProbabilities } = models.predict(logMel.data, logMel.frameCount);
    return { cryProbability, needProbabilities };
  });
  return { ...aggregateClip(windowPredictions, cryThreshold, config.windowHopSeconds), windowPredictions };
}

export interface EvaluatedClip {
  file: LabelledFile;
  prediction: ClipPrediction;
}

export interface CryEvaluation {
  /** Clips labelled as crying (a need or cry/) vs. not_cry. */
  positives: number;
  negatives: number;
  /** Clip ROC-AUC of the aggregated cry probability. */
  rocAuc: MetricWithCi;
  /** Results when clips at or above the cry threshold are called crying. */
  atThreshold: BinaryMetrics;
  f1: MetricWithCi;
}

export interface NeedEvaluation {
  /** Clips labelled with a need that got need probabilities. */
  clips: number;
  metrics: ClassificationMetrics;
  balancedAccuracy: MetricWithCi;
  macroF1: MetricWithCi;
  /**
   * Always answering the need most frequent IN THIS DATA: an optimistic baseline (it knows the
   * test distribution), so a model must beat it on balanced accuracy and macro-F1 to be useful.
   */
  mostFrequentNeedBaseline: ClassificationMetrics;
  /** How many of these clips the detector itself judged crying (needs averaged over crying windows). */
  judgedCrying: number;
  /** Coverage and accuracy at the app's "not sure" threshold, when the model carries one. */
  atNotSureThreshold: ConfidenceThresholdRow | null;
}

export interface EvaluationSummary {
  counts: {
    clips: number;
    windows: number;
    cry: number;
    notCry: number;
    /** Cry clips per need label (cry/ clips of unknown need are counted under `cry` only). */
    needs: Record<string, number>;
    cryOfUnknownNeed: number;
  };
  cry: CryEvaluation | null;
  need: NeedEvaluation | null;
  /** Why cry or need metrics are missing, when they are. */
  notes: string[];
}

export interface SummaryOptions {
  cryThreshold: number;
  notSureThreshold: number | null;
  seed: number;
  /** Bootstrap resamples (default 1000). */
  resamples?: number;
}

function isCryLabel(clip: EvaluatedClip): boolean {
  return clip.file.label.kind !== 'not-cry';
}

/** Counts and metrics over evaluated clips; CIs resample the clips' groups. */
export function summarizeEvaluation(clips: readonly EvaluatedClip[], options: SummaryOptions): EvaluationSummary {
  const notes: string[] = [];
  const bootstrap = { seed: options.seed, resamples: options.resamples, unit: 'groups (babies/recordings when the data says so, else clips)' };
  const needs: Record<string, number> = {};
  for (const clip of clips) if (clip.file.label.kind === 'need') needs[clip.file.label.need] = (needs[clip.file.label.need] ?? 0) + 1;
  const cryCount = clips.filter(isCryLabel).length;
  const counts = {
    clips: clips.length,
    windows: clips.reduce((s, c) => s + c.prediction.windows, 0),
    cry: cryCount,
    notCry: clips.length - cryCount,
    needs,
    cryOfUnknownNeed: clips.filter((c) => c.file.label.kind === 'cry').length,
  };

  let cry: CryEvaluation | null = null;
  if (counts.cry > 0 && counts.notCry > 0) {
    const scores = clips.map((c) => c.prediction.cryProbability);
    const positive = clips.map(isCryLabel);
    const groups = clips.map((c) => c.file.group);
    const f1 = (idx: number[]): number => binaryMetricsAtThreshold(pick(scores, idx), pick(positive, idx), options.cryThreshold).f1;
    cry = {
      positives: counts.cry,
      negatives: counts.notCry,
      rocAuc: rocAucWithCi(scores, positive, groups, bootstrap),
      atThreshold: binaryMetricsAtThreshold(scores, positive, options.cryThreshold),
      f1: metricWithCi(groups, f1, bootstrap),
    };
  } else {
    notes.push('Cry-detector metrics need both cries and non-cries; this data has ' + (counts.cry === 0 ? 'no cries.' : 'no non-cries.'));
  }

  const needClips = clips.flatMap((c) => (c.file.label.kind === 'need' && c.prediction.needProbabilities !== null ? [{ clip: c, need: c.file.label.need, probs: c.prediction.needProbabilities }] : []));
  const needLabelled = clips.filter((c) => c.file.label.kind === 'need').length;
  let need: NeedEvaluation | null = null;
  if (needClips.length > 0) {
    const truth = needClips.map((n) => NEEDS.indexOf(n.need));
    const predicted = needClips.map((n) => argmax(n.probs));
    const groups = needClips.map((n) => n.clip.file.group);
    const scored = (idx: number[]): ClassificationMetrics => classificationMetrics(pick(truth, idx), pick(predicted, idx), NEEDS);
    const notSure = options.notSureThreshold === null ? null : (accuracyByConfidence(needClips.map((n) => [...n.probs]), truth, NEEDS, [options.notSureThreshold])[0] ?? null);
    need = {
      clips: needClips.length,
      metrics: classificationMetrics(truth, predicted, NEEDS),
      balancedAccuracy: metricWithCi(groups, (idx) => scored(idx).balancedAccuracy, bootstrap),
      macroF1: metricWithCi(groups, (idx) => scored(idx).macroF1, bootstrap),
      mostFrequentNeedBaseline: majorityBaseline(truth, truth, NEEDS),
      judgedCrying: needClips.filter((n) => n.clip.prediction.needSource === 'crying-windows').length,
      atNotSureThreshold: notSure,
    };
    if (needClips.length < needLabelled) notes.push(`${needLabelled - needClips.length} need-labelled clip(s) got no need probabilities from the model.`);
  } else {
    notes.push(needLabelled === 0 ? 'Need metrics need clips labelled with a need; this data has none.' : 'The model gave no need probabilities for any need-labelled clip.');
  }
  return { counts, cry, need, notes };
}

/** The aggregation rule in words, for the report. */
export const AGGREGATION_DESCRIPTION =
  'Each clip is cut into 2 s windows every 0.5 s as the app does (a last window flush with the end; clips shorter than 2 s are looped, never zero-padded). ' +
  'Clip cry probability = maximum over the clip of the cry probability averaged over the trailing 1.5 s of windows (the live monitor smoothing); the clip is a cry when it reaches the cry threshold. ' +
  'Clip need probabilities = mean over windows judged crying, or over all windows when none is; the predicted need is the most probable one.';

export type { SkippedFile };
