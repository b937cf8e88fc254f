import { describe, expect, it } from 'vitest';
import { checkRecordingFile, DECODE_SAMPLE_RATE_HZ, decodeRateHz, MAX_RECORDING_FILE_BYTES } from './recording-file.ts';

describe('checkRecordingFile', () => {
  it('accepts audio and video files, and known endings without a type', () => {
    expect(checkRecordingFile({ name: 'cry.wav', size: 1000, type: 'audio/wav' })).toBeNull();
    expect(checkRecordingFile({ name: 'clip.mp4', size: 1000, type: 'video/mp4' })).toBeNull();
    expect(checkRecordingFile({ name: 'Voice memo.M4A', size: 1000, type: '' })).toBeNull();
  });

  it('rejects an empty file', () => {
    expect(checkRecordingFile({ name: 'cry.wav', size: 0, type: 'audio/wav' })?.code).toBe('empty');
  });

  it('rejects a file too large to decode, saying the size', () => {
    const error = checkRecordingFile({ name: 'night.wav', size: MAX_RECORDING_FILE_BYTES + 1, type: 'audio/wav' });
    expect(error?.code).toBe('too-large');
    expect(error?.message).toContain('200 MB');
  });

  it('rejects files that are not recordings, naming what they are', () => {
    const pdf = checkRecordingFile({ name: 'notes.pdf', size: 10, type: 'application/pdf' });
    expect(pdf?.code).toBe('unsupported-type');
    expect(pdf?.message).toContain('application/pdf');
    expect(checkRecordingFile({ name: 'data.xyz', size: 10, type: '' })?.message).toContain('.xyz');
  });
});

describe('decodeRateHz', () => {
  it("decodes a WAV at its own rate, so only our resampler runs, as in training", () => {
    expect(decodeRateHz({ sampleRateHz: 48_000, channels: 1, durationSeconds: 60 })).toBe(48_000);
    expect(decodeRateHz({ sampleRateHz: 44_100, channels: 2, durationSeconds: 600 })).toBe(44_100);
    expect(decodeRateHz({ sampleRateHz: 8_000, channels: 1, durationSeconds: 3600 })).toBe(8_000);
  });

  it('falls back to the fixed rate for non-WAV files, rates a context refuses, and WAVs too long to hold', () => {
    expect(decodeRateHz(null)).toBe(DECODE_SAMPLE_RATE_HZ);
    expect(decodeRateHz({ sampleRateHz: 192_000, channels: 1, durationSeconds: 10 })).toBe(DECODE_SAMPLE_RATE_HZ);
    expect(decodeRateHz({ sampleRateHz: 0, channels: 1, durationSeconds: 10 })).toBe(DECODE_SAMPLE_RATE_HZ);
    // An hour of 48 kHz stereo is 1.4 GB of float samples.
    expect(decodeRateHz({ sampleRateHz: 48_000, channels: 2, durationSeconds: 3600 })).toBe(DECODE_SAMPLE_RATE_HZ);
  });
});
