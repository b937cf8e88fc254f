/**
 * The training corpora (see ../shared/data/README.md): an index of every clip with the group it
 * must be split by, and its audio decoded, mixed to mono and resampled to the model rate.
 *
 * Groups — never split across folds:
 * - donateacry: `install_id` (one app installation ≈ one family / baby; sessions nest inside it);
 * - background esc: `source` (the Freesound recording several 5 s clips were cut from);
 * - background speech / nonverbal: `source` (the speaker).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AUDIO_FEATURES } from '../../src/features/audio-config.ts';
import { loopToLength } from '../../src/features/loop-to-length.ts';
import { resample } from '../../src/features/dsp/index.ts';
import { isNeed, type Need } from '../../src/domain/needs.ts';
import { parseCsvRecords } from './csv.ts';
import { createRandom, shuffled } from './random.ts';
import { decodeWav } from './wav.ts';

/** Default data folder, relative to the repository root. */
export const DEFAULT_DATA_DIR = '../shared/data';

export type CorpusName = 'donateacry' | 'esc-cry' | 'esc-noise' | 'speech' | 'nonverbal';

export interface AudioItem {
  /** Absolute path of the WAV file. */
  path: string;
  /** Path relative to the data folder: a stable id for reports and caches. */
  id: string;
  corpus: CorpusName;
  /** Split unit, prefixed by its kind so ids from different corpora never collide. */
  group: string;
  /** Donate-a-Cry session (same install, clips under 10 minutes apart). */
  session?: string;
  isCry: boolean;
  /** The parent-given need (Donate-a-Cry `class4`); absent for other corpora. */
  need?: Need;
  /** Recording platform (Donate-a-Cry: ios / android), for the codec-shortcut check. */
  platform?: string;
  /** Finer label: Donate-a-Cry label, ESC-50 class, "spoken_digit" or a nonverbal class. */
  category: string;
  licence: string;
}

const DONATEACRY_LICENCE = 'ODbL 1.0 (database) + DbCL 1.0 (contents), Donate-a-Cry corpus';

function readCsv(path: string, required: readonly string[]): Array<Record<string, string>> {
  if (!existsSync(path)) throw new Error(`${path} not found: is the data folder right? (expected the layout of ../shared/data/README.md)`);
  return parseCsvRecords(readFileSync(path, 'utf8'), path, required);
}

function field(record: Record<string, string>, name: string, path: string, row: number): string {
  const value = record[name]?.trim() ?? '';
  if (value === '') throw new Error(`${path}: row ${row + 2} has an empty ${name}`);
  return value;
}

/** Reads donateacry/metadata.csv. Clips whose class4 is not one of the four needs are rejected loudly. */
export function loadDonateACry(dataDir: string): AudioItem[] {
  const folder = resolve(dataDir, 'donateacry');
  const csvPath = join(folder, 'metadata.csv');
  return readCsv(csvPath, ['file', 'label', 'class4', 'install_id', 'platform', 'session_id']).map((record, row) => {
    const need = field(record, 'class4', csvPath, row);
    if (!isNeed(need)) throw new Error(`${csvPath}: row ${row + 2} has class4 "${need}", not one of the four needs`);
    const file = field(record, 'file', csvPath, row);
    return {
      path: join(folder, file),
      id: `donateacry/${file}`,
      corpus: 'donateacry',
      group: `install:${field(record, 'install_id', csvPath, row)}`,
      session: `session:${field(record, 'session_id', csvPath, row)}`,
      isCry: true,
      need,
      platform: field(record, 'platform', csvPath, row),
      category: field(record, 'label', csvPath, row),
      licence: DONATEACRY_LICENCE,
    };
  });
}

const BACKGROUND_CORPUS: Record<string, CorpusName> = { cry: 'esc-cry', noise: 'esc-noise', speech: 'speech', nonverbal: 'nonverbal' };

/** Reads background/metadata.csv (ESC-50 cries and noise, spoken digits, adult nonverbal sounds). */
export function loadBackground(dataDir: string): AudioItem[] {
  const folder = resolve(dataDir, 'background');
  const csvPath = join(folder, 'metadata.csv');
  return readCsv(csvPath, ['file', 'kind', 'category', 'source', 'license']).map((record, row) => {
    const kind = field(record, 'kind', csvPath, row);
    const corpus = BACKGROUND_CORPUS[kind];
    if (corpus === undefined) throw new Error(`${csvPath}: row ${row + 2} has unknown kind "${kind}"`);
    const file = field(record, 'file', csvPath, row);
    return {
      path: join(folder, file),
      id: `background/${file}`,
      corpus,
      group: `source:${field(record, 'source', csvPath, row)}`,
      isCry: kind === 'cry',
      category: field(record, 'category', csvPath, row),
      licence: field(record, 'license', csvPath, row),
    };
  });
}

