/**
 * The training corpus as the audio trainer sees it: every clip's log-Mel spectrogram with its
 * split group and labels. Audio comes from scripts/lib/datasets.ts (decoded, 8 kHz, cached).
 *
 * Two choices made here, both against shortcuts:
 * - Short clips (spoken digits, many nonverbal sounds) are joined per speaker or looped, never
 *   zero-padded: a padded window teaches "padding = not a cry" (RESEARCH.md).
 * - Every clip that is not a Donate-a-Cry recording also enters once more through a random
 *   phone-codec-like channel (band-pass, maybe µ-law), in the same group: all Donate-a-Cry cries
 *   went through a phone codec, so without this a detector could learn "codec = cry".
 */
import { AUDIO_FEATURES } from '../../src/features/audio-config.ts';
import { logMelSpectrogram } from '../../src/features/dsp/index.ts';
import type { Need } from '../../src/domain/needs.ts';
import { codecLike } from '../lib/augment.ts';
import { joinShortClips, loadAudio, type AudioItem, type CorpusName } from '../lib/datasets.ts';
import { createRandom, deriveSeed, shuffled } from '../lib/random.ts';
import type { Spectrogram } from './log-mel-augment.ts';

/** 'infant-like': generated baby-like non-cries and household speech (scripts/lib/infant-negatives.ts). */
export type ClipSource = CorpusName | 'synthetic' | 'infant-like';

export interface CorpusClip {
  /** Stable id: the source file(s), plus "#codec" for the codec-channel copy. */
  id: string;
  source: ClipSource;
  /** Split group (install, recording, speaker, synthetic family): never straddles folds. */
  group: string;
  isCry: boolean;
  need?: Need;
  platform?: string;
  /** True for the codec-channel copies (training only: scored clips are the originals). */
  augmentedCopy: boolean;
  spectrogram: Spectrogram;
}

/** Synthetic negatives handed in by the caller (8 kHz audio). */
export interface SyntheticClip {
  id: string;
  /** The generator family, used as the split group. */
  group: string;
  samples: Float32Array;
  /** Reported source (default 'synthetic'). */
  source?: 'synthetic' | 'infant-like';
  /**
   * Also enter once through a phone-codec-like channel, as recorded non-cries do: baby-like
   * negatives must not be told from cries by the codec that every Donate-a-Cry cry went through.
   */
  codecCopy?: boolean;
}

export interface CorpusOptions {
  seed: number;
  /** Caps per background corpus (for --quick runs); undefined keeps everything. */
  maxClipsPerCorpus?: number;
  /** Called with (done, total) while decoding and analysing. */
  onProgress?: (done: number, total: number) => void;
}

const WINDOW_SAMPLES = Math.round(AUDIO_FEATURES.windowSeconds * AUDIO_FEATURES.sampleRateHz);

function spectrogramOf(samples: Float32Array): Spectrogram {
  const { data, frameCount, melBands } = logMelSpectrogram(samples, AUDIO_FEATURES);
  return { data, frames: frameCount, melBands };
}

/** Builds the spectrogram corpus from corpus items (already filtered) and synthetic clips. */
export function buildCorpus(items: readonly AudioItem[], synthetic: readonly SyntheticClip[], options: CorpusOptions): CorpusClip[] {
  const random = createRandom(deriveSeed(options.seed, 'corpus'));
  const byCorpus = new Map<CorpusName, AudioItem[]>();
  for (const item of items) byCorpus.set(item.corpus, [...(byCorpus.get(item.corpus) ?? []), item]);

  const total = items.length + synthetic.length;
  let done = 0;
  const clips: CorpusClip[] = [];
  for (const [corpus, corpusItems] of [...byCorpus.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const capped =
      options.maxClipsPerCorpus !== undefined && corpus !== 'donateacry'
        ? shuffled(random, corpusItems).slice(0, options.maxClipsPerCorpus)
        : corpusItems;
    const byId = new Map(capped.map((item) => [item.id, item]));
    const audio = capped.map((item) => {
      const samples = loadAudio(item.path);
      options.onProgress?.(++done, total);
      return { id: item.id, group: item.group, samples };
    });
    const joined = joinShortClips(audio, WINDOW_SAMPLES, deriveSeed(options.seed, `join:${corpus}`));
    for (const clip of joined) {
      const first = byId.get(clip.ids[0] ?? '');
      if (first === undefined) throw new Error(`corpus: lost track of clip ${clip.ids.join('+')}`);
      const base = {
        source: corpus,
        group: clip.group,
        isCry: first.isCry,
        ...(first.need !== undefined ? { need: first.need } : {}),
        ...(first.platform !== undefined ? { platform: first.platform } : {}),
      };
      const id = clip.ids.join('+');
      clips.push({ ...base, id, augmentedCopy: false, spectrogram: spectrogramOf(clip.samples) });
      if (corpus !== 'donateacry') {
        const channel = codecLike(clip.samples, random, AUDIO_FEATURES.sampleRateHz);
        clips.push({ ...base, id: `${id}#codec`, augmentedCopy: true, spectrogram: spectrogramOf(channel) });
      }
    }
  }
  for (const clip of synthetic) {
    const samples = clip.samples.length < WINDOW_SAMPLES ? joinShortClips([clip], WINDOW_SAMPLES, 0)[0]?.samples : clip.samples;
    if (samples === undefined) throw new Error(`corpus: synthetic clip ${clip.id} is empty`);
    const base = { source: clip.source ?? 'synthetic', group: `synthetic:${clip.group}`, isCry: false } as const;
    clips.push({ ...base, id: clip.id, augmentedCopy: false, spectrogram: spectrogramOf(samples) });
    if (clip.codecCopy === true) {
      clips.push({ ...base, id: `${clip.id}#codec`, augmentedCopy: true, spectrogram: spectrogramOf(codecLike(samples, random, AUDIO_FEATURES.sampleRateHz)) });
    }
    options.onProgress?.(++done, total);
  }
  return clips;
}
