import { describe, expect, it } from 'vitest';
import type { CorpusClip } from './corpus.ts';
import { cryPerRecording, type WindowScores } from './evaluate-folds.ts';

function clip(id: string, source: CorpusClip['source'], isCry: boolean): CorpusClip {
  return { id, source, group: id, isCry, augmentedCopy: false, spectrogram: { data: new Float32Array(0), frames: 0, melBands: 40 } };
}

function windows(clipIndex: number, probabilities: number[]): WindowScores[] {
  return probabilities.map((cryProbability) => ({ clipIndex, fold: 0, cryProbability, needLogits: [0, 0, 0, 0] }));
}

describe('cryPerRecording', () => {
  const clips = [clip('cry', 'donateacry', true), clip('door', 'esc-noise', false), clip('quiet-cry', 'esc-cry', true), clip('hum', 'synthetic', false)];
  // At the 0.5 s hop the smoothing spans 3 windows: one loud window alone does not make a cry.
  const scores = [
    ...windows(0, [0.2, 0.9, 0.9, 0.9, 0.3]),
    ...windows(1, [0.1, 0.1, 0.95, 0.1, 0.1]),
    ...windows(2, [0.2, 0.3, 0.2, 0.3]),
    ...windows(3, [0.6, 0.7, 0.6, 0.6]),
  ];
  const report = cryPerRecording(clips, scores, 0.5, 1);

  it('judges each recording by its smoothed cry probability, as the app does', () => {
    // cry: found; door slam: one window, smoothed away; quiet cry: missed; hum: a false alarm.
    expect(report.pooled.truePositives).toBe(1);
    expect(report.pooled.falseNegatives).toBe(1);
    expect(report.pooled.trueNegatives).toBe(1);
    expect(report.pooled.falsePositives).toBe(1);
    expect(report.f1.value).toBeCloseTo(0.5, 10);
  });

  it('reports every source with its recordings and how many it got right', () => {
    expect(report.perSource).toEqual([
      { source: 'donateacry', recordings: 1, positives: 1, recallOrSpecificity: 1 },
      { source: 'esc-cry', recordings: 1, positives: 1, recallOrSpecificity: 0 },
      { source: 'esc-noise', recordings: 1, positives: 0, recallOrSpecificity: 1 },
      { source: 'synthetic', recordings: 1, positives: 0, recallOrSpecificity: 0 },
    ]);
  });
});
