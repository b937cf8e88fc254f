import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWavPcm16, WavDecodeError } from './wav.ts';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

/** Builds a WAV by hand (independently of encodeWavPcm16) from raw little-endian sample bytes. */
function buildWav(opts: {
  formatTag: number;
  channels: number;
  sampleRateHz: number;
  bitsPerSample: number;
  data: Uint8Array;
  extraChunkBeforeData?: boolean;
  declaredDataBytes?: number;
}): Uint8Array {
  const fmt = new Uint8Array(16);
  const fv = new DataView(fmt.buffer);
  const blockAlign = (opts.channels * opts.bitsPerSample) / 8;
  fv.setUint16(0, opts.formatTag, true);
  fv.setUint16(2, opts.channels, true);
  fv.setUint32(4, opts.sampleRateHz, true);
  fv.setUint32(8, opts.sampleRateHz * blockAlign, true);
  fv.setUint16(12, blockAlign, true);
  fv.setUint16(14, opts.bitsPerSample, true);
  const parts: number[] = [];
  const text = (s: string): void => {
    for (const c of s) parts.push(c.charCodeAt(0));
  };
  const u32 = (n: number): void => {
    parts.push(n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255);
  };
  text('RIFF');
  u32(0);
  text('WAVE');
  text('fmt ');
  u32(16);
  parts.push(...fmt);
  if (opts.extraChunkBeforeData === true) {
    text('LIST');
    u32(3); // odd size: one pad byte follows
    parts.push(1, 2, 3, 0);
  }
  text('data');
  u32(opts.declaredDataBytes ?? opts.data.length);
  parts.push(...opts.data);
  return new Uint8Array(parts);
}

function int16Bytes(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setInt16(i * 2, v, true));
  return out;
}

describe('decodeWav on files written by SoX', () => {
  it('reads 24-bit stereo WAVE_FORMAT_EXTENSIBLE and averages channels', () => {
    const decoded = decodeWav(fixture('sox-s24-stereo-11025.wav'));
    expect(decoded.sampleRateHz).toBe(11025);
    expect(decoded.channels).toBe(2);
    const expected = [
      [0, 0],
      [8388607, -8388608],
      [4194304, -4194304],
      [1, -1],
      [100000, -200000],
    ].map(([l, r]) => ((l ?? 0) + (r ?? 0)) / 2 / 8388608);
    expect(Array.from(decoded.samples)).toEqual(expected.map((v) => Math.fround(v)));
  });

  it('reads 64-bit float mono with an 18-byte fmt and a fact chunk', () => {
    const decoded = decodeWav(fixture('sox-f64-mono-44100.wav'));
    expect(decoded.sampleRateHz).toBe(44100);
    expect(Array.from(decoded.samples)).toEqual([0.5, -0.25, 1, -1]);
  });

  it('reads 8-bit unsigned with 3 channels', () => {
    const decoded = decodeWav(fixture('sox-u8-3ch-22050.wav'));
    expect(decoded.channels).toBe(3);
    expect(decoded.samples[0]).toBeCloseTo((0 + 127 / 128 - 1) / 3, 6);
    expect(decoded.samples[1]).toBeCloseTo((0.5 - 0.5 + 0) / 3, 6);
  });

  it('reads G.711 µ-law and A-law, matching what SoX decodes', () => {
    // SoX's own decoding of these files (sox FILE -t s16 -), from source values 0, ±1000, ±8000, ±32000, 123.
    const mulaw = decodeWav(fixture('sox-ulaw-8000.wav'));
    expect(Array.from(mulaw.samples, (v) => Math.round(v * 32768))).toEqual([0, 988, -988, 7932, -7932, 32124, -32124, 120]);
    const alaw = decodeWav(fixture('sox-alaw-8000.wav'));
    expect(Array.from(alaw.samples, (v) => Math.round(v * 32768))).toEqual([8, 1008, -1008, 8064, -8064, 32256, -32256, 120]);
  });
});

