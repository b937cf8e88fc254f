import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GENERATED_INFANT_FAMILIES, generateInfantNegatives, INFANT_PROXY_FAMILY } from '../../scripts/lib/infant-negatives.ts';
import { decodeWav, encodeWavPcm16 } from '../../scripts/lib/wav.ts';
import { fixturePath } from './browser.ts';

/** The fake microphone's rate, as the committed fixtures. */
const RATE = 48_000;
export const LAUGH_LEAD_SECONDS = 4;
export const LAUGH_SECONDS = 6;
/** Longer than the 10 s quiet gap + smoothing, so each laugh is its own episode. */
export const LAUGH_GAP_SECONDS = 16;

/** Where laugh `i` (0-based) starts and ends in the file, in seconds. */
export function laughSpan(i: number): { start: number; end: number } {
  const start = LAUGH_LEAD_SECONDS + i * (LAUGH_SECONDS + LAUGH_GAP_SECONDS);
  return { start, end: start + LAUGH_SECONDS };
}

/**
 * Silence, then `count` laugh-like clips of the generator family kept out of training
 * (INFANT_PROXY_FAMILY, each its own seed: the same kind of sound, never the same audio), each
 * followed by silence, then `tailSeconds` more: made at test time, nothing committed.
 */
export function makeLaughsWav(count: number, tailSeconds: number, seed = 20261202): string {
  const proxy = GENERATED_INFANT_FAMILIES.find((family) => family === INFANT_PROXY_FAMILY);
  if (proxy === undefined) throw new Error(`laugh fixtures: the held-out family ${INFANT_PROXY_FAMILY} is not a generated one`);
  const clips = generateInfantNegatives({ seed, perFamily: count, seconds: LAUGH_SECONDS, families: [proxy], sampleRateHz: RATE });
  if (clips.length !== count) throw new Error(`laugh fixtures: expected ${count} clips, got ${clips.length}`);
  const total = Math.round((laughSpan(count - 1).end + LAUGH_GAP_SECONDS + tailSeconds) * RATE);
  // The committed room-silence recording underneath, not digital zeros (which the app reports as a dead microphone).
  const silence = decodeWav(readFileSync(fixturePath('silence-48k.wav')), 'silence-48k.wav');
  if (silence.sampleRateHz !== RATE) throw new Error('laugh fixtures: the silence fixture must be 48 kHz');
  const all = new Float32Array(total);
  for (let offset = 0; offset < total; offset += silence.samples.length) all.set(silence.samples.subarray(0, Math.min(silence.samples.length, total - offset)), offset);
  clips.forEach((clip, i) => all.set(clip.samples.subarray(0, LAUGH_SECONDS * RATE), Math.round(laughSpan(i).start * RATE)));
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'crydecode-laugh-')), `laughs-${count}.wav`);
  writeFileSync(file, encodeWavPcm16([all], RATE));
  return file;
}