/** Every corpus in the data folder; fails with the missing file's path if the folder is wrong. */
export function loadCorpusIndex(dataDir: string = DEFAULT_DATA_DIR): AudioItem[] {
  const items = [...loadDonateACry(dataDir), ...loadBackground(dataDir)];
  const missing = items.filter((item) => !existsSync(item.path));
  if (missing.length > 0) {
    const shown = missing.slice(0, 3).map((m) => m.path).join(', ');
    throw new Error(`${missing.length} audio file(s) listed in the metadata are missing, e.g. ${shown}`);
  }
  return items;
}

export interface LoadAudioOptions {
  /** Folder for decoded + resampled audio (raw float32); null disables the cache. */
  cacheDir?: string | null;
  /** Output rate in hertz (default: the model rate). */
  sampleRateHz?: number;
}

/** Bumped when decoding or resampling changes, so stale cache entries are never read. */
const CACHE_VERSION = 1;
export const DEFAULT_CACHE_DIR = '.cache/audio';

function cacheKey(path: string, sampleRateHz: number): string {
  const stats = statSync(path);
  return createHash('sha1').update(`${CACHE_VERSION}|${resolve(path)}|${stats.size}|${stats.mtimeMs}|${sampleRateHz}`).digest('hex');
}

/**
 * Decodes a WAV file to mono and resamples it to the model rate (anti-aliased, so 16 kHz
 * sources lose everything above 4 kHz exactly as the 8 kHz cry corpus did). Cached on disk.
 */
export function loadAudio(path: string, options: LoadAudioOptions = {}): Float32Array {
  const rate = options.sampleRateHz ?? AUDIO_FEATURES.sampleRateHz;
  const cacheDir = options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir;
  const cachePath = cacheDir === null ? null : join(cacheDir, `${cacheKey(path, rate)}.f32`);
  if (cachePath !== null && existsSync(cachePath)) {
    const bytes = readFileSync(cachePath);
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  const decoded = decodeWav(new Uint8Array(readFileSync(path)), path);
  const samples = decoded.sampleRateHz === rate ? decoded.samples : resample(decoded.samples, decoded.sampleRateHz, rate);
  if (cachePath !== null && cacheDir !== null) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cachePath, new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
  }
  return samples;
}

/** A clip made of one or more source clips of the same group, with their audio. */
export interface JoinedClip {
  /** Ids of the source clips, in playing order. */
  ids: string[];
  group: string;
  samples: Float32Array;
}

/**
 * Turns clips shorter than `minSamples` into longer ones by joining clips of the same group
 * (speaker) end to end — e.g. spoken digits become a spoken number sequence — so a 2 s window
 * holds real sound, never zero padding. Long clips pass through alone. A group's leftover that
 * is still too short is looped. Seeded: the joining order depends only on the seed.
 */
export function joinShortClips(clips: ReadonlyArray<{ id: string; group: string; samples: Float32Array }>, minSamples: number, seed: number): JoinedClip[] {
  const random = createRandom(seed);
  const out: JoinedClip[] = [];
  const shortByGroup = new Map<string, Array<{ id: string; samples: Float32Array }>>();
  for (const clip of clips) {
    if (clip.samples.length >= minSamples) {
      out.push({ ids: [clip.id], group: clip.group, samples: clip.samples });
    } else if (clip.samples.length > 0) {
      const list = shortByGroup.get(clip.group) ?? [];
      list.push({ id: clip.id, samples: clip.samples });
      shortByGroup.set(clip.group, list);
    }
  }
  for (const group of [...shortByGroup.keys()].sort()) {
    let pending: Array<{ id: string; samples: Float32Array }> = [];
    let pendingLength = 0;
    const flush = (): void => {
      const joined = new Float32Array(pendingLength);
      let offset = 0;
      for (const part of pending) {
        joined.set(part.samples, offset);
        offset += part.samples.length;
      }
      out.push({ ids: pending.map((p) => p.id), group, samples: joined.length < minSamples ? loopToLength(joined, minSamples) : joined });
      pending = [];
      pendingLength = 0;
    };
    for (const clip of shuffled(random, shortByGroup.get(group) ?? [])) {
      pending.push(clip);
      pendingLength += clip.samples.length;
      if (pendingLength >= minSamples) flush();
    }
    if (pending.length > 0) flush();
  }
  return out;
}

/** Number of items per value of a key (for reports and sanity checks). */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
