/**
 * Out-of-fold evaluation of the combined audio model: every fold's model scores only the clips
 * of the groups it never trained on (babies, recordings, speakers), and the results are pooled.
 * The same code scores the float and the quantized fold models, on the same folds.
 */
import * as tfjs from '@tensorflow/tfjs';
import type * as tf from '@tensorflow/tfjs';
import { AUDIO_FEATURES } from '../../src/features/audio-config.ts';
import { runAudioNetwork } from '../../src/models/audio-models-runtime.ts';
import { aggregateClip } from '../../src/fusion/clip-aggregate.ts';
import { NEEDS } from '../../src/domain/needs.ts';
import {
  accuracyByConfidence,
  calibratedProbabilities,
  chooseNotSureThreshold,
  fitTemperature,
  negativeLogLikelihood,
  reliability,
} from '../lib/calibration.ts';
import type {
  BinaryMetrics,
  CryFoldReport,
  CryModelReport,
  CryRecordingReport,
  EpochRecord,
  GeneratedFamilyReport,
  NeedFoldReport,
  NeedModelReport,
  PlatformCheck,
  RocPoint,
} from '../lib/metrics-report.ts';
import {
  argmax,
  binaryMetricsAtThreshold,
  classificationMetrics,
  metricWithCi,
  pick,
  rocAuc,
  rocAucWithCi,
  rocCurve,
  selectThreshold,
} from '../lib/metrics.ts';
import { deriveSeed } from '../lib/random.ts';
import type { CorpusClip } from './corpus.ts';
import { predictWindows } from './fit.ts';
import { groupedProbeBalancedAccuracy } from './platform-probe.ts';
import { evaluationWindows, MEL_BANDS, needIndex, WINDOW_FRAMES, windowStartFrames } from './window-sampling.ts';
import type { Spectrogram } from './log-mel-augment.ts';

/** What training recorded about one fold. */
export interface FoldTrainingRecord {
  fold: number;
  trainClips: number;
  cry: { history: EpochRecord[]; bestEpoch: number; threshold: number; trainWindows: number };
  need: { history: EpochRecord[]; bestEpoch: number };
}

/** Raw out-of-fold outputs, one row per scored window. */
export interface WindowScores {
  clipIndex: number;
  fold: number;
  cryProbability: number;
  needLogits: number[];
  /** The need network's pooled trunk features (Donate-a-Cry windows only), for the platform probe. */
  needFeatures?: Float32Array;
}

/** Layer whose output is the need network's pooled trunk features (see audio-architecture.ts). */
const NEED_FEATURES_LAYER = 'need_flatten';

/** The "not sure" rule: answer only where held-out answers reach this balanced accuracy. */
export const NOT_SURE_CRITERION = { metric: 'balancedAccuracy', target: 0.5, minAnswered: 50 } as const;
const MAX_ROC_POINTS = 200;

/** Scores every original clip of each fold's test groups with that fold's model. */
export function scoreOutOfFold(clips: readonly CorpusClip[], foldOfClip: Int32Array, models: readonly tf.LayersModel[]): WindowScores[] {
  const scores: WindowScores[] = [];
  models.forEach((model, fold) => {
    const indices = clips.flatMap((clip, i) => (foldOfClip[i] === fold && !clip.augmentedCopy ? [i] : []));
    if (indices.length === 0) return;
    const windows = evaluationWindows(indices.map((i) => clips[i] as CorpusClip));
    const outputs = runAudioNetwork(model, windows.x, windows.count, WINDOW_FRAMES, MEL_BANDS);
    // Shares the model's layers: not disposed separately (the model's dispose frees them).
    const featureModel = tfjs.model({ inputs: model.inputs, outputs: model.getLayer(NEED_FEATURES_LAYER).output });
    const features = predictWindows(featureModel, windows.x, WINDOW_FRAMES, MEL_BANDS);
    const width = features.length / windows.count;
    outputs.forEach((output, w) => {
      const clipIndex = indices[windows.clipOfWindow[w] ?? 0] ?? -1;
      scores.push({
        clipIndex,
        fold,
        cryProbability: output.cryProbability,
        needLogits: Array.from(output.needLogits),
        ...(clips[clipIndex]?.need !== undefined ? { needFeatures: features.slice(w * width, (w + 1) * width) } : {}),
      });
    });
  });
  return scores;
}

