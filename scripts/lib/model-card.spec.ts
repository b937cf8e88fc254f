import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEEDS } from '../../src/domain/needs.ts';
import { classificationMetrics } from './metrics.ts';
import type { AudioMetricsReport, ConfidenceInterval, CryModelReport, MetricWithCi, ModelVariantReport, NeedModelReport } from './metrics-report.ts';
import { markdownTable, needBeatsChance, renderModelCard, writeAudioModelCard } from './model-card.ts';

const ci = (value: number, low: number, high: number): MetricWithCi => {
  const interval: ConfidenceInterval = { low, high, level: 0.95, resamples: 1000, unit: 'installs' };
  return { value, ci: interval };
};

function needReport(balanced: { value: number; low: number; high: number }, notSureThreshold: number): NeedModelReport {
  // true: 6 hunger, 2 of each other need; predictions chosen so the metrics are easy to recompute.
  const truth = [1, 1, 1, 1, 1, 1, 0, 0, 2, 2, 3, 3];
  const predicted = [1, 1, 1, 1, 1, 0, 0, 1, 2, 1, 3, 1];
  const pooled = classificationMetrics(truth, predicted, NEEDS);
  const history = [1, 2, 3].map((epoch) => ({ epoch, trainLoss: 1.3 - 0.1 * epoch, trainAccuracy: 0.3 + 0.1 * epoch, valLoss: 1.35 - 0.05 * epoch, valAccuracy: 0.3 + 0.05 * epoch }));
  return {
    folds: [0, 1].map((fold) => ({ fold, trainClips: 6, testClips: 6, testGroups: 4, metrics: pooled, history, bestEpoch: 2 })),
    pooled,
    pooledCi: { accuracy: ci(pooled.accuracy, 0.5, 0.9), balancedAccuracy: ci(balanced.value, balanced.low, balanced.high), macroF1: ci(pooled.macroF1, 0.4, 0.8) },
    majorityBaseline: classificationMetrics(truth, truth.map(() => 1), NEEDS),
    calibration: {
      temperature: 1.8,
      nllBefore: 1.4,
      nllAfter: 1.2,
      eceBefore: 0.21,
      eceAfter: 0.04,
      reliabilityBefore: [],
      reliabilityAfter: [],
      accuracyByConfidence: [
        { threshold: 0.3, coverage: 1, accuracy: 0.6, balancedAccuracy: 0.5, answered: 12 },
        { threshold: 0.5, coverage: 0.5, accuracy: 0.83, balancedAccuracy: 0.7, answered: 6 },
        { threshold: 0.9, coverage: 0, accuracy: null, balancedAccuracy: null, answered: 0 },
      ],
      notSureThreshold,
      notSureRationale: 'rationale from calibration.ts',
    },
    platformCheck: {
      perPlatform: [
        { platform: 'ios', clips: 5, balancedAccuracy: 0.3, macroF1: 0.2 },
        { platform: 'android', clips: 7, balancedAccuracy: 0.28, macroF1: 0.22 },
      ],
      platformProbeBalancedAccuracy: 0.61,
      note: 'Within-platform results are close to pooled ones.',
    },
  };
}

function cryReport(f1: number): CryModelReport {
  const pooled = { threshold: 0.62, precision: 0.9, recall: 0.8, f1, accuracy: 0.9, truePositives: 80, falsePositives: 9, trueNegatives: 300, falseNegatives: 20 };
  return {
    unit: '2 s window',
    folds: [{ fold: 0, trainWindows: 1000, testWindows: 409, testGroups: 50, metrics: pooled, rocAuc: 0.97, history: [], bestEpoch: 4 }],
    pooled,
    rocAuc: 0.97,
    pooledCi: { f1: ci(f1, f1 - 0.03, f1 + 0.02), rocAuc: ci(0.97, 0.95, 0.98) },
    roc: [],
    threshold: { value: 0.62, rationale: 'Max F1 on validation folds.' },
    perSource: [{ source: 'speech', windows: 100, positives: 0, recallOrSpecificity: 0.97, note: 'adult speech | digits' }],
  };
}

