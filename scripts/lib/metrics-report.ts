/**
 * The typed metrics object that training fills (scripts/train/train-audio.ts, scripts/convert/audio.ts)
 * and that the model card, the plots and public/models/audio/metrics.json are written from.
 * Every probability-like number is in [0, 1]; counts are clip or window counts as named.
 */

/** Precision, recall and F1 of one class, one-vs-rest. */
export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Number of examples whose true label is this class. */
  support: number;
}

/** Multi-class results on one set of predictions. */
export interface ClassificationMetrics {
  /** Class names, in the order of `perClass` and of the confusion matrix rows and columns. */
  labels: readonly string[];
  /** Number of examples scored. */
  count: number;
  accuracy: number;
  /** Mean recall over classes that have at least one true example. */
  balancedAccuracy: number;
  /** Mean F1 over classes that have at least one true example. */
  macroF1: number;
  perClass: ClassMetrics[];
  /** confusion[trueIndex][predictedIndex] = count. */
  confusion: number[][];
}

/** A two-sided percentile bootstrap interval. */
export interface ConfidenceInterval {
  low: number;
  high: number;
  /** Coverage, e.g. 0.95. */
  level: number;
  /** Number of bootstrap resamples drawn. */
  resamples: number;
  /** What was resampled, e.g. "installs" — never single clips when clips share a baby. */
  unit: string;
}

/** A statistic with its bootstrap confidence interval. */
export interface MetricWithCi {
  value: number;
  ci: ConfidenceInterval;
}

/** One epoch of a training run, for learning curves. */
export interface EpochRecord {
  /** 1-based epoch number. */
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
}

/** What happened in one cross-validation fold of the need classifier. */
export interface NeedFoldReport {
  /** 0-based fold index. */
  fold: number;
  trainClips: number;
  testClips: number;
  /** Number of distinct groups (installs) in the test fold. */
  testGroups: number;
  /** Clip-level results on the held-out fold. */
  metrics: ClassificationMetrics;
  history: EpochRecord[];
  /** Epoch whose weights were kept (early stopping on a validation split carved from training groups). */
  bestEpoch: number;
}

/** One row of a reliability table: examples whose top probability fell in [low, high). */
export interface ReliabilityBin {
  low: number;
  high: number;
  count: number;
  /** Mean top probability of the examples in the bin (NaN-free: 0 when count is 0). */
  meanConfidence: number;
  /** Fraction of the bin's examples whose top class was right (0 when count is 0). */
  accuracy: number;
}

/** Accuracy among the examples the model is at least this sure about. */
export interface ConfidenceThresholdRow {
  /** Minimum top probability required to answer. */
  threshold: number;
  /** Fraction of all examples answered (top probability ≥ threshold). */
  coverage: number;
  /** Accuracy among answered examples (NaN → reported as null when none are answered). */
  accuracy: number | null;
  /** Balanced accuracy among answered examples, null when none are answered. */
  balancedAccuracy: number | null;
  answered: number;
}

/** Temperature scaling of the need probabilities, fit on out-of-fold logits. */
export interface CalibrationReport {
  /** Logits are divided by this before the softmax. */
  temperature: number;
  nllBefore: number;
  nllAfter: number;
  /** Expected calibration error with 15 equal-width bins, before and after scaling. */
  eceBefore: number;
  eceAfter: number;
  reliabilityBefore: ReliabilityBin[];
  reliabilityAfter: ReliabilityBin[];
  /** Accuracy as a function of the "not sure" threshold, after calibration. */
  accuracyByConfidence: ConfidenceThresholdRow[];
  /** The app says "not sure" when the top calibrated need probability is below this. */
  notSureThreshold: number;
  /** Plain-language reason for that threshold, derived from accuracyByConfidence. */
  notSureRationale: string;
}

/** Does the need model lean on the recording platform (codec) instead of the cry? */
export interface PlatformCheck {
  /** Need metrics computed separately on each platform's clips (out-of-fold predictions). */
  perPlatform: Array<{ platform: string; clips: number; balancedAccuracy: number; macroF1: number }>;
  /**
   * Balanced accuracy of predicting the platform from the model's features or outputs by
   * install-grouped cross-validation; null when not measured. 0.5 = no platform information.
   */
  platformProbeBalancedAccuracy: number | null;
  note: string;
}

export interface NeedModelReport {
  folds: NeedFoldReport[];
  /** All out-of-fold predictions pooled. */
  pooled: ClassificationMetrics;
  /** Bootstrap CIs over installs for the pooled headline numbers. */
  pooledCi: { accuracy: MetricWithCi; balancedAccuracy: MetricWithCi; macroF1: MetricWithCi };
  /** Always answering the training folds' most frequent class, scored the same way. */
  majorityBaseline: ClassificationMetrics;
  calibration: CalibrationReport;
  platformCheck: PlatformCheck | null;
}

