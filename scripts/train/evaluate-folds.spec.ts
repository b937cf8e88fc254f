import { describe, expect, it } from 'vitest';
import type { CorpusClip } from './corpus.ts';
import { cryPerRecording, generatedFamilies, generatedFamily, recordingCryProbability, selectRecordingThreshold, windowLevelDb, type WindowScores } from './evaluate-folds.ts';
import { WINDOW_FRAMES, HOP_FRAMES } from './window-sampling.ts';

/** A clip of `windowCount` scored windows at an even level. */
function clip(id: string, source: CorpusClip['source'], isCry: boolean, windowCount = 5): CorpusClip {
  const frames = WINDOW_FRAMES + HOP_FRAMES * (windowCount - 1);
  return { id, source, group: id, isCry, augmentedCopy: false, spectrogram: { data: new Float32Array(frames * 40).fill(-30), frames, melBands: 40 } };
}

function windows(clipIndex: number, probabilities: number[]): WindowScores[] {
  return probabilities.map((cryProbability) => ({ clipIndex, fold: 0, cryProbability, needLogits: [0, 0, 0, 0] }));
}

describe('cryPerRecording', () => {
  const clips = [clip('cry', 'donateacry', true), clip('door', 'esc-noise', false), clip('quiet-cry', 'esc-cry', true, 4), clip('hum', 'synthetic', false, 4)];
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

describe('generatedFamilies', () => {
  it('reports each generated family of negatives on its own, per window and per clip', () => {
    const withGroup = (c: CorpusClip, group: string): CorpusClip => ({ ...c, group });
    const clips = [
      withGroup(clip('b1', 'infant-like', false, 4), 'synthetic:infant-babble:1'),
      withGroup(clip('b2', 'infant-like', false, 4), 'synthetic:infant-babble:2'),
      withGroup(clip('s1', 'infant-like', false, 4), 'synthetic:sibling-speech:en+f3'),
      withGroup(clip('h', 'synthetic', false, 4), 'synthetic:hum:0'),
      clip('cry', 'donateacry', true, 4),
      clip('door', 'esc-noise', false, 4),
    ];
    const scores = [
      ...windows(0, [0.9, 0.9, 0.9, 0.9]), // a babble clip the app would call crying
      ...windows(1, [0.1, 0.1, 0.1, 0.9]), // one loud window: smoothed away, not crying
      ...windows(2, [0.1, 0.1, 0.1, 0.1]),
      ...windows(3, [0.2, 0.2, 0.2, 0.2]),
      ...windows(4, [0.9, 0.9, 0.9, 0.9]),
      ...windows(5, [0.9, 0.9, 0.9, 0.9]),
    ];
    expect(generatedFamily('synthetic:sibling-speech:en+f3')).toBe('sibling-speech');
    expect(generatedFamilies(clips, scores, 0.5)).toEqual([
      { source: 'infant-like', family: 'infant-babble', windows: 8, windowSpecificity: 3 / 8, clips: 2, clipsCalledCrying: 1 },
      { source: 'infant-like', family: 'sibling-speech', windows: 4, windowSpecificity: 1, clips: 1, clipsCalledCrying: 0 },
      { source: 'synthetic', family: 'hum', windows: 4, windowSpecificity: 1, clips: 1, clipsCalledCrying: 0 },
    ]);
  });
});

describe('recall by loudness', () => {
  /** A cry clip of `windowCount` windows whose frames are loud (−20 dB per band) or quiet (−50 dB). */
  function clipWithLevels(loudFrom: number): CorpusClip {
    const windowCount = 3;
    const frames = WINDOW_FRAMES + HOP_FRAMES * (windowCount - 1);
    const data = new Float32Array(frames * 40).map((_, i) => (Math.floor(i / 40) >= loudFrom ? -20 : -50));
    return { ...clip('c', 'donateacry', true, windowCount), spectrogram: { data, frames, melBands: 40 } };
  }

  it('measures a window by the mean power of its frames', () => {
    const quiet = clipWithLevels(Infinity).spectrogram;
    // 40 bands at −50 dB: 10·log10(40) dB above one band.
    expect(windowLevelDb(quiet, 0, WINDOW_FRAMES)).toBeCloseTo(-50 + 10 * Math.log10(40), 6);
  });

  it('bins the cry windows of a recording against its loudest window', () => {
    // Loud only in the last hop's frames: the last window is the loudest (a quarter of its frames at
    // −20 dB: about −10 dB in all), the first two hold only −50 dB frames, 24 dB below it.
    const c = clipWithLevels(WINDOW_FRAMES + HOP_FRAMES);
    const report = cryPerRecording([c, clip('n', 'speech', false, 3)], [...windows(0, [0.2, 0.9, 0.9]), ...windows(1, [0.1, 0.1, 0.1])], 0.5, 1);
    const bins = report.recallByLoudness;
    expect(bins.reduce((n, b) => n + b.windows, 0)).toBe(3);
    expect(bins[0]).toMatchObject({ fromDb: 0, toDb: -6, windows: 1, recall: 1 });
    expect(bins[3]).toMatchObject({ fromDb: -20, toDb: -Infinity, windows: 2, recall: 0.5 });
  });
});

describe('the recording-level threshold', () => {
  it('scores a recording by its smoothed maximum, so one loud window is not enough', () => {
    expect(recordingCryProbability([0.1, 0.1, 0.9, 0.1, 0.1])).toBeCloseTo(1.1 / 3, 10);
    expect(recordingCryProbability([0.1, 0.8, 0.8, 0.8])).toBeCloseTo(0.8, 10);
  });

  it('picks the threshold that best separates recordings, not windows', () => {
    // Cries with pauses (some windows low), and non-cries with a single loud window each.
    const windowsByClip = [
      [0.9, 0.2, 0.9, 0.9, 0.9],
      [0.7, 0.8, 0.75, 0.1],
      [0.1, 0.1, 0.95, 0.1],
      [0.2, 0.3, 0.2, 0.85],
    ];
    const isCry = [true, true, false, false];
    const probabilities = windowsByClip.flat();
    const clipOfWindow = windowsByClip.flatMap((w, c) => w.map(() => c));
    const chosen = selectRecordingThreshold(probabilities, clipOfWindow, isCry);
    expect(chosen.f1).toBe(1);
    // Between the best non-cry recording (0.45) and the weakest cry (0.75).
    expect(chosen.threshold).toBeGreaterThan(0.45);
    expect(chosen.threshold).toBeLessThanOrEqual(0.75);
  });
});
