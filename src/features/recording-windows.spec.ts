import { describe, expect, it } from 'vitest';
import { AUDIO_FEATURES } from './audio-config.ts';
import { recordingWindowBounds, windowSamplesOf } from './recording-windows.ts';

const RATE = AUDIO_FEATURES.sampleRateHz;
const WINDOW = RATE * 2;

describe('recordingWindowBounds', () => {
  it('places windows like the live monitor: first ends at 2 s, then every 0.5 s', () => {
    const bounds = recordingWindowBounds(RATE * 3);
    expect(bounds.map((b) => b.end / RATE)).toEqual([2, 2.5, 3]);
    expect(bounds.every((b) => b.end - b.start === WINDOW)).toBe(true);
  });

  it('adds a last window ending at the end when the hop does not land on it', () => {
    const bounds = recordingWindowBounds(RATE * 3 + 100);
    expect(bounds.at(-1)).toEqual({ start: RATE * 3 + 100 - WINDOW, end: RATE * 3 + 100 });
    expect(bounds).toHaveLength(4);
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