/** Binary results at one threshold. */
export interface BinaryMetrics {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

/** One point of a ROC curve. */
export interface RocPoint {
  falsePositiveRate: number;
  truePositiveRate: number;
  /** Scores ≥ threshold are called positive. */
  threshold: number;
}

export interface CryFoldReport {
  fold: number;
  trainWindows: number;
  testWindows: number;
  /** Source recordings / speakers / installs held out in this fold. */
  testGroups: number;
  metrics: BinaryMetrics;
  rocAuc: number;
  history: EpochRecord[];
  bestEpoch: number;
}

export interface GeneratedFamilyReport {
  /** 'synthetic' or 'infant-like'. */
  source: string;
  /** Generator family, e.g. 'infant-babble', 'sibling-speech'. */
  family: string;
  windows: number;
  /** Windows below the threshold / windows. */
  windowSpecificity: number;
  clips: number;
  /** Clips the app would call crying (smoothed cry probability at the threshold anywhere). */
  clipsCalledCrying: number;
}

export interface CryModelReport {
  /** What one scored example is: e.g. "2 s window" or "clip (max of smoothed windows)". */
  unit: string;
  folds: CryFoldReport[];
  /** Pooled out-of-fold results at the shipped threshold. */
  pooled: BinaryMetrics;
  rocAuc: number;
  pooledCi: { f1: MetricWithCi; rocAuc: MetricWithCi };
  roc: RocPoint[];
  /** Shipped decision threshold on the cry probability, and why. */
  threshold: { value: number; rationale: string };
  /** Pooled results split by corpus/kind (e.g. speech, nonverbal, esc-noise, synthetic). */
  perSource: Array<{ source: string; windows: number; positives: number; recallOrSpecificity: number; note: string }>;
  /**
   * Each generated negative family on its own (synthetic and infant-like sources): out-of-fold
   * specificity per window and per clip (as the app judges a recording). Absent in reports written
   * before it existed.
   */
  perFamily?: GeneratedFamilyReport[];
  /** The same out-of-fold windows judged per held-out recording, as the app judges a recording. */
  perRecording?: CryRecordingReport;
}

/**
 * The cry detector judged per held-out recording with the app's own rule
 * (src/fusion/clip-aggregate.ts: the smoothed cry probability reaches the shipped threshold
 * somewhere in the recording), which is the verdict "analyse a recording" shows.
 */
export interface CryRecordingReport {
  unit: string;
  pooled: BinaryMetrics;
  f1: MetricWithCi;
  rocAuc: MetricWithCi;
  perSource: Array<{ source: string; recordings: number; positives: number; recallOrSpecificity: number }>;
  /**
   * Per-window recall on cry recordings by how loud the window is against the recording's
   * loudest window: a crying clip's windows include breaths and pauses, which count as misses.
   */
  recallByLoudness: Array<{ fromDb: number; toDb: number; windows: number; recall: number }>;
}

/** Results of one variant of the models (float or quantized) on the same folds. */
export interface ModelVariantReport {
  /** e.g. "float32" or "uint8". */
  weightDtype: string;
  /** Total size of the weight files in bytes. */
  weightBytes: number;
  need: NeedModelReport;
  cry: CryModelReport;
}

/** One training corpus as used. */
export interface CorpusSummary {
  name: string;
  /** How it was used: e.g. "need labels + cry positives", "cry negatives". */
  role: string;
  clips: number;
  /** Number of distinct groups (installs, source recordings, speakers). */
  groups: number;
  groupedBy: string;
  licence: string;
  attribution: string;
  url: string;
}

export interface AudioMetricsReport {
  schemaVersion: 1;
  /** ISO 8601 time the report was written. */
  generatedAt: string;
  /** The command that reproduces these numbers. */
  command: string;
  seed: number;
  folds: number;
  /** How clips were split into folds, in words. */
  splitMethod: string;
  data: {
    corpora: CorpusSummary[];
    /** Clips per need (class4) used by the need classifier. */
    needCounts: Record<string, number>;
    /** Installs left out of all training by --exclude-installs. */
    excludedInstalls: number;
    /** Synthetic negatives, in words (what kinds, how many). */
    synthetic: string;
    augmentation: string;
  };
  features: {
    sampleRateHz: number;
    windowSeconds: number;
    hopSeconds: number;
    melBands: number;
    framesPerWindow: number;
    /** Why this window and hop. */
    justification: string;
  };
  model: {
    /** Architecture in words, e.g. layer list. */
    architecture: string;
    parameters: number;
    trainingSeconds: number;
    /** Machine the training ran on, in words. */
    machine: string;
  };
  float: ModelVariantReport;
  quantized: ModelVariantReport;
}
