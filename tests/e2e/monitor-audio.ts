import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeWav, encodeWavPcm16 } from '../../scripts/lib/wav.ts';
import { fixturePath } from './browser.ts';

/**
 * The fake microphone's script for the monitor tests, made at test time by concatenating the
 * committed fixtures (no sox in CI): silence, the 4 s Donate-a-Cry excerpt twice, then silence
 * long enough for the episode to close before Chromium loops the file.
 */
export const LEAD_SILENCE_SECONDS = 4;
export const CRY_REPEATS = 2;
/** Longer than QUIET_GAP_SECONDS (10 s) + smoothing + one 2 s window, with margin. */
export const TRAILING_SILENCE_SECONDS = 18;

function repeatToLength(signal: Float32Array, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let offset = 0; offset < length; offset += signal.length) out.set(signal.subarray(0, Math.min(signal.length, length - offset)), offset);
  return out;
}

export interface CrySequence {
  /** Absolute path of the WAV. */
  file: string;
  /** Seconds from the start of the file to the first cry sample. */
  cryOnsetSeconds: number;
  cryEndSeconds: number;
  totalSeconds: number;
}

export function makeSilenceCrySilenceWav(): CrySequence {
  const cry = decodeWav(readFileSync(fixturePath('cry-48k.wav')), 'cry-48k.wav');
  const silence = decodeWav(readFileSync(fixturePath('silence-48k.wav')), 'silence-48k.wav');
  if (cry.sampleRateHz !== silence.sampleRateHz) throw new Error('monitor fixtures: cry and silence must share a sample rate');
  const rate = cry.sampleRateHz;
  const lead = repeatToLength(silence.samples, LEAD_SILENCE_SECONDS * rate);
  const cries = repeatToLength(cry.samples, cry.samples.length * CRY_REPEATS);
  const tail = repeatToLength(silence.samples, TRAILING_SILENCE_SECONDS * rate);
  const all = new Float32Array(lead.length + cries.length + tail.length);
  all.set(lead);
  all.set(cries, lead.length);
  all.set(tail, lead.length + cries.length);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'crydecode-monitor-')), 'silence-cry-silence.wav');
  writeFileSync(file, encodeWavPcm16([all], rate));
  return {
    file,
    cryOnsetSeconds: lead.length / rate,
    cryEndSeconds: (lead.length + cries.length) / rate,
    totalSeconds: all.length / rate,
  };
}

/** A file named like a WAV that holds no decodable audio. */
export function makeCorruptWav(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'crydecode-corrupt-')), 'corrupt.wav');
  const bytes = Buffer.alloc(4096);
  bytes.write('RIFF', 0, 'ascii');
  for (let i = 4; i < bytes.length; i += 1) bytes[i] = (i * 37) % 251;
  writeFileSync(file, bytes);
  return file;
}
