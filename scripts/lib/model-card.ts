/**
 * Writes public/models/audio/MODEL_CARD.md from the typed metrics report (metrics-report.ts):
 * every number in the card comes from the report, so the card cannot drift from metrics.json.
 * The plain-language section for parents is derived from the same numbers and their intervals.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORRECTIONS_FILE, parseCorrectionResults, renderCorrectionSections, type CorrectionResults } from './correction-results.ts';
import type {
  AudioMetricsReport,
  BinaryMetrics,
  ClassificationMetrics,
  ConfidenceThresholdRow,
  CryModelReport,
  MetricWithCi,
  ModelVariantReport,
  NeedModelReport,
} from './metrics-report.ts';

/** Targets of issue 3; the card says plainly whether each was met. */
export const TARGETS = {
  cryF1: 0.95,
  needBalancedAccuracy: 0.4,
  needMacroF1: 0.35,
  /** Largest acceptable |quantized − float| macro-F1 of the need classifier. */
  quantizedMacroF1Delta: 0.01,
} as const;

/** Chance balanced accuracy with four needs. */
const NEED_CHANCE = 0.25;

/** What each plot file shows, for its caption; unknown files get their name. */
const PLOT_CAPTIONS: Readonly<Record<string, string>> = {
  'cry-roc.svg': 'Cry detector ROC curve, out of fold, with the shipped threshold marked',
  'cry-confusion.svg': 'Cry detector at the shipped threshold',
  'cry-learning-curves.svg': 'Cry detector learning curves (training solid, validation dashed, per fold)',
  'need-confusion.svg': 'Need classifier confusion matrix, pooled out of fold',
  'need-learning-curves.svg': 'Need classifier learning curves (training solid, validation dashed, per fold)',
  'need-reliability.svg': 'Need probabilities after temperature scaling: reliability diagram',
};

function f3(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : 'n/a';
}

function pct(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value * 100)}%` : 'n/a';
}

function withCi(metric: MetricWithCi): string {
  return `${f3(metric.value)} (${Math.round(metric.ci.level * 100)}% CI ${f3(metric.ci.low)}–${f3(metric.ci.high)})`;
}

function bytes(value: number): string {
  return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(2)} MiB` : `${(value / 1024).toFixed(1)} KiB`;
}

/** A Markdown table; cells have their pipes escaped. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

function confusionTable(m: ClassificationMetrics): string {
  return markdownTable(
    ['true ↓ / predicted →', ...m.labels],
    m.labels.map((label, i) => [label, ...(m.confusion[i] ?? []).map(String)]),
  );
}

function perClassTable(m: ClassificationMetrics): string {
  return markdownTable(
    ['need', 'precision', 'recall', 'F1', 'clips'],
    m.perClass.map((c) => [c.label, f3(c.precision), f3(c.recall), f3(c.f1), String(c.support)]),
  );
}

function met(ok: boolean): string {
  return ok ? 'met' : '**missed**';
}

/** The lower end of the CI is above chance: the model beats guessing on babies it never heard. */
export function needBeatsChance(need: NeedModelReport): boolean {
  return need.pooledCi.balancedAccuracy.ci.low > NEED_CHANCE;
}

