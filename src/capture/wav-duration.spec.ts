import { describe, expect, it } from 'vitest';
import { wavDurationSeconds, wavHeader } from './wav-duration.ts';

/** A PCM WAV header (plus an optional chunk before 'data') declaring `declaredDataBytes`, followed by `presentDataBytes` zero bytes. */
function wav(options: { sampleRateHz: number; bytesPerSample: number; declaredDataBytes: number; presentDataBytes: number; extraChunk?: string }): ArrayBuffer {
  const extra = options.extraChunk === undefined ? 0 : 8 + options.extraChunk.length + (options.extraChunk.length % 2);
  const buffer = new ArrayBuffer(12 + 24 + extra + 8 + options.presentDataBytes);
  const view = new DataView(buffer);
  const text = (offset: number, value: string): void => {
    for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, buffer.byteLength - 8, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, options.sampleRateHz, true);
  view.setUint32(28, options.sampleRateHz * options.bytesPerSample, true);
  view.setUint16(32, options.bytesPerSample, true);
  view.setUint16(34, options.bytesPerSample * 8, true);
  let offset = 36;
  if (options.extraChunk !== undefined) {
    text(offset, 'LIST');
    view.setUint32(offset + 4, options.extraChunk.length, true);
    text(offset + 8, options.extraChunk);
    offset += extra;
  }
  text(offset, 'data');
  view.setUint32(offset + 4, options.declaredDataBytes, true);
  return buffer;
}

describe('wavDurationSeconds', () => {
  it('reads the duration from the data size and byte rate', () => {
    expect(wavDurationSeconds(wav({ sampleRateHz: 8_000, bytesPerSample: 2, declaredDataBytes: 32_000, presentDataBytes: 32_000 }))).toBe(2);
  });

  it('skips other chunks, odd-sized ones included', () => {
    expect(wavDurationSeconds(wav({ sampleRateHz: 8_000, bytesPerSample: 1, declaredDataBytes: 4_000, presentDataBytes: 4_000, extraChunk: 'odd' }))).toBe(0.5);
  });

  it('counts only the bytes really present in a truncated file', () => {
    expect(wavDurationSeconds(wav({ sampleRateHz: 8_000, bytesPerSample: 2, declaredDataBytes: 0xffff_ffff, presentDataBytes: 16_000 }))).toBe(1);
  });

  it('says zero for a header with no sound after it', () => {
    expect(wavDurationSeconds(wav({ sampleRateHz: 8_000, bytesPerSample: 2, declaredDataBytes: 0, presentDataBytes: 0 }))).toBe(0);
  });

  it('gives up on bytes that are not a readable WAV', () => {
    expect(wavDurationSeconds(new ArrayBuffer(0))).toBeNull();
    expect(wavDurationSeconds(new TextEncoder().encode('\x89PNG\r\n\x1a\n....').buffer)).toBeNull();
    const noFormat = wav({ sampleRateHz: 8_000, bytesPerSample: 2, declaredDataBytes: 10, presentDataBytes: 10 });
    new DataView(noFormat).setUint32(28, 0, true);
    expect(wavDurationSeconds(noFormat)).toBeNull();
  });
});

describe('wavHeader', () => {
  it('reads the rate and channel count the decoder should keep', () => {
    expect(wavHeader(wav({ sampleRateHz: 48_000, bytesPerSample: 2, declaredDataBytes: 96_000, presentDataBytes: 96_000 }))).toEqual({ durationSeconds: 1, sampleRateHz: 48_000, channels: 1 });
    expect(wavHeader(new ArrayBuffer(0))).toBeNull();
  });
});
