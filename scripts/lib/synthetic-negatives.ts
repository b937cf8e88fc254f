/**
 * Seeded synthetic NON-cry audio at the model rate, for the cry detector's negatives. Each kind
 * covers a false alarm the recorded negatives miss; GENERATOR_PURPOSE says which. The voiced
 * kinds are the hard negatives: harmonic, pitched like a baby or an adult, formant-shaped like a
 * voice, but with speech- or laughter-like timing instead of a cry's long sustained wails.
 */
import { spawnSync } from 'node:child_process';
import { AUDIO_FEATURES } from '../../src/features/audio-config.ts';
import { resample } from '../../src/features/dsp/index.ts';
import { formantFilter } from './formant-filter.ts';
import { deriveSeed, createRandom, choice, gaussian, uniform, type Random } from './random.ts';
import { decodeWav } from './wav.ts';

export const SYNTHETIC_KINDS = [
  'silence',
  'white-noise',
  'pink-noise',
  'brown-noise',
  'steady-tone',
  'warbling-tone',
  'chirp',
  'melody',
  'chords',
  'voiced-adult',
  'voiced-high',
  'laugh-like',
] as const;
export type SyntheticKind = (typeof SYNTHETIC_KINDS)[number];

/** Why each generator exists: the false alarm it teaches the detector to ignore. */
export const GENERATOR_PURPOSE: Readonly<Record<SyntheticKind, string>> = {
  silence: 'a quiet room: near-silence with faint noise, so silence is never a cry',
  'white-noise': 'fans, hiss, white-noise machines',
  'pink-noise': 'rain, air conditioning, pink-noise sleep machines',
  'brown-noise': 'rumble: traffic, washing machines, brown-noise machines',
  'steady-tone': 'beeps, hums, appliance whine (harmonic but constant)',
  'warbling-tone': 'sirens, alarms, warbling toys (pitched and moving, like a cry, but periodic)',
  chirp: 'sweeps: kettles, toys, electronics',
  melody: 'music boxes, lullabies, toy melodies (discrete notes)',
  chords: 'music from a radio or TV (several pitches at once)',
  'voiced-adult': 'adult speech-like voicing: f0 85–220 Hz, formants, syllable rhythm (hard negative)',
  'voiced-high': 'high-pitched talking or baby talk: f0 250–500 Hz, syllable rhythm (hard negative)',
  'laugh-like': 'laughter-like "ha-ha" bursts at 4–6 Hz, high pitch, breathy (hard negative)',
};

/** Output level range in dBFS RMS: quiet to loud, so level alone says nothing. */
const LEVEL_DBFS: readonly [number, number] = [-40, -15];
/** Level of the "silence" kind in dBFS RMS: a quiet room through a phone microphone. */
const SILENCE_DBFS: readonly [number, number] = [-75, -55];
/** Voss–McCartney rows: enough for a 1/f slope over the audible octaves at 8 kHz. */
const PINK_ROWS = 12;
/** Leak of the brown-noise integrator per sample (keeps it from drifting off). */
const BROWN_LEAK = 0.998;

/** Vowel formants F1–F3 in hertz (adult averages); bandwidths in hertz. */
const VOWELS: ReadonlyArray<readonly [number, number, number]> = [
  [730, 1090, 2440], // a
  [530, 1840, 2480], // e
  [270, 2290, 3010], // i
  [570, 840, 2410], // o
  [300, 870, 2240], // u
  [660, 1720, 2410], // æ
];
const FORMANT_BANDWIDTHS_HZ: readonly [number, number, number] = [80, 100, 150];

/** `x` at `dbfs` RMS, never clipped (peak at most 0.99). */
export function scaleToDbfs(x: Float32Array, dbfs: number): Float32Array {
  let sum = 0;
  for (const v of x) sum += v * v;
  const current = Math.sqrt(sum / Math.max(1, x.length));
  if (current === 0) return x;
  const gain = 10 ** (dbfs / 20) / current;
  let peak = 0;
  for (const v of x) peak = Math.max(peak, Math.abs(v * gain));
  // Never clip: a clipped negative would teach "distortion = not a cry".
  const limit = peak > 0.99 ? 0.99 / peak : 1;
  return x.map((v) => v * gain * limit);
}