function cryForParents(cry: CryModelReport): string {
  const p = cry.pooled;
  const missedPer10 = Math.round((1 - p.recall) * 10);
  const falsePer10 = Math.round((1 - p.precision) * 10);
  const falseAlarms = falsePer10 === 0 ? 'fewer than 1 in 10 alarms is something else' : `out of 10 alarms about ${falsePer10} ${falsePer10 === 1 ? 'is' : 'are'} something else`;
  return [
    `- **Crying or not.** On recordings kept out of training, the detector noticed ${pct(p.recall)} of the crying windows, ` +
      `and ${pct(p.precision)} of its alarms were real crying. Roughly: out of 10 stretches of crying it misses about ${missedPer10}, ` +
      `and ${falseAlarms}. Real homes are noisier than these test sounds ` +
      '(TV, siblings, babble and cooing were not in the test data), so expect more false alarms at home.',
    ...(cry.perRecording === undefined
      ? []
      : [
          `- **Per recording.** Asked the way a parent asks — was there crying in this recording? — it answered yes for ` +
            `${pct(cry.perRecording.pooled.recall)} of the held-out crying recordings, and ${pct(cry.perRecording.pooled.precision)} of its "crying" answers were right ` +
            `(${cry.perRecording.pooled.falsePositives} false alarms among ${cry.perRecording.pooled.falsePositives + cry.perRecording.pooled.trueNegatives} recordings without crying).`,
        ]),
  ].join('\n');
}

function needForParents(need: NeedModelReport): string {
  const ba = need.pooledCi.balancedAccuracy;
  const notSure = need.calibration.notSureThreshold;
  const answered = need.calibration.accuracyByConfidence.filter((r) => r.threshold <= notSure).at(-1);
  const lines: string[] = [];
  if (!needBeatsChance(need)) {
    lines.push(
      `- **Why the baby cries.** On babies the model never heard, it picked the right one of the four needs about as often as ` +
        `guessing would (balanced accuracy ${withCi(ba)}; guessing gives 0.25). In plain words: **the need it shows is not reliable**. ` +
        'Use it as a gentle hint at most, and always go by what you know about your baby.',
    );
  } else {
    lines.push(
      `- **Why the baby cries.** On babies the model never heard, it picked the right need more often than guessing ` +
        `(balanced accuracy ${withCi(ba)}; guessing gives 0.25), but it is still often wrong. Treat it as a suggestion to check, not an answer.`,
    );
  }
  if (notSure >= 1) {
    lines.push('- **"Not sure".** No confidence level made its answers reliable enough, so the app always says "not sure" about the need and shows the probabilities only as a hint.');
  } else if (answered !== undefined && answered.accuracy !== null) {
    lines.push(
      `- **"Not sure".** When its top need is below ${pct(notSure)} the app says "not sure" instead of naming one. ` +
        `Above that, it answered for ${pct(answered.coverage)} of test cries and was right ${pct(answered.accuracy)} of the time ` +
        `(balanced over the four needs: ${answered.balancedAccuracy === null ? 'n/a' : pct(answered.balancedAccuracy)}).`,
    );
  }
  lines.push(
    '- **Labels are guesses.** The needs the model learned from are what parents guessed at the time, not a medical finding. ' +
      'Hunger dominates the data, so rarer needs (pain, tiredness, discomfort) are learned from few babies.',
    '- **Never a substitute for care.** If your baby seems ill, in pain, has a fever, or cries in a way that worries you, contact a doctor or nurse.',
  );
  return lines.join('\n');
}

function cryVariantRows(label: string, cry: CryModelReport): string[][] {
  const p: BinaryMetrics = cry.pooled;
  return [[label, f3(cry.threshold.value), f3(p.precision), f3(p.recall), withCi(cry.pooledCi.f1), withCi(cry.pooledCi.rocAuc)]];
}

