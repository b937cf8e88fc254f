import { describe, expect, it } from 'vitest';
import { checkRecordingFile, DECODE_SAMPLE_RATE_HZ, decodeRateHz, MAX_RECORDING_FILE_BYTES } from './recording-file.ts';
import { looksLikeRecording, mp3DurationSeconds } from './container-sniff.ts';

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

describe('a recording is known by its bytes, not only by its reported type', () => {
  const riff = new Uint8Array([...'RIFF'].map((c) => c.charCodeAt(0)).concat([0x24, 0, 0, 0], [...'WAVE'].map((c) => c.charCodeAt(0))));

  it('accepts a valid WAV reported as application/octet-stream', () => {
    expect(checkRecordingFile({ name: 'cry.wav', size: 1000, type: 'application/octet-stream' }, riff)).toBeNull();
  });

  it('still refuses an octet-stream that does not start like a recording', () => {
    const pdf = new Uint8Array([...'%PDF-1.7    '].map((c) => c.charCodeAt(0)));
    expect(checkRecordingFile({ name: 'x.bin', size: 1000, type: 'application/octet-stream' }, pdf)?.code).toBe('unsupported-type');
    expect(looksLikeRecording(pdf)).toBe(false);
  });
});

describe('mp3DurationSeconds', () => {
  /** An MPEG-1 Layer III frame header at 32 kb/s, 44.1 kHz, stereo, after `prefix`. */
  function mp3Start(prefix: number[] = []): Uint8Array {
    return new Uint8Array([...prefix, 0xff, 0xfb, 0x10, 0x00, ...new Array<number>(64).fill(0)]);
  }

  it('estimates a 10-hour 32 kb/s MP3 as 10 hours from its size, before decoding', () => {
    const tenHoursBytes = (10 * 3600 * 32_000) / 8;
    expect(mp3DurationSeconds(mp3Start(), tenHoursBytes)).toBeCloseTo(10 * 3600, 0);
  });

  it('skips an ID3 tag first', () => {
    const tag = [0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 10, ...new Array<number>(10).fill(0)];
    expect(mp3DurationSeconds(mp3Start(tag), 20 + 4000)).toBeCloseTo(1, 1);
  });

  it('is null for bytes that are not an MP3', () => {
    const mp4 = new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0xff, 0xfb, 0x10, 0]);
    expect(mp3DurationSeconds(mp4, 1_000_000)).toBeNull();
  });
});