function whiteNoise(random: Random, n: number): Float32Array {
  return new Float32Array(n).map(() => gaussian(random));
}

function pinkNoise(random: Random, n: number): Float32Array {
  const rows = new Float64Array(PINK_ROWS).map(() => gaussian(random));
  let sum = rows.reduce((s, v) => s + v, 0);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    // Row k is refreshed every 2^k samples: the trailing-zero count of i picks it.
    const k = i === 0 ? 0 : Math.min(PINK_ROWS - 1, 31 - Math.clz32(i & -i));
    const fresh = gaussian(random);
    sum += fresh - (rows[k] ?? 0);
    rows[k] = fresh;
    out[i] = sum + gaussian(random);
  }
  return out;
}

function brownNoise(random: Random, n: number): Float32Array {
  let y = 0;
  return new Float32Array(n).map(() => (y = BROWN_LEAK * y + gaussian(random)));
}

/** Sum of harmonics of a time-varying f0 (hertz per sample), band-limited below Nyquist. */
function harmonicTone(f0: Float64Array, sampleRateHz: number, rolloffPower: number, maxHarmonics = 60): Float32Array {
  const out = new Float32Array(f0.length);
  let phase = 0;
  const nyquist = sampleRateHz / 2;
  for (let i = 0; i < f0.length; i++) {
    const f = f0[i] ?? 0;
    phase += (2 * Math.PI * f) / sampleRateHz;
    if (phase > 2 * Math.PI * 1e6) phase -= 2 * Math.PI * 1e6;
    let v = 0;
    const count = Math.min(maxHarmonics, Math.floor((nyquist * 0.95) / Math.max(f, 1)));
    for (let h = 1; h <= count; h++) v += Math.sin(h * phase) / h ** rolloffPower;
    out[i] = v;
  }
  return out;
}

/** Raised-cosine attack/release envelope of `length` samples. */
function envelope(length: number, rampSamples: number): Float64Array {
  const ramp = Math.max(1, Math.min(rampSamples, Math.floor(length / 2)));
  return new Float64Array(length).map((_, i) => {
    if (i < ramp) return 0.5 - 0.5 * Math.cos((Math.PI * i) / ramp);
    if (i >= length - ramp) return 0.5 - 0.5 * Math.cos((Math.PI * (length - 1 - i)) / ramp);
    return 1;
  });
}

/**
 * Speech-like voicing: syllables of 80–260 ms with 30–150 ms gaps (3–7 syllables/s), each with
 * its own vowel and a gently falling f0 — the rhythm of talking, not of crying.
 */
function voiced(random: Random, n: number, rate: number, f0Range: readonly [number, number], formantScale: number, syllableMs: readonly [number, number], gapMs: readonly [number, number], breathiness: number): Float32Array {
  const out = new Float32Array(n);
  const base = uniform(random, ...f0Range);
  let position = Math.floor(uniform(random, 0, gapMs[1]) * (rate / 1000));
  while (position < n) {
    const length = Math.floor(uniform(random, ...syllableMs) * (rate / 1000));
    const start = base * uniform(random, 0.85, 1.2);
    const end = start * uniform(random, 0.8, 1.05);
    const f0 = new Float64Array(length).map((_, i) => Math.max(f0Range[0] * 0.7, start + ((end - start) * i) / length));
    const source = harmonicTone(f0, rate, 1.5);
    const noisy = source.map((v) => v + breathiness * gaussian(random));
    const vowel = choice(random, VOWELS);
    const shaped = formantFilter(noisy, vowel.map((f) => f * formantScale), FORMANT_BANDWIDTHS_HZ, 150, rate);
    const env = envelope(length, Math.floor(0.02 * rate));
    for (let i = 0; i < length && position + i < n; i++) out[position + i] = (shaped[i] ?? 0) * (env[i] ?? 0);
    position += length + Math.floor(uniform(random, ...gapMs) * (rate / 1000));
  }
  return out;
}

/** Equal-tempered pitch in hertz of a MIDI note number. */
function midiToHz(note: number): number {
  return 440 * 2 ** ((note - 69) / 12);
}