describe('decodeWav on hand-built files', () => {
  it('reads 16-bit PCM and skips odd-sized chunks with their pad byte', () => {
    const bytes = buildWav({
      formatTag: 1,
      channels: 1,
      sampleRateHz: 8000,
      bitsPerSample: 16,
      data: int16Bytes([0, 16384, -32768, 32767]),
      extraChunkBeforeData: true,
    });
    const decoded = decodeWav(bytes);
    expect(Array.from(decoded.samples)).toEqual([0, 0.5, -1, 32767 / 32768].map(Math.fround));
  });

  it('reads 32-bit integer and 32-bit float', () => {
    const ints = new Uint8Array(8);
    new DataView(ints.buffer).setInt32(0, 1073741824, true);
    new DataView(ints.buffer).setInt32(4, -2147483648, true);
    expect(Array.from(decodeWav(buildWav({ formatTag: 1, channels: 1, sampleRateHz: 16000, bitsPerSample: 32, data: ints })).samples)).toEqual([0.5, -1]);
    const floats = new Uint8Array(12);
    const fv = new DataView(floats.buffer);
    fv.setFloat32(0, 0.25, true);
    fv.setFloat32(4, 3, true); // out of range: clamped
    fv.setFloat32(8, Number.NaN, true); // not a number: silenced
    expect(Array.from(decodeWav(buildWav({ formatTag: 3, channels: 1, sampleRateHz: 48000, bitsPerSample: 32, data: floats })).samples)).toEqual([0.25, 1, 0]);
  });

  it('accepts a streaming header whose data size was never filled in', () => {
    const bytes = buildWav({ formatTag: 1, channels: 2, sampleRateHz: 8000, bitsPerSample: 16, data: int16Bytes([100, 300, -200, -400]), declaredDataBytes: 0xffffffff });
    expect(Array.from(decodeWav(bytes).samples)).toEqual([200 / 32768, -300 / 32768].map(Math.fround));
    const espeakStyle = buildWav({ formatTag: 1, channels: 1, sampleRateHz: 22050, bitsPerSample: 16, data: int16Bytes([5, 6]), declaredDataBytes: 0x7ffff000 });
    expect(decodeWav(espeakStyle).samples).toHaveLength(2);
  });

  it('names the file and the problem for broken input', () => {
    const good = buildWav({ formatTag: 1, channels: 1, sampleRateHz: 8000, bitsPerSample: 16, data: int16Bytes([1, 2, 3, 4]) });
    expect(() => decodeWav(good.slice(0, good.length - 3), 'baby.wav')).toThrow(/^baby\.wav: truncated/);
    expect(() => decodeWav(new Uint8Array(5), 'tiny.wav')).toThrow(/tiny\.wav: only 5 bytes/);
    expect(() => decodeWav(new TextEncoder().encode('ID3 this is an mp3 file, not a wav!'), 'song.mp3')).toThrow(/song\.mp3: not a WAV file/);
    expect(() => decodeWav(new TextEncoder().encode('RF64\xff\xff\xff\xffWAVEds64'), 'long.wav')).toThrow(/long\.wav: RF64/);
    const adpcm = buildWav({ formatTag: 0x11, channels: 1, sampleRateHz: 8000, bitsPerSample: 16, data: int16Bytes([1]) });
    expect(() => decodeWav(adpcm, 'a.wav')).toThrow(/a\.wav: compressed or unknown WAV encoding \(format code 0x11\)/);
    const bits12 = buildWav({ formatTag: 1, channels: 1, sampleRateHz: 8000, bitsPerSample: 12, data: new Uint8Array(4) });
    expect(() => decodeWav(bits12, 'b.wav')).toThrow(WavDecodeError);
    const empty = buildWav({ formatTag: 1, channels: 1, sampleRateHz: 8000, bitsPerSample: 16, data: new Uint8Array(1), declaredDataBytes: 1 });
    expect(() => decodeWav(empty, 'e.wav')).toThrow(/no complete sample frame/);
    const noData = good.slice(0, 36);
    expect(() => decodeWav(noData, 'n.wav')).toThrow(/no data chunk/);
  });
});

describe('encodeWavPcm16', () => {
  it('round-trips through decodeWav within 16-bit precision and averages stereo', () => {
    const left = Float32Array.from([0, 0.5, -0.5, 1, -1, 0.123]);
    const right = Float32Array.from([0, -0.5, 0.5, 1, -1, 0.123]);
    const decoded = decodeWav(encodeWavPcm16([left, right], 12345));
    expect(decoded.sampleRateHz).toBe(12345);
    expect(decoded.channels).toBe(2);
    const expected = [0, 0, 0, 1, -1, 0.123];
    decoded.samples.forEach((v, i) => expect(Math.abs(v - (expected[i] ?? 0))).toBeLessThan(1 / 32768 + 1e-7));
  });

  it('rejects mismatched channels', () => {
    expect(() => encodeWavPcm16([new Float32Array(2), new Float32Array(3)], 8000)).toThrow(/same length/);
    expect(() => encodeWavPcm16([], 8000)).toThrow(/at least one channel/);
  });
});