function median(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

function thinRoc(points: RocPoint[]): RocPoint[] {
  if (points.length <= MAX_ROC_POINTS) return points;
  const step = (points.length - 1) / (MAX_ROC_POINTS - 1);
  return Array.from({ length: MAX_ROC_POINTS }, (_, i) => points[Math.round(i * step)] as RocPoint);
}

const SOURCE_NOTES: Record<string, string> = {
  donateacry: 'recall: infant cries recorded by parents with the Donate-a-Cry app (phone codecs)',
  'esc-cry': 'recall: crying-baby clips from ESC-50 (other recordings, other microphones)',
  'esc-noise': 'specificity: household and outdoor sounds from ESC-50',
  speech: 'specificity: adult spoken digits (voiced, harmonic)',
  nonverbal: 'specificity: adult coughs, laughs, sighs, yawns… (voiced, not crying)',
  synthetic: 'specificity: generated silence, noises, tones, music-like and voiced sounds, synthesized speech',
  'infant-like': 'specificity: generated babble, coos, squeals, fussing, sibling speech, TV speech over music (laugh trains held out)',
};

/** Cry-detector report from window scores; each fold's threshold comes from its own validation split. */
export function cryReport(clips: readonly CorpusClip[], scores: readonly WindowScores[], records: readonly FoldTrainingRecord[], seed: number): CryModelReport {
  const isPositive = scores.map((s) => clips[s.clipIndex]?.isCry === true);
  const probability = scores.map((s) => s.cryProbability);
  const groups = scores.map((s) => clips[s.clipIndex]?.group ?? '');
  const shipped = median(records.map((r) => r.cry.threshold));
  const folds: CryFoldReport[] = records.map((record) => {
    const indices = scores.flatMap((s, i) => (s.fold === record.fold ? [i] : []));
    const foldPositive = pick(isPositive, indices);
    const foldScores = pick(probability, indices);
    return {
      fold: record.fold,
      trainWindows: record.cry.trainWindows,
      testWindows: indices.length,
      testGroups: new Set(pick(groups, indices)).size,
      metrics: binaryMetricsAtThreshold(foldScores, foldPositive, record.cry.threshold),
      rocAuc: foldPositive.includes(true) && foldPositive.includes(false) ? rocAuc(foldScores, foldPositive) : NaN,
      history: record.cry.history,
      bestEpoch: record.cry.bestEpoch,
    };
  });
  const ciOptions = { seed: deriveSeed(seed, 'cry-ci'), unit: 'source groups (installs, recordings, speakers, generated clips)' };
  const f1At = (indices: number[]) => binaryMetricsAtThreshold(pick(probability, indices), pick(isPositive, indices), shipped).f1;
  const sources = [...new Set(scores.map((s) => clips[s.clipIndex]?.source ?? ''))].sort();
  const pooled: BinaryMetrics = binaryMetricsAtThreshold(probability, isPositive, shipped);
  return {
    unit: '2 s window (every 0.5 s of each held-out clip)',
    folds,
    pooled,
    rocAuc: rocAuc(probability, isPositive),
    pooledCi: { f1: metricWithCi(groups, f1At, ciOptions), rocAuc: rocAucWithCi(probability, isPositive, groups, ciOptions) },
    roc: thinRoc(rocCurve(probability, isPositive)),
    threshold: {
      value: shipped,
      rationale:
        `Median of the ${records.length} per-fold thresholds, each chosen for the best F1 per recording, judged as the app ` +
        `judges one (cry probability smoothed over 1.5 s, its maximum), on that fold's validation split (groups carved out of ` +
        `its training data, never its test fold): the app's alarms and verdicts are made on the smoothed probability, ` +
        `so that is the decision the threshold is tuned for. Out of fold, the same threshold gives precision ` +
        `${pooled.precision.toFixed(3)} and recall ${pooled.recall.toFixed(3)} on single windows.`,
    },
    perRecording: cryPerRecording(clips, scores, shipped, seed),
    perFamily: generatedFamilies(clips, scores, shipped),
    perSource: sources.map((source) => {
      const indices = scores.flatMap((s, i) => (clips[s.clipIndex]?.source === source ? [i] : []));
      const positives = indices.filter((i) => isPositive[i]).length;
      const agreeing = indices.filter((i) => (probability[i]! >= shipped) === isPositive[i]).length;
      return {
        source,
        windows: indices.length,
        positives,
        recallOrSpecificity: indices.length > 0 ? agreeing / indices.length : NaN,
        note: SOURCE_NOTES[source] ?? '',
      };
    }),
  };
}

/** 'synthetic:infant-babble:3' → 'infant-babble' (corpus.ts prefixes generated groups with 'synthetic:'). */
export function generatedFamily(group: string): string {
  return group.replace(/^synthetic:/, '').split(':')[0] ?? group;
}

/** Out-of-fold specificity of each generated negative family, per window and per clip. */
export function generatedFamilies(clips: readonly CorpusClip[], scores: readonly WindowScores[], threshold: number): GeneratedFamilyReport[] {
  const byFamily = new Map<string, { source: string; windows: number; below: number; clips: Map<number, number[]> }>();
  for (const s of scores) {
    const clip = clips[s.clipIndex];
    if (clip === undefined || clip.isCry || (clip.source !== 'synthetic' && clip.source !== 'infant-like')) continue;
    const key = `${clip.source}\u0000${generatedFamily(clip.group)}`;
    const entry = byFamily.get(key) ?? { source: clip.source, windows: 0, below: 0, clips: new Map<number, number[]>() };
    entry.windows += 1;
    if (s.cryProbability < threshold) entry.below += 1;
    entry.clips.set(s.clipIndex, [...(entry.clips.get(s.clipIndex) ?? []), s.cryProbability]);
    byFamily.set(key, entry);
  }
  return [...byFamily.entries()]
    .map(([key, e]) => ({
      source: e.source,
      family: key.split('\u0000')[1] ?? key,
      windows: e.windows,
      windowSpecificity: e.below / e.windows,
      clips: e.clips.size,
      clipsCalledCrying: [...e.clips.values()].filter((p) => recordingCryProbability(p) >= threshold).length,
    }))
    .sort((a, b) => a.source.localeCompare(b.source) || a.family.localeCompare(b.family));
}

/** Loudness bins (dB against the recording's loudest window, from > to) for the recall breakdown. */
const LOUDNESS_BINS_DB: readonly (readonly [number, number])[] = [
  [0, -6],
  [-6, -12],
  [-12, -20],
  [-20, -Infinity],
];

/** Mean power of a window's frames (summed over Mel bands), in dB: how loud the window is. */
export function windowLevelDb(spectrogram: Spectrogram, startFrame: number, frames: number): number {
  let power = 0;
  for (let f = startFrame; f < startFrame + frames; f++) {
    for (let b = 0; b < spectrogram.melBands; b++) power += 10 ** ((spectrogram.data[f * spectrogram.melBands + b] ?? -100) / 10);
  }
  return 10 * Math.log10(Math.max(power / frames, 1e-30));
}

/**
 * A recording's cry probability from its windows' (in time order), as the app computes it
 * (src/fusion/clip-aggregate.ts): the maximum of the smoothed window probabilities.
 */
export function recordingCryProbability(windowProbabilities: readonly number[]): number {
  const windows = windowProbabilities.map((p) => ({ cryProbability: p, needProbabilities: null }));
  // The threshold only decides the aggregate's isCry flag, which is not used here.
  return aggregateClip(windows, 0.5, AUDIO_FEATURES.windowHopSeconds).cryProbability;
}

/**
 * The cry threshold with the best per-recording F1 on a validation set, recordings judged as
 * the app judges them; `clipOfWindow` maps each window (in time order per clip) to its clip.
 */
export function selectRecordingThreshold(windowProbabilities: ArrayLike<number>, clipOfWindow: ArrayLike<number>, clipIsCry: readonly boolean[]): BinaryMetrics {
  const windowsOfClip = clipIsCry.map((): number[] => []);
  for (let w = 0; w < windowProbabilities.length; w++) windowsOfClip[clipOfWindow[w] ?? -1]?.push(windowProbabilities[w] ?? 0);
  const clips = clipIsCry.flatMap((isCry, c) => ((windowsOfClip[c]?.length ?? 0) > 0 ? [{ isCry, probability: recordingCryProbability(windowsOfClip[c] ?? []) }] : []));
  return selectThreshold(
    clips.map((c) => c.probability),
    clips.map((c) => c.isCry),
    { kind: 'maxF1' },
  );
}

/**
 * Each held-out recording judged as the app judges one (the shared clip aggregation: smoothed
 * cry probability, its maximum against the shipped threshold), from the same out-of-fold windows.
 */
export function cryPerRecording(clips: readonly CorpusClip[], scores: readonly WindowScores[], threshold: number, seed: number): CryRecordingReport {
  const windowsOfClip = new Map<number, number[]>();
  for (const s of scores) windowsOfClip.set(s.clipIndex, [...(windowsOfClip.get(s.clipIndex) ?? []), s.cryProbability]);
  const clipIndices = [...windowsOfClip.keys()];
  const probability = clipIndices.map((c) => recordingCryProbability(windowsOfClip.get(c) ?? []));
  const isPositive = clipIndices.map((c) => clips[c]?.isCry === true);
  const groups = clipIndices.map((c) => clips[c]?.group ?? '');
  const ciOptions = { seed: deriveSeed(seed, 'cry-recording-ci'), unit: 'source groups (installs, recordings, speakers, generated clips)' };
  const sources = [...new Set(clipIndices.map((c) => clips[c]?.source ?? ''))].sort();
  const loudness: { relativeDb: number; found: boolean }[] = [];
  for (const c of clipIndices) {
    const spectrogram = clips[c]?.spectrogram;
    if (clips[c]?.isCry !== true || spectrogram === undefined) continue;
    const levels = windowStartFrames(spectrogram.frames).map((start) => windowLevelDb(spectrogram, start, WINDOW_FRAMES));
    const loudest = Math.max(...levels);
    (windowsOfClip.get(c) ?? []).forEach((p, k) => loudness.push({ relativeDb: (levels[k] ?? loudest) - loudest, found: p >= threshold }));
  }
  return {
    unit: 'held-out recording (crying when its smoothed cry probability reaches the threshold anywhere)',
    pooled: binaryMetricsAtThreshold(probability, isPositive, threshold),
    f1: metricWithCi(groups, (indices) => binaryMetricsAtThreshold(pick(probability, indices), pick(isPositive, indices), threshold).f1, ciOptions),
    rocAuc: rocAucWithCi(probability, isPositive, groups, ciOptions),
    perSource: sources.map((source) => {
      const members = clipIndices.flatMap((c, k) => (clips[c]?.source === source ? [k] : []));
      const agreeing = members.filter((k) => (probability[k]! >= threshold) === isPositive[k]).length;
      return {
        source,
        recordings: members.length,
        positives: members.filter((k) => isPositive[k]).length,
        recallOrSpecificity: members.length > 0 ? agreeing / members.length : NaN,
      };
    }),
    recallByLoudness: LOUDNESS_BINS_DB.map(([fromDb, toDb]) => {
      const members = loudness.filter((w) => w.relativeDb <= fromDb && w.relativeDb > toDb);
      return { fromDb, toDb, windows: members.length, recall: members.length > 0 ? members.filter((w) => w.found).length / members.length : NaN };
    }),
  };
}

/** Mean of the window logits of each scored cry clip: the clip-level need scores. */
function clipLogits(scores: readonly WindowScores[]): Map<number, { fold: number; logits: number[] }> {
  const sums = new Map<number, { fold: number; logits: number[]; count: number }>();
  for (const s of scores) {
    const entry = sums.get(s.clipIndex) ?? { fold: s.fold, logits: new Array<number>(s.needLogits.length).fill(0), count: 0 };
    s.needLogits.forEach((v, k) => (entry.logits[k]! += v));
    entry.count += 1;
    sums.set(s.clipIndex, entry);
  }
  return new Map([...sums].map(([clip, e]) => [clip, { fold: e.fold, logits: e.logits.map((v) => v / e.count) }]));
}

/**
 * Need-classifier report: clip-level metrics (mean of a clip's window logits), CIs over
 * installs, and temperature scaling fit on out-of-fold window logits (what the app sees).
 */
export function needReport(
  clips: readonly CorpusClip[],
  scores: readonly WindowScores[],
  records: readonly FoldTrainingRecord[],
  foldOfClip: Int32Array,
  seed: number,
): NeedModelReport {
  const needScores = scores.filter((s) => clips[s.clipIndex]?.need !== undefined);
  const perClip = clipLogits(needScores);
  const clipIndices = [...perClip.keys()].sort((a, b) => a - b);
  const truth = clipIndices.map((i) => needIndex(clips[i] as CorpusClip));
  const predicted = clipIndices.map((i) => argmax(perClip.get(i)?.logits ?? []));
  const groups = clipIndices.map((i) => clips[i]?.group ?? '');
  const labels = [...NEEDS];

  const folds: NeedFoldReport[] = records.map((record) => {
    const members = clipIndices.flatMap((clip, k) => (perClip.get(clip)?.fold === record.fold ? [k] : []));
    return {
      fold: record.fold,
      trainClips: record.trainClips,
      testClips: members.length,
      testGroups: new Set(pick(groups, members)).size,
      metrics: classificationMetrics(pick(truth, members), pick(predicted, members), labels),
      history: record.need.history,
      bestEpoch: record.need.bestEpoch,
    };
  });

  // Majority baseline: each fold answers its own training folds' most frequent need.
  const needClips = clips.flatMap((clip, i) => (clip.need !== undefined && !clip.augmentedCopy && foldOfClip[i]! >= 0 ? [i] : []));
  const majorityPredictions = clipIndices.map((clip) => {
    const fold = perClip.get(clip)?.fold ?? -1;
    const counts = new Array<number>(labels.length).fill(0);
    for (const i of needClips) if (foldOfClip[i] !== fold) counts[needIndex(clips[i] as CorpusClip)]! += 1;
    return argmax(counts);
  });

  const ciOptions = { seed: deriveSeed(seed, 'need-ci'), unit: 'installs (≈ babies)' };
  const metricOf = (key: 'accuracy' | 'balancedAccuracy' | 'macroF1') => (indices: number[]) =>
    classificationMetrics(pick(truth, indices), pick(predicted, indices), labels)[key];

  const windowLogits = needScores.map((s) => s.needLogits);
  const windowLabels = needScores.map((s) => needIndex(clips[s.clipIndex] as CorpusClip));
  const temperature = fitTemperature(windowLogits, windowLabels);
  const before = reliability(calibratedProbabilities(windowLogits, 1), windowLabels);
  const calibrated = calibratedProbabilities(windowLogits, temperature);
  const after = reliability(calibrated, windowLabels);
  const byConfidence = accuracyByConfidence(calibrated, windowLabels, labels);
  const notSure = chooseNotSureThreshold(byConfidence, NOT_SURE_CRITERION);

  return {
    folds,
    pooled: classificationMetrics(truth, predicted, labels),
    pooledCi: {
      accuracy: metricWithCi(groups, metricOf('accuracy'), ciOptions),
      balancedAccuracy: metricWithCi(groups, metricOf('balancedAccuracy'), ciOptions),
      macroF1: metricWithCi(groups, metricOf('macroF1'), ciOptions),
    },
    majorityBaseline: classificationMetrics(truth, majorityPredictions, labels),
    calibration: {
      temperature,
      nllBefore: negativeLogLikelihood(windowLogits, windowLabels, 1),
      nllAfter: negativeLogLikelihood(windowLogits, windowLabels, temperature),
      eceBefore: before.ece,
      eceAfter: after.ece,
      reliabilityBefore: before.bins,
      reliabilityAfter: after.bins,
      accuracyByConfidence: byConfidence,
      notSureThreshold: notSure.threshold,
      notSureRationale: notSure.rationale,
    },
    platformCheck: platformCheck(clips, clipIndices, truth, predicted, labels, platformProbe(clips, needScores, seed)),
  };
}

function platformCheck(
  clips: readonly CorpusClip[],
  clipIndices: readonly number[],
  truth: readonly number[],
  predicted: readonly number[],
  labels: readonly string[],
  probe: number | null,
): PlatformCheck {
  const platforms = [...new Set(clipIndices.map((i) => clips[i]?.platform ?? 'unknown'))].sort();
  return {
    perPlatform: platforms.map((platform) => {
      const members = clipIndices.flatMap((clip, k) => ((clips[clip]?.platform ?? 'unknown') === platform ? [k] : []));
      const m = classificationMetrics(pick(truth, members), pick(predicted, members), labels);
      return { platform, clips: members.length, balancedAccuracy: m.balancedAccuracy, macroF1: m.macroF1 };
    }),
    platformProbeBalancedAccuracy: probe,
    note:
      'Out-of-fold need metrics within each recording platform: a model that only learned the platform ' +
      '(iOS and Android used different codecs and their share differs by need) would fall to chance within one platform. ' +
      'Probe: a balanced logistic regression on each clip\'s mean pooled trunk features of the need network (out of fold), ' +
      'predicting iOS vs Android by install-grouped 5-fold cross-validation; 0.5 = no platform information left.',
  };
}

/** Clip-level mean of the need network's out-of-fold trunk features → platform probe score. */
function platformProbe(clips: readonly CorpusClip[], needScores: readonly WindowScores[], seed: number): number | null {
  const sums = new Map<number, { sum: Float64Array; count: number }>();
  for (const s of needScores) {
    if (s.needFeatures === undefined) continue;
    const entry = sums.get(s.clipIndex) ?? { sum: new Float64Array(s.needFeatures.length), count: 0 };
    s.needFeatures.forEach((v, d) => (entry.sum[d]! += v));
    entry.count += 1;
    sums.set(s.clipIndex, entry);
  }
  const clipIndices = [...sums.keys()].filter((i) => clips[i]?.platform === 'ios' || clips[i]?.platform === 'android').sort((a, b) => a - b);
  const labels = clipIndices.map((i) => (clips[i]?.platform === 'ios' ? 1 : 0));
  if (!labels.includes(0) || !labels.includes(1)) return null;
  const features = clipIndices.map((i) => {
    const entry = sums.get(i)!;
    return Float32Array.from(entry.sum, (v) => v / entry.count);
  });
  return groupedProbeBalancedAccuracy(features, labels, clipIndices.map((i) => clips[i]?.group ?? ''), deriveSeed(seed, 'platform-probe'));
}