function variant(dtype: string, bytes: number, need: NeedModelReport, cry: CryModelReport): ModelVariantReport {
  return { weightDtype: dtype, weightBytes: bytes, need, cry };
}

function report(options: { balanced: { value: number; low: number; high: number }; notSure: number; cryF1: number; quantizedNeed?: NeedModelReport }): AudioMetricsReport {
  const need = needReport(options.balanced, options.notSure);
  return {
    schemaVersion: 1,
    generatedAt: '2026-11-25T10:00:00.000Z',
    command: 'npm run train:audio -- --data ../shared/data && npm run convert:models',
    seed: 7,
    folds: 5,
    splitMethod: 'Stratified group 5-fold by install.',
    data: {
      corpora: [
        { name: 'Donate-a-Cry corpus', role: 'need labels + cry positives', clips: 457, groups: 221, groupedBy: 'install_id', licence: 'ODbL 1.0 + DbCL 1.0', attribution: 'Donate-a-Cry corpus', url: 'https://github.com/gveres/donateacry-corpus' },
        { name: 'Synthetic negatives', role: 'cry negatives', clips: 120, groups: 120, groupedBy: 'clip', licence: 'generated', attribution: 'this project', url: '' },
      ],
      needCounts: { discomfort: 35, hunger: 382, pain: 16, tired: 24 },
      excludedInstalls: 0,
      synthetic: '12 kinds × 10 clips.',
      augmentation: 'gain, shift, noise, codec.',
    },
    features: { sampleRateHz: 8000, windowSeconds: 2, hopSeconds: 0.5, melBands: 40, framesPerWindow: 124, justification: 'Two seconds hold a cry burst.' },
    model: { architecture: '3 conv blocks, two heads', parameters: 23456, trainingSeconds: 900, machine: '2-core x86' },
    float: variant('float32', 93824, need, cryReport(options.cryF1)),
    quantized: variant('uint8', 24000, options.quantizedNeed ?? need, cryReport(options.cryF1)),
  };
}

/** Every Markdown table row has as many cells as its header. */
function expectConsistentTables(markdown: string): void {
  const lines = markdown.split('\n');
  let columns = -1;
  for (const line of lines) {
    if (!line.startsWith('|')) {
      columns = -1;
      continue;
    }
    const cells = line.replace(/\\\|/g, '').split('|').length - 2;
    if (columns === -1) columns = cells;
    else expect(cells, line).toBe(columns);
  }
}