const MAJOR_PENTATONIC = [0, 2, 4, 7, 9] as const;

function melody(random: Random, n: number, rate: number): Float32Array {
  const out = new Float32Array(n);
  const root = 60 + Math.floor(uniform(random, -5, 12));
  let position = 0;
  while (position < n) {
    const length = Math.floor(uniform(random, 0.15, 0.5) * rate);
    const note = root + choice(random, MAJOR_PENTATONIC) + 12 * Math.floor(uniform(random, 0, 2));
    const tone = harmonicTone(new Float64Array(length).fill(midiToHz(note)), rate, 2, 8);
    for (let i = 0; i < length && position + i < n; i++) out[position + i] = (tone[i] ?? 0) * Math.exp((-3 * i) / length);
    position += length;
  }
  return out;
}

function chords(random: Random, n: number, rate: number): Float32Array {
  const out = new Float32Array(n);
  let position = 0;
  while (position < n) {
    const length = Math.floor(uniform(random, 0.5, 1.2) * rate);
    const root = 48 + Math.floor(uniform(random, 0, 12));
    const minor = random() < 0.5;
    const notes = [root, root + (minor ? 3 : 4), root + 7, root + 12];
    const env = envelope(length, Math.floor(0.03 * rate));
    for (const note of notes) {
      const tone = harmonicTone(new Float64Array(length).fill(midiToHz(note)), rate, 2, 6);
      for (let i = 0; i < length && position + i < n; i++) out[position + i] = (out[position + i] ?? 0) + (tone[i] ?? 0) * (env[i] ?? 0);
    }
    position += length;
  }
  return out;
}

/** Raw (unscaled) signal of one kind, `n` samples at `rate` hertz. */
function rawSignal(kind: SyntheticKind, random: Random, n: number, rate: number): Float32Array {
  switch (kind) {
    case 'silence':
    case 'white-noise':
      return whiteNoise(random, n);
    case 'pink-noise':
      return pinkNoise(random, n);
    case 'brown-noise':
      return brownNoise(random, n);
    case 'steady-tone': {
      const f = uniform(random, 80, 3000);
      return harmonicTone(new Float64Array(n).fill(f), rate, uniform(random, 1, 3), Math.floor(uniform(random, 1, 6)));
    }
    case 'warbling-tone': {
      const centre = uniform(random, 300, 1500);
      const depth = uniform(random, 0.05, 0.3);
      const rateHz = uniform(random, 0.5, 8);
      const f0 = new Float64Array(n).map((_, i) => centre * (1 + depth * Math.sin((2 * Math.PI * rateHz * i) / rate)));
      return harmonicTone(f0, rate, 1.5, 5);
    }
    case 'chirp': {
      const from = uniform(random, 100, 3500);
      const to = uniform(random, 100, 3500);
      const f0 = new Float64Array(n).map((_, i) => from * (to / from) ** (i / n));
      return harmonicTone(f0, rate, 2, 3);
    }
    case 'melody':
      return melody(random, n, rate);
    case 'chords':
      return chords(random, n, rate);
    case 'voiced-adult':
      return voiced(random, n, rate, [85, 220], 1, [80, 260], [30, 150], 0.05);
    case 'voiced-high':
      return voiced(random, n, rate, [250, 500], 1.15, [80, 260], [30, 150], 0.05);
    case 'laugh-like':
      return voiced(random, n, rate, [250, 500], 1.15, [60, 120], [80, 150], 0.5);
  }
}

/**
 * One synthetic clip of a kind, scaled to a random level (never clipped).
 * @param lengthSamples length in samples at sampleRateHz
 */
export function synthesize(kind: SyntheticKind, random: Random, lengthSamples: number, sampleRateHz: number = AUDIO_FEATURES.sampleRateHz): Float32Array {
  const raw = rawSignal(kind, random, lengthSamples, sampleRateHz);
  const level = kind === 'silence' ? uniform(random, ...SILENCE_DBFS) : uniform(random, ...LEVEL_DBFS);
  return scaleToDbfs(raw, level);
}

export interface SyntheticClip {
  id: string;
  kind: SyntheticKind | 'espeak-speech';
  /** Split group: each generated clip is its own; espeak clips are grouped by voice. */
  group: string;
  samples: Float32Array;
}