/** The per-recording verdicts; absent from reports written before they were computed. */
function cryPerRecordingSection(cry: CryModelReport): string[] {
  const r = cry.perRecording;
  if (r === undefined) return [];
  const p = r.pooled;
  return [
    '### Per recording: the verdict a parent sees (quantized)',
    `Each held-out recording (a whole clip as the corpus holds it: a Donate-a-Cry or ESC-50 clip, a speaker's joined digits, a nonverbal sound, a generated clip) judged with the app's own rule ` +
      '(src/fusion/clip-aggregate.ts, the code behind "analyse a recording" and `npm run evaluate`): crying when the cry probability, smoothed over ' +
      `1.5 s as the monitor smooths it, reaches the shipped threshold ${f3(cry.threshold.value)} anywhere. The per-window numbers above count every ` +
      'half-second of a crying clip, pauses for breath included; this is the question a parent asks: was there crying in it or not?',
    markdownTable(
      ['recordings', 'precision', 'recall', 'F1', 'ROC-AUC', 'missed cries', 'false alarms'],
      [[String(p.truePositives + p.falsePositives + p.trueNegatives + p.falseNegatives), f3(p.precision), f3(p.recall), withCi(r.f1), withCi(r.rocAuc), String(p.falseNegatives), String(p.falsePositives)]],
    ),
    markdownTable(
      ['source', 'recordings', 'cries', 'recall (cries) or specificity (non-cries)'],
      r.perSource.map((s) => [s.source, String(s.recordings), String(s.positives), f3(s.recallOrSpecificity)]),
    ),
    'Why the per-window recall is lower: the windows of a crying recording include breaths, pauses and quiet whimpers. ' +
      'Recall per window by how loud the window is against its recording\'s loudest window:',
    markdownTable(
      ['window level vs the loudest window', 'cry windows', 'recall'],
      r.recallByLoudness.map((b) => [Number.isFinite(b.toDb) ? `${b.fromDb} to ${b.toDb} dB` : `below ${b.fromDb} dB`, String(b.windows), f3(b.recall)]),
    ),
  ];
}

function needVariantRows(label: string, need: NeedModelReport): string[][] {
  return [[label, withCi(need.pooledCi.accuracy), withCi(need.pooledCi.balancedAccuracy), withCi(need.pooledCi.macroF1)]];
}

function accuracyByConfidenceTable(rows: readonly ConfidenceThresholdRow[]): string {
  return markdownTable(
    ['answer when top probability ≥', 'answered', 'coverage', 'accuracy', 'balanced accuracy'],
    rows.map((r) => [f3(r.threshold), String(r.answered), pct(r.coverage), r.accuracy === null ? '–' : f3(r.accuracy), r.balancedAccuracy === null ? '–' : f3(r.balancedAccuracy)]),
  );
}

function cryFoldTable(cry: CryModelReport): string {
  return markdownTable(
    ['fold', 'test windows', 'test groups', 'precision', 'recall', 'F1', 'ROC-AUC', 'best epoch'],
    cry.folds.map((f) => [String(f.fold + 1), String(f.testWindows), String(f.testGroups), f3(f.metrics.precision), f3(f.metrics.recall), f3(f.metrics.f1), f3(f.rocAuc), String(f.bestEpoch)]),
  );
}

function needFoldTable(need: NeedModelReport): string {
  return markdownTable(
    ['fold', 'test clips', 'test installs', 'accuracy', 'balanced accuracy', 'macro-F1', 'best epoch'],
    need.folds.map((f) => [String(f.fold + 1), String(f.testClips), String(f.testGroups), f3(f.metrics.accuracy), f3(f.metrics.balancedAccuracy), f3(f.metrics.macroF1), String(f.bestEpoch)]),
  );
}

function plotSection(plots: readonly string[], prefix: string): string {
  const mine = plots.filter((p) => p.startsWith(prefix));
  return mine.map((p) => `![${PLOT_CAPTIONS[p] ?? p}](${p})\n\n*${PLOT_CAPTIONS[p] ?? p}.*`).join('\n\n');
}

function variantHeading(variant: ModelVariantReport): string {
  return `${variant.weightDtype}, ${bytes(variant.weightBytes)}`;
}

/**
 * The card's Markdown.
 * @param plots file names of the SVG plots written next to the card (embedded by relative link)
 */
