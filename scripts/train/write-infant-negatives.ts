/**
 * Writes generated infant-like negatives as WAV files, for `npm run evaluate` (e.g. the held-out
 * proxy family against any model):
 *
 *   node --import tsx scripts/train/write-infant-negatives.ts --out /tmp/proxy [--families infant-laugh] [--per-family 40] [--seconds 5] [--seed 12]
 *
 * Layout: OUT/not_cry/<family>/<i>.wav at the model rate. The default seed differs from training's
 * so even a trained family is evaluated on clips it never saw.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AUDIO_FEATURES } from '../../src/features/audio-config.ts';
import { GENERATED_INFANT_FAMILIES, generateInfantNegatives, INFANT_PROXY_FAMILY, type GeneratedInfantFamily } from '../lib/infant-negatives.ts';
import { encodeWavPcm16 } from '../lib/wav.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    families: { type: 'string', default: INFANT_PROXY_FAMILY },
    'per-family': { type: 'string', default: '40' },
    seconds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '12' },
  },
});
if (values.out === undefined) throw new Error('--out DIR is required');
const families = values.families.split(',').map((f) => f.trim());
const unknown = families.filter((f) => !(GENERATED_INFANT_FAMILIES as readonly string[]).includes(f));
if (unknown.length > 0) throw new Error(`--families: unknown ${unknown.join(', ')}; choose from ${GENERATED_INFANT_FAMILIES.join(', ')}`);
const perFamily = Number(values['per-family']);
const seconds = Number(values.seconds);
const seed = Number(values.seed);
if (!Number.isInteger(perFamily) || perFamily < 1) throw new Error(`--per-family must be a positive integer, got "${values['per-family']}"`);
if (!(seconds > 0)) throw new Error(`--seconds must be positive, got "${values.seconds}"`);
if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, got "${values.seed}"`);

const clips = generateInfantNegatives({ seed, perFamily, seconds, families: families as GeneratedInfantFamily[] });
for (const clip of clips) {
  const dir = join(values.out, 'not_cry', clip.family);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${clip.id.split('/').at(-1) ?? '0'}.wav`), encodeWavPcm16([clip.samples], AUDIO_FEATURES.sampleRateHz));
}
process.stderr.write(`Wrote ${clips.length} clips of ${seconds} s (${families.join(', ')}) to ${values.out}/not_cry/\n`);