/**
 * `perKind` clips of every kind, `seconds` long each. Each clip has its own derived seed, so
 * adding kinds or clips never changes the others.
 */
export function generateSyntheticNegatives(options: { seed: number; perKind: number; seconds: number; sampleRateHz?: number; kinds?: readonly SyntheticKind[] }): SyntheticClip[] {
  const rate = options.sampleRateHz ?? AUDIO_FEATURES.sampleRateHz;
  const n = Math.round(options.seconds * rate);
  const clips: SyntheticClip[] = [];
  for (const kind of options.kinds ?? SYNTHETIC_KINDS) {
    for (let i = 0; i < options.perKind; i++) {
      const id = `synthetic/${kind}/${i}`;
      clips.push({ id, kind, group: `synthetic:${kind}:${i}`, samples: synthesize(kind, createRandom(deriveSeed(options.seed, id)), n, rate) });
    }
  }
  return clips;
}

/** Fixed sentences: the kind of talk heard around a baby, for speech negatives. */
export const ESPEAK_SENTENCES: readonly string[] = [
  'Good morning, sweetheart, did you sleep well?',
  'Who is a happy baby? Yes you are!',
  'Can you pass me the bottle, please?',
  'Shh, shh, it is all right, mummy is here.',
  'Peekaboo! Where did daddy go? Here he is!',
  'We need to buy more nappies tomorrow.',
  'Look at the little duck, quack quack quack.',
  'The weather is lovely today, shall we go for a walk?',
  'One, two, three, four, five, once I caught a fish alive.',
  'Oh no, what happened? Let me see.',
  'Time for your bath, then a story and bed.',
  'Hello grandma, she is just waking up now.',
];

/** Voices × pitch settings (0–99): adult male, female, and high-pitched "baby talk". */
export const ESPEAK_VOICES: readonly string[] = ['en-us', 'en-gb+f3', 'en-us+f4', 'en-gb-scotland+m3', 'en-029+f2'];
export const ESPEAK_PITCHES: readonly number[] = [35, 65, 99];
/** Words per minute: normal and lively speech. */
const ESPEAK_SPEED_WPM = 165;

/** True when the `espeak-ng` program can be run. */
export function espeakAvailable(): boolean {
  const result = spawnSync('espeak-ng', ['--version'], { encoding: 'utf8' });
  return result.error === undefined && result.status === 0;
}

/**
 * Synthesized speech (fixed sentences × voices × pitches, deterministic) resampled to the model
 * rate, or [] with a logged notice when espeak-ng is not installed. Grouped by voice, so one
 * synthetic "speaker" never straddles folds.
 */
export function synthesizeEspeakSpeech(options: { sampleRateHz?: number; log?: (message: string) => void } = {}): SyntheticClip[] {
  const rate = options.sampleRateHz ?? AUDIO_FEATURES.sampleRateHz;
  const log = options.log ?? ((message: string) => console.error(message));
  if (!espeakAvailable()) {
    log('espeak-ng not found on PATH: skipping synthesized speech negatives (install it with `apt-get install espeak-ng`).');
    return [];
  }
  const clips: SyntheticClip[] = [];
  for (const voice of ESPEAK_VOICES) {
    for (const pitch of ESPEAK_PITCHES) {
      ESPEAK_SENTENCES.forEach((sentence, s) => {
        const result = spawnSync('espeak-ng', ['-v', voice, '-p', String(pitch), '-s', String(ESPEAK_SPEED_WPM), '--stdout', sentence], { maxBuffer: 64 * 1024 * 1024 });
        if (result.error !== undefined || result.status !== 0) {
          log(`espeak-ng failed for voice ${voice}, pitch ${pitch}: ${result.error?.message ?? result.stderr.toString()}`);
          return;
        }
        const id = `espeak/${voice}/p${pitch}/${s}`;
        const decoded = decodeWav(new Uint8Array(result.stdout), id);
        clips.push({ id, kind: 'espeak-speech', group: `espeak:${voice}`, samples: resample(decoded.samples, decoded.sampleRateHz, rate) });
      });
    }
  }
  return clips;
}
