import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeWav, encodeWavPcm16 } from '../../scripts/lib/wav.ts';
import { fixturePath } from './browser.ts';

export const ALERT_LEAD_SILENCE_SECONDS = 4;

function repeatToLength(signal: Float32Array, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let offset = 0; offset < length; offset += signal.length) out.set(signal.subarray(0, Math.min(signal.length, length - offset)), offset);
  return out;
}

/**
 * Silence, then `crySeconds` of the committed 4 s cry looped, then `tailSeconds` of silence:
 * made at test time in the temp folder, so no long WAV is committed.
 */
export function makeCryOfLengthWav(crySeconds: number, tailSeconds: number): string {
  const cry = decodeWav(readFileSync(fixturePath('cry-48k.wav')), 'cry-48k.wav');
  const silence = decodeWav(readFileSync(fixturePath('silence-48k.wav')), 'silence-48k.wav');
  if (cry.sampleRateHz !== silence.sampleRateHz) throw new Error('alert fixtures: cry and silence must share a sample rate');
  const rate = cry.sampleRateHz;
  const parts = [
    repeatToLength(silence.samples, ALERT_LEAD_SILENCE_SECONDS * rate),
    repeatToLength(cry.samples, crySeconds * rate),
    repeatToLength(silence.samples, tailSeconds * rate),
  ];
  const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'crydecode-alert-')), `cry-${crySeconds}s.wav`);
  writeFileSync(file, encodeWavPcm16([all], rate));
  return file;
}