export function renderModelCard(report: AudioMetricsReport, plots: readonly string[] = [], corrections: CorrectionResults | null = null, modelVersion: string | null = null): string {
  const q = report.quantized;
  const fl = report.float;
  const macroDelta = Math.abs(q.need.pooled.macroF1 - fl.need.pooled.macroF1);
  const cal = q.need.calibration;
  const sections: string[] = [];

  sections.push(
    '# CryDecode audio models — model card',
    `Generated ${report.generatedAt} by the training scripts from \`metrics.json\` (never edited by hand). ` +
      `Reproduce with:\n\n\`\`\`sh\n${report.command}\n\`\`\``,
    '## What this means for a parent',
    cryForParents(q.cry),
    needForParents(q.need),
    '- **Private.** Everything runs on your phone; no sound leaves it.',
  );

  sections.push(
    '## Intended use and limits',
    '- Intended: a helper for caregivers that says when a baby is crying and offers a hedged guess at why, on the device, offline.',
    '- Not intended: diagnosis, or any decision about a baby\'s health. It was never tested on clinical data.',
    '- Known gaps: no infant non-cry sounds (babble, cooing, laughter) in the data; one corpus of parent-labelled needs, mostly "hunger"; ' +
      'recordings from two phone apps of 2015 (codec differences checked below).',
  );

  sections.push(
    '## Targets and results',
    markdownTable(
      ['target', 'result (quantized model, out of fold)', 'status'],
      [
        [`cry detector F1 ≥ ${TARGETS.cryF1} on held-out sources, per 2 s window`, withCi(q.cry.pooledCi.f1), met(q.cry.pooledCi.f1.value >= TARGETS.cryF1)],
        ...(q.cry.perRecording === undefined
          ? []
          : [[`cry detector F1 ≥ ${TARGETS.cryF1} on held-out sources, per recording (the app's verdict)`, withCi(q.cry.perRecording.f1), met(q.cry.perRecording.f1.value >= TARGETS.cryF1)]]),
        [`need balanced accuracy ≥ ${TARGETS.needBalancedAccuracy} (by baby)`, withCi(q.need.pooledCi.balancedAccuracy), met(q.need.pooledCi.balancedAccuracy.value >= TARGETS.needBalancedAccuracy)],
        [`need macro-F1 ≥ ${TARGETS.needMacroF1} (by baby)`, withCi(q.need.pooledCi.macroF1), met(q.need.pooledCi.macroF1.value >= TARGETS.needMacroF1)],
        [`quantized vs float need macro-F1 within ${TARGETS.quantizedMacroF1Delta}`, `|${f3(q.need.pooled.macroF1)} − ${f3(fl.need.pooled.macroF1)}| = ${f3(macroDelta)}`, met(macroDelta <= TARGETS.quantizedMacroF1Delta)],
      ],
    ),
  );

  sections.push(
    '## Models',
    `- Architecture: ${report.model.architecture}`,
    `- Parameters: ${report.model.parameters.toLocaleString('en-US')}`,
    `- Weights: float ${bytes(fl.weightBytes)} (${fl.weightDtype}); shipped ${bytes(q.weightBytes)} (${q.weightDtype}).`,
    `- Training time: ${(report.model.trainingSeconds / 60).toFixed(1)} min on ${report.model.machine}; seed ${report.seed}.`,
    '## Input features',
    `- ${report.features.sampleRateHz} Hz mono, ${report.features.melBands} log-Mel bands, ${report.features.framesPerWindow} frames per ` +
      `${report.features.windowSeconds} s window, a new window every ${report.features.hopSeconds} s. Every source is band-limited to this rate first, so the model cannot tell sources apart by bandwidth.`,
    `- Why this window and hop: ${report.features.justification}`,
  );

  sections.push(
    '## Data, licences and attribution',
    markdownTable(
      ['corpus', 'used as', 'clips', 'groups', 'grouped by', 'licence', 'attribution'],
      report.data.corpora.map((c) => [c.url === '' ? c.name : `[${c.name}](${c.url})`, c.role, String(c.clips), String(c.groups), c.groupedBy, c.licence, c.attribution]),
    ),
    `- Need labels (Donate-a-Cry \`class4\`; burping counted as discomfort): ${Object.entries(report.data.needCounts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    `- Installs left out of all training (\`--exclude-installs\`): ${report.data.excludedInstalls}.`,
    `- Synthetic negatives: ${report.data.synthetic}`,
    `- Augmentation (training folds only, never before the split): ${report.data.augmentation}`,
    '- Licence notes: the Donate-a-Cry database is under ODbL 1.0 and its contents under DbCL 1.0. ESC-50 clips are CC BY 3.0 (ESC-10 classes) or CC BY-NC 3.0 (the others, non-commercial). ' +
      'The Free Spoken Digit Dataset is CC BY-SA 4.0. The Deeply Nonverbal Vocalization Dataset is CC BY-NC-ND 4.0: its files were used unmodified, for training only, and are not redistributed. ' +
      'Because some training data is non-commercial, treat these weights as for non-commercial use. No dataset is copied into this repository.',
  );

  sections.push('## How it was evaluated', report.splitMethod, `- ${report.folds} folds, seed ${report.seed}. Confidence intervals: percentile bootstrap over groups (installs for needs), never over single clips.`);

  sections.push(
    '## Cry detector',
    `Scored per ${q.cry.unit}, out of fold.`,
    markdownTable(['model', 'threshold', 'precision', 'recall', 'F1', 'ROC-AUC'], [...cryVariantRows(variantHeading(fl), fl.cry), ...cryVariantRows(variantHeading(q), q.cry)]),
    `**Shipped threshold ${f3(q.cry.threshold.value)}.** ${q.cry.threshold.rationale}`,
    '### Per fold (quantized)',
    cryFoldTable(q.cry),
    '### By kind of sound (quantized)',
    markdownTable(
      ['source', 'windows', 'cries', 'recall (cries) or specificity (non-cries)', 'note'],
      q.cry.perSource.map((s) => [s.source, String(s.windows), String(s.positives), f3(s.recallOrSpecificity), s.note]),
    ),
    ...perFamilySection(q.cry),
    ...cryPerRecordingSection(q.cry),
    plotSection(plots, 'cry-'),
  );

  sections.push(
    '## Need classifier',
    'Four needs, scored per clip on installs (babies) held out of training.',
    markdownTable(['model', 'accuracy', 'balanced accuracy', 'macro-F1'], [...needVariantRows(variantHeading(fl), fl.need), ...needVariantRows(variantHeading(q), q.need)]),
    `Majority-class baseline (always the training folds' most frequent need): accuracy ${f3(q.need.majorityBaseline.accuracy)}, ` +
      `balanced accuracy ${f3(q.need.majorityBaseline.balancedAccuracy)}, macro-F1 ${f3(q.need.majorityBaseline.macroF1)}. ` +
      'Accuracy alone rewards always saying "hunger"; balanced accuracy and macro-F1 do not.',
    '### Per class (quantized, pooled)',
    perClassTable(q.need.pooled),
    '### Confusion matrix (quantized, pooled)',
    confusionTable(q.need.pooled),
    '### Per fold (quantized)',
    needFoldTable(q.need),
  );
  const platform = q.need.platformCheck;
  if (platform !== null) {
    sections.push(
      '### Platform shortcut check',
      markdownTable(
        ['platform', 'clips', 'balanced accuracy', 'macro-F1'],
        platform.perPlatform.map((p) => [p.platform, String(p.clips), f3(p.balancedAccuracy), f3(p.macroF1)]),
      ),
      platform.platformProbeBalancedAccuracy === null
        ? platform.note
        : `Platform predicted from the model with balanced accuracy ${f3(platform.platformProbeBalancedAccuracy)} (0.5 = no platform information). ${platform.note}`,
    );
  }
  sections.push(plotSection(plots, 'need-'));

  sections.push(
    '## Calibration and the "not sure" threshold',
    `Need logits are divided by a temperature T = ${f3(cal.temperature)} fitted on out-of-fold predictions (minimum negative log-likelihood). ` +
      `NLL ${f3(cal.nllBefore)} → ${f3(cal.nllAfter)}; expected calibration error (15 bins) ${f3(cal.eceBefore)} → ${f3(cal.eceAfter)}.`,
    accuracyByConfidenceTable(cal.accuracyByConfidence),
    `**"Not sure" below ${f3(cal.notSureThreshold)}.** ${cal.notSureRationale}`,
  );

  sections.push(
    '## Quantization',
    `The shipped weights are ${q.weightDtype} (${bytes(q.weightBytes)} vs ${bytes(fl.weightBytes)} float). Both were scored on the same folds: ` +
      `need macro-F1 ${f3(fl.need.pooled.macroF1)} (float) vs ${f3(q.need.pooled.macroF1)} (quantized), cry F1 ${f3(fl.cry.pooled.f1)} vs ${f3(q.cry.pooled.f1)}.`,
  );

  sections.push(...renderCorrectionSections(corrections, modelVersion));

  sections.push(
    '## Evaluate on your own recordings',
    'Put WAV files in subfolders `hunger/ pain/ discomfort/ tired/ cry/ not_cry/` (or list them in a `metadata.csv` with `file` and `class4` or `kind` columns) and run:\n\n' +
      '```sh\nnpm run evaluate -- --model public/models/audio --data /path/to/folder\n```',
  );

  // Consecutive bullet entries form one tight list; everything else is separated by a blank line.
  const parts = sections.filter((part) => part.trim() !== '');
  let markdown = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) {
    const tight = (parts[i - 1] ?? '').startsWith('- ') && (parts[i] ?? '').startsWith('- ');
    markdown += (tight ? '\n' : '\n\n') + (parts[i] ?? '');
  }
  return `${markdown}\n`;
}

