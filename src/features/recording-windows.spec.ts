import { describe, expect, it } from 'vitest';
import { AUDIO_FEATURES } from './audio-config.ts';
import { recordingWindowBounds, windowSamplesOf } from './recording-windows.ts';

const RATE = AUDIO_FEATURES.sampleRateHz;
const WINDOW = RATE * 2;

describe('recordingWindowBounds', () => {
  it('places windows on the one grid: first ends at 2 s, then every 31 frames (3 968 samples, 0.496 s)', () => {
    const bounds = recordingWindowBounds(WINDOW + 2 * 3968);
    expect(bounds.map((b) => b.start)).toEqual([0, 3968, 7936]);
    expect(bounds.every((b) => b.end - b.start === WINDOW)).toBe(true);
  });

  it('adds a last window at the last whole-frame start when the hop does not land on the end', () => {
    const bounds = recordingWindowBounds(RATE * 3 + 100);
    // 24 100 − 16 000 = 8 100 rounds down to the frame grid: 63 × 128 = 8 064.
    expect(bounds.at(-1)).toEqual({ start: 8064, end: 8064 + WINDOW });
    expect(bounds.map((b) => b.start)).toEqual([0, 3968, 7936, 8064]);
    expect(bounds.every((b) => b.start % AUDIO_FEATURES.hopLengthSamples === 0)).toBe(true);
  });

  it('adds no last window when the final start is already the last whole-frame start', () => {
    expect(recordingWindowBounds(WINDOW + 3968 + 127).map((b) => b.start)).toEqual([0, 3968]);
  });

  it('gives one window for a short clip and none for an empty one', () => {
    expect(recordingWindowBounds(RATE)).toEqual([{ start: 0, end: RATE }]);
    expect(recordingWindowBounds(0)).toEqual([]);
  });
});

describe('windowSamplesOf', () => {
  it('returns the window itself when long enough', () => {
    const samples = Float32Array.from({ length: 10 }, (_, i) => i);
    expect(Array.from(windowSamplesOf(samples, { start: 2, end: 6 }, 4))).toEqual([2, 3, 4, 5]);
  });

  it('loops a short clip instead of zero-padding it', () => {
    const samples = Float32Array.from([1, 2, 3]);
    expect(Array.from(windowSamplesOf(samples, { start: 0, end: 3 }, 8))).toEqual([1, 2, 3, 1, 2, 3, 1, 2]);
  });
});
