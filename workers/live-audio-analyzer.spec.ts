import { describe, expect, it } from 'vitest';
import { AUDIO_FEATURES } from '../src/features/audio-config.ts';
import { logMelSpectrogram, resample } from '../src/features/dsp/index.ts';
import { createLiveAudioAnalyzer, type SpectrogramUpdate } from './live-audio-analyzer.ts';

const INPUT_RATE_HZ = 48_000;
const CHUNK_SAMPLES = 2048;

/** A 440 Hz tone with a slow amplitude swell, so frames differ from one another. */
function testSignal(seconds: number, rateHz: number): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * rateHz) }, (_, n) => {
    const t = n / rateHz;
    return 0.3 * (0.5 + 0.5 * Math.sin(2 * Math.PI * 1.3 * t)) * Math.sin(2 * Math.PI * 440 * t);
  });
}

/** Feeds `signal` in chunks; `displayAt(seconds)` says whether the display is on from that chunk on. */
function runLive(signal: Float32Array, displayAt: (seconds: number) => boolean = () => true) {
  const updates: SpectrogramUpdate[] = [];
  const windows: { samples: Float32Array; endTimeSeconds: number }[] = [];
  const analyzer = createLiveAudioAnalyzer(INPUT_RATE_HZ, {
    spectrogram: (update) => updates.push(update),
    window: (samples, endTimeSeconds) => windows.push({ samples, endTimeSeconds }),
  });
  for (let start = 0; start < signal.length; start += CHUNK_SAMPLES) {
    analyzer.setDisplay(displayAt(start / INPUT_RATE_HZ));
    analyzer.push(signal.slice(start, start + CHUNK_SAMPLES));
  }
  return { updates, windows };
}

describe('createLiveAudioAnalyzer', () => {
  const signal = testSignal(3.2, INPUT_RATE_HZ);
  const { updates, windows } = runLive(signal);

  it('streams the same log-Mel frames a batch analysis of the resampled signal gives', () => {
    const frames = updates.flatMap((update) => Array.from(update.frames));
    const streamedFrameCount = updates.reduce((total, update) => total + update.frameCount, 0);
    const batch = logMelSpectrogram(resample(signal, INPUT_RATE_HZ, AUDIO_FEATURES.sampleRateHz));
    expect(streamedFrameCount).toBeGreaterThan(batch.frameCount - 10);
    expect(frames.length).toBe(streamedFrameCount * AUDIO_FEATURES.melBands);
    const comparable = batch.data.subarray(0, frames.length);
    let worstDb = 0;
    for (let i = 0; i < frames.length; i++) worstDb = Math.max(worstDb, Math.abs(frames[i]! - comparable[i]!));
    expect(worstDb).toBe(0);
  });

  it('updates the display 10–20 times per second of audio, with the level of that audio', () => {
    const seconds = updates.at(-1)!.timeSeconds;
    expect(updates.length / seconds).toBeGreaterThanOrEqual(10);
    expect(updates.length / seconds).toBeLessThanOrEqual(20);
    // The tone's RMS swells between 0 and 0.3/√2 (≈ −13 dBFS).
    for (const update of updates) expect(update.levelDbfs).toBeLessThan(-12);
    expect(Math.max(...updates.map((update) => update.levelDbfs))).toBeGreaterThan(-16);
  });

  it('hands over the latest 2 s window every 0.5 s once 2 s have been heard', () => {
    const windowSamples = AUDIO_FEATURES.windowSeconds * AUDIO_FEATURES.sampleRateHz;
    expect(windows.length).toBe(3); // ends near 2.0, 2.5 and 3.0 s of 3.2 s
    windows.forEach((window, k) => {
      expect(window.samples.length).toBe(windowSamples);
      expect(window.endTimeSeconds).toBeGreaterThanOrEqual(AUDIO_FEATURES.windowSeconds + k * AUDIO_FEATURES.windowHopSeconds);
      expect(window.endTimeSeconds).toBeLessThan(AUDIO_FEATURES.windowSeconds + k * AUDIO_FEATURES.windowHopSeconds + 0.05);
    });
    const resampled = resample(signal, INPUT_RATE_HZ, AUDIO_FEATURES.sampleRateHz);
    const last = windows.at(-1)!;
    const endSample = Math.round(last.endTimeSeconds * AUDIO_FEATURES.sampleRateHz);
    const expected = resampled.subarray(endSample - windowSamples, endSample);
    let worst = 0;
    for (let i = 0; i < windowSamples; i++) worst = Math.max(worst, Math.abs(last.samples[i]! - expected[i]!));
    expect(worst).toBe(0);
  });

  it('reports silence at the floor level', () => {
    const silent = runLive(new Float32Array(INPUT_RATE_HZ));
    expect(silent.updates.length).toBeGreaterThan(0);
    for (const update of silent.updates) {
      expect(update.levelDbfs).toBeLessThanOrEqual(-120);
      expect(update.frames.every((value) => value === AUDIO_FEATURES.logFloorDb)).toBe(true);
    }
  });

  describe('with the display off (screen dark, panel closed)', () => {
    const long = testSignal(6.4, INPUT_RATE_HZ);
    const all = runLive(long);
    // Off from 1 s to 5 s of audio, on before and after.
    const dark = runLive(long, (seconds) => seconds < 1 || seconds >= 5);
    const inDark = dark.updates.filter((update) => update.timeSeconds > 1.2 && update.timeSeconds < 5);

    it('sends no spectrogram frames, only the level about once a second', () => {
      expect(inDark.length).toBeGreaterThanOrEqual(3);
      expect(inDark.length).toBeLessThanOrEqual(5);
      for (const update of inDark) {
        expect(update.frameCount).toBe(0);
        expect(update.frames.length).toBe(0);
        expect(update.skippedFrameCount).toBeGreaterThan(0);
        expect(update.levelDbfs).toBeLessThan(-12);
      }
    });

    it('still counts every frame, and the frames flow again once the display is back on', () => {
      // At every update, the frames counted so far are all the whole frames in the audio analysed so far.
      const { frameLengthSamples, hopLengthSamples, sampleRateHz } = AUDIO_FEATURES;
      let counted = 0;
      for (const update of dark.updates) {
        counted += update.frameCount + update.skippedFrameCount;
        const analysed = Math.round(update.timeSeconds * sampleRateHz);
        expect(counted).toBe(1 + Math.floor((analysed - frameLengthSamples) / hopLengthSamples));
      }
      const after = dark.updates.filter((update) => update.timeSeconds > 5.2);
      expect(after.length).toBeGreaterThan(10);
      for (const update of after) expect(update.frames.length).toBe(update.frameCount * AUDIO_FEATURES.melBands);
      expect(after.every((update) => update.frameCount > 0)).toBe(true);
    });

    it('hands the models the very same windows', () => {
      expect(dark.windows.map((w) => w.endTimeSeconds)).toEqual(all.windows.map((w) => w.endTimeSeconds));
      dark.windows.forEach((window, k) => expect(window.samples).toEqual(all.windows[k]!.samples));
    });
  });
});