/** Each generated negative family on its own, out of fold (absent from reports written before it existed). */
function perFamilySection(cry: CryModelReport): string[] {
  if (cry.perFamily === undefined || cry.perFamily.length === 0) return [];
  return [
    '### By generated family of negatives (quantized, out of fold)',
    'Every generator family on its own (the laugh-like proxy is never trained on, so it is not here: see the issue-12 section below). Clips are judged as the app judges a recording.',
    markdownTable(
      ['source', 'family', 'windows', 'window specificity', 'clips', 'clips called crying'],
      cry.perFamily.map((f) => [f.source, f.family, String(f.windows), f3(f.windowSpecificity), String(f.clips), `${f.clipsCalledCrying} (${pct(f.clips > 0 ? f.clipsCalledCrying / f.clips : NaN)})`]),
    ),
  ];
}

/** corrections.json next to the model, or null when there is none (the card says how to make it). */
export function readCorrectionResults(outDir: string): CorrectionResults | null {
  const file = join(outDir, CORRECTIONS_FILE);
  if (!existsSync(file)) return null;
  return parseCorrectionResults(readFileSync(file, 'utf8'));
}

/** The version in the folder's model.json metadata, or null. */
function modelJsonVersion(outDir: string): string | null {
  const file = join(outDir, 'model.json');
  if (!existsSync(file)) return null;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const version = (parsed as { userDefinedMetadata?: { version?: unknown } }).userDefinedMetadata?.version;
  return typeof version === 'string' ? version : null;
}

/**
 * Writes MODEL_CARD.md into the model folder from metrics.json's report, the plots, and
 * corrections.json when present; returns its path. `plots` defaults to the SVGs in the folder.
 */
export function writeAudioModelCard(outDir: string, report: AudioMetricsReport, plots: readonly string[] = readdirSync(outDir).filter((f) => f.endsWith('.svg')).sort()): string {
  const path = join(outDir, 'MODEL_CARD.md');
  writeFileSync(path, renderModelCard(report, plots, readCorrectionResults(outDir), modelJsonVersion(outDir)));
  return path;
}
