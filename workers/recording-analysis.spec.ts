import { describe, expect, it } from 'vitest';
import { framesPerWindow } from '../src/features/audio-config.ts';
import type { AudioModels } from '../src/models/audio-model-types.ts';
import { analyseRecording, type AnalysisHooks } from './recording-analysis.ts';

/** A stand-in model: "crying" = loud (mean log-Mel above −40 dB). Records the frame counts it saw. */
function loudnessModel(): AudioModels & { frameCounts: number[] } {
  const frameCounts: number[] = [];
  return {
    frameCounts,
    versions: { test: '1' },
    predict(logMel, frameCount) {
      frameCounts.push(frameCount);
      let sum = 0;
      for (const v of logMel) sum += v;
      const loud = sum / logMel.length > -40;
      return { cryProbability: loud ? 0.9 : 0.1, needProbabilities: [0.1, 0.7, 0.1, 0.1], embedding: null };
    },
    dispose() {},
  };
}

function hooks(cancelAfterCalls = Number.POSITIVE_INFINITY): AnalysisHooks & { stages: string[] } {
  let pauses = 0;
  const stages: string[] = [];
  return {
    stages,
    progress: (stage) => stages.push(stage),
    cancelled: () => pauses >= cancelAfterCalls,
    pause: () => {
      pauses += 1;
      return Promise.resolve();
    },
  };
}

/** Silence, then loud deterministic noise (broadband, so every Mel band is lit), then silence. */
function quietLoudQuiet(rateHz: number, seconds: [number, number, number]): Float32Array {
  const [a, b, c] = seconds.map((s) => Math.round(s * rateHz)) as [number, number, number];
  const out = new Float32Array(a + b + c);
  let state = 12345;
  for (let n = 0; n < b; n += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out[a + n] = (state / 2147483648 - 0.5) * 0.5;
  }
  return out;
}

describe('analyseRecording', () => {
  it('resamples, windows at the live hop and finds the loud part', async () => {
    const model = loudnessModel();
    const outcome = await analyseRecording(quietLoudQuiet(16_000, [3, 3, 3]), 16_000, () => Promise.resolve(model), hooks());
    expect(outcome.kind).toBe('done');
    if (outcome.kind !== 'done') return;
    expect(outcome.durationSeconds).toBe(9);
    // On the one window grid: every 3 968 samples, then a last one at the last whole frame (55 936 = 437 × 128).
    expect(outcome.windows.map((w) => w.startSeconds * 8000)).toEqual([...Array.from({ length: 15 }, (_, i) => i * 3968), 55_936]);
    expect(new Set(model.frameCounts)).toEqual(new Set([framesPerWindow()]));
    const loud = outcome.windows.filter((w) => w.cryProbability > 0.5).map((w) => w.endSeconds);
    expect(Math.min(...loud)).toBeGreaterThan(3);
    expect(Math.max(...loud)).toBeLessThan(8.5);
    expect(outcome.modelVersions).toEqual({ test: '1' });
  });

  it('refuses a silent recording before loading any model', async () => {
    let loaded = false;
    const outcome = await analyseRecording(new Float32Array(16_000 * 5), 16_000, () => {
      loaded = true;
      return Promise.resolve(loudnessModel());
    }, hooks());
    expect(outcome).toMatchObject({ kind: 'error', code: 'silent' });
    expect(loaded).toBe(false);
  });

  it('refuses a recording that is too short, and loops a short one that is long enough', async () => {
    expect(await analyseRecording(new Float32Array(100), 16_000, () => Promise.resolve(loudnessModel()), hooks())).toMatchObject({ kind: 'error', code: 'too-short' });
    const outcome = await analyseRecording(quietLoudQuiet(8000, [0, 1, 0]), 8000, () => Promise.resolve(loudnessModel()), hooks());
    expect(outcome.kind === 'done' && outcome.windows.map((w) => [w.startSeconds, w.endSeconds, w.cryProbability])).toEqual([[0, 1, 0.9]]);
  });

  it('says why when there are no models', async () => {
    const outcome = await analyseRecording(quietLoudQuiet(8000, [1, 2, 1]), 8000, () => Promise.resolve({ unavailable: 'no models here' }), hooks());
    expect(outcome).toEqual({ kind: 'error', code: 'no-models', message: 'no models here' });
  });

  it('stops when cancelled', async () => {
    const model = loudnessModel();
    const h = hooks(3);
    const outcome = await analyseRecording(quietLoudQuiet(48_000, [20, 20, 20]), 48_000, () => Promise.resolve(model), h);
    expect(outcome).toEqual({ kind: 'cancelled' });
    expect(model.frameCounts).toHaveLength(0);
  });
});