describe('renderModelCard', () => {
  const nearChance = renderModelCard(report({ balanced: { value: 0.27, low: 0.22, high: 0.31 }, notSure: 1, cryF1: 0.85 }), ['cry-roc.svg', 'need-confusion.svg', 'need-reliability.svg']);

  it('has every section, only well-formed tables, and no missing numbers', () => {
    for (const heading of ['# CryDecode audio models', '## What this means for a parent', '## Targets and results', '## Data, licences and attribution', '## How it was evaluated', '## Cry detector', '## Need classifier', '### Platform shortcut check', '## Calibration and the "not sure" threshold', '## Quantization', '## Evaluate on your own recordings']) {
      expect(nearChance).toContain(heading);
    }
    expect(nearChance).not.toMatch(/NaN|undefined|\[object Object\]/);
    expectConsistentTables(nearChance);
    expect(nearChance).toContain('adult speech \\| digits');
  });

  it('credits every licence the data brings', () => {
    for (const licence of ['ODbL 1.0', 'DbCL 1.0', 'CC BY 3.0', 'CC BY-NC 3.0', 'CC BY-SA 4.0', 'CC BY-NC-ND 4.0']) expect(nearChance).toContain(licence);
    expect(nearChance).toContain('used unmodified, for training only');
    expect(nearChance).toContain('[Donate-a-Cry corpus](https://github.com/gveres/donateacry-corpus)');
  });

  it('reports the numbers from the report, with CIs and the targets status', () => {
    expect(nearChance).toContain('0.270 (95% CI 0.220–0.310)');
    expect(nearChance).toMatch(/cry detector F1 ≥ 0.95 on held-out sources, per 2 s window \| 0.850 \(95% CI 0.820–0.870\) \| \*\*missed\*\*/);
    expect(nearChance).not.toContain('per recording (the app');
    expect(nearChance).toMatch(/need balanced accuracy ≥ 0.4 \(by baby\) \| .* \| \*\*missed\*\*/);
    expect(nearChance).toMatch(/within 0.01 \| .* = 0.000 \| met/);
    // Pooled confusion row for "hunger": 1 predicted discomfort, 5 hunger.
    expect(nearChance).toContain('| hunger | 1 | 5 | 0 | 0 |');
    expect(nearChance).toContain('T = 1.800');
    expect(nearChance).toContain('0.210 → 0.040');
    expect(nearChance).toContain('![Cry detector ROC curve, out of fold, with the shipped threshold marked](cry-roc.svg)');
    expect(nearChance).toContain('91.6 KiB');
  });

  it('tells parents plainly when the need is no better than guessing', () => {
    expect(nearChance).toContain('**the need it shows is not reliable**');
    expect(nearChance).toContain('always says "not sure"');
    expect(nearChance).toContain('noticed 80% of the crying windows');
    expect(nearChance).toContain('out of 10 stretches of crying it misses about 2, and out of 10 alarms about 1 is something else');
  });

  it('words it differently when the need clearly beats chance, and flags a quantization gap', () => {
    const better = report({ balanced: { value: 0.45, low: 0.38, high: 0.52 }, notSure: 0.5, cryF1: 0.96 });
    const gap = needReport({ value: 0.45, low: 0.38, high: 0.52 }, 0.5);
    gap.pooled = { ...gap.pooled, macroF1: gap.pooled.macroF1 - 0.05 };
    const card = renderModelCard({ ...better, quantized: { ...better.quantized, need: gap } });
    expect(needBeatsChance(better.quantized.need)).toBe(true);
    expect(card).toContain('more often than guessing');
    expect(card).not.toContain('not reliable**');
    expect(card).toContain('When its top need is below 50% the app says "not sure"');
    expect(card).toContain('answered for 50% of test cries and was right 83% of the time');
    expect(card).toMatch(/cry detector F1 ≥ 0.95 on held-out sources, per 2 s window \| .* \| met/);
    expect(card).toMatch(/within 0.01 \| .* = 0.050 \| \*\*missed\*\*/);
  });

  it('reports the per-recording verdicts next to the per-window scores when the report has them', () => {
    const base = report({ balanced: { value: 0.3, low: 0.2, high: 0.4 }, notSure: 1.01, cryF1: 0.9 });
    const pooled = { threshold: 0.62, precision: 0.96, recall: 0.97, f1: 0.965, accuracy: 0.98, truePositives: 97, falsePositives: 4, trueNegatives: 396, falseNegatives: 3 };
    const perRecording = {
      unit: 'held-out recording',
      pooled,
      f1: ci(0.965, 0.94, 0.98),
      rocAuc: ci(0.99, 0.98, 1),
      perSource: [{ source: 'esc-noise', recordings: 80, positives: 0, recallOrSpecificity: 0.95 }],
      recallByLoudness: [
        { fromDb: 0, toDb: -6, windows: 900, recall: 0.97 },
        { fromDb: -20, toDb: -Infinity, windows: 40, recall: 0.25 },
      ],
    };
    const card = renderModelCard({ ...base, quantized: { ...base.quantized, cry: { ...base.quantized.cry, pooled: { ...base.quantized.cry.pooled, precision: 0.97 }, perRecording } } });
    expect(card).toMatch(/cry detector F1 ≥ 0.95 on held-out sources, per 2 s window \| 0.900 .* \| \*\*missed\*\*/);
    expect(card).toMatch(/per recording \(the app's verdict\) \| 0.965 \(95% CI 0.940–0.980\) \| met/);
    expect(card).toContain('| 500 | 0.960 | 0.970 | 0.965 (95% CI 0.940–0.980) | 0.990 (95% CI 0.980–1.000) | 3 | 4 |');
    expect(card).toContain('| esc-noise | 80 | 0 | 0.950 |');
    expect(card).toContain('| 0 to -6 dB | 900 | 0.970 |');
    expect(card).toContain('| below -20 dB | 40 | 0.250 |');
    expect(card).toContain('fewer than 1 in 10 alarms is something else');
    expect(card).toContain('it answered yes for 97% of the held-out crying recordings, and 96% of its "crying" answers were right (4 false alarms among 400 recordings without crying)');
    expectConsistentTables(card);
  });
});

describe('writeAudioModelCard and markdownTable', () => {
  it('writes MODEL_CARD.md into the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crydecode-card-'));
    try {
      const path = writeAudioModelCard(dir, report({ balanced: { value: 0.3, low: 0.2, high: 0.4 }, notSure: 0.5, cryF1: 0.9 }), []);
      expect(path).toBe(join(dir, 'MODEL_CARD.md'));
      expect(readFileSync(path, 'utf8')).toMatch(/^# CryDecode audio models/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders a per-family table, and the issue-12 sections from corrections.json in the folder, so a re-convert regenerates them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crydecode-card-'));
    try {
      const base = report({ balanced: { value: 0.3, low: 0.2, high: 0.4 }, notSure: 0.5, cryF1: 0.9 });
      const perFamily = [{ source: 'infant-like', family: 'infant-babble', windows: 400, windowSpecificity: 0.9, clips: 50, clipsCalledCrying: 4 }];
      const withFamilies = { ...base, quantized: { ...base.quantized, cry: { ...base.quantized.cry, perFamily } } };
      writeFileSync(join(dir, 'model.json'), JSON.stringify({ userDefinedMetadata: { version: 'audio@1' } }));
      const without = readFileSync(writeAudioModelCard(dir, withFamilies, []), 'utf8');
      expect(without).toContain('| infant-like | infant-babble | 400 | 0.900 | 50 | 4 (8%) |');
      expect(without).toContain('No corrections.json next to the model');
      const corrections = {
        schemaVersion: 1, generatedAt: 'now', command: 'node --import tsx scripts/evaluate-corrections.ts', modelVersion: 'audio@1', threshold: 0.7,
        generation: { seed: 1, perFamily: 20, seconds: 5 },
        families: [{ family: 'infant-laugh', heldOut: true, inTraining: false, clips: 20, windows: 160, windowFalseAlarmRate: 0.5, clipsCalledCrying: 10 }],
        replays: [{ similarity: 0.95, margin: 0.05, cryWindows: 100, baseRecall: 0.8, worstRecall: 0.8, rows: [{ source: 'generated infant-laugh', kind: 'generated', inTraining: false, heldOut: true, windows: 160, baseRate: 0.5, cells: [{ k: 1, falseAlarmRate: 0.05, recall: 0.8 }, null, null, null] }] }],
        shippedSimilarity: 0.95,
      };
      writeFileSync(join(dir, 'corrections.json'), JSON.stringify(corrections));
      const card = readFileSync(writeAudioModelCard(dir, withFamilies, []), 'utf8');
      for (const heading of ['## Infant-like negatives and corrections (issue 12)', '### Correction replay', '## Known gaps']) expect(card).toContain(heading);
      expect(card).toContain('0.500 → 0.050 after one correction');
      expect(card).not.toMatch(/NaN|undefined|Stale/);
      expectConsistentTables(card);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('escapes pipes in cells', () => {
    expect(markdownTable(['a', 'b'], [['x|y', 'z']])).toBe('| a | b |\n| --- | --- |\n| x\\|y | z |');
  });
});
