/**
 * Builds the training corpus and its folds from the settings alone, so convert-models.ts
 * rebuilds exactly what train-audio.ts trained and scored on.
 */
import { AUDIO_FEATURES } from '../../src/features/audio-config.ts';
import { loadCorpusIndex } from '../lib/datasets.ts';
import { deriveSeed } from '../lib/random.ts';
import { leaveGroupsOut, readGroupListFile, stratifiedGroupKFold } from '../lib/splits.ts';
import { GENERATED_TRAINING_FAMILIES, generateInfantNegatives, INFANT_PROXY_FAMILY, synthesizeHouseholdSpeech } from '../lib/infant-negatives.ts';
import { generateSyntheticNegatives, synthesizeEspeakSpeech } from '../lib/synthetic-negatives.ts';
import { buildCorpus, type CorpusClip } from './corpus.ts';
import type { TrainingSettings } from './training-plan.ts';

/** Full runs: generated clips per synthetic kind, and their length in seconds. */
const SYNTHETIC_PER_KIND = 12;
const QUICK_SYNTHETIC_PER_KIND = 2;
const SYNTHETIC_SECONDS = 4;
/**
 * Infant-like negatives per generated family (babble, coos, squeals, fussing; the laugh family is
 * held out as the proxy test), TV mixtures per sibling voice, and their length. 24 × 4 s per family
 * is about the size of one nonverbal class; together they are one negative source ('infant-like'),
 * so they get the same share of negative draws as each recorded corpus (NEGATIVE_SOURCE_SHARES).
 */
const INFANT_PER_FAMILY = 24;
const QUICK_INFANT_PER_FAMILY = 2;
const TV_PER_VOICE = 6;
const INFANT_SECONDS = 4;
/** --quick keeps this many clips of each background corpus. */
const QUICK_CLIPS_PER_CORPUS = 40;

export interface PreparedCorpus {
  clips: CorpusClip[];
  /** Test fold of each clip (codec copies share their group's fold). */
  foldOfClip: Int32Array;
  excludedInstalls: number;
  synthetic: string;
}

const INSTALL_PREFIX = 'install:';

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function prepareCorpus(settings: TrainingSettings): PreparedCorpus {
  let items = loadCorpusIndex(settings.dataDir);
  let excludedInstalls = 0;
  if (settings.excludeInstallsFile !== null) {
    const listed = readGroupListFile(settings.excludeInstallsFile);
    const asGroups = new Set([...listed].map((id) => (id.startsWith(INSTALL_PREFIX) ? id : `${INSTALL_PREFIX}${id}`)));
    const { kept, excluded, unmatchedGroups } = leaveGroupsOut(items, asGroups, (item) => item.group);
    if (unmatchedGroups.length > 0) {
      throw new Error(`--exclude-installs: ${unmatchedGroups.length} listed install(s) match no clip, e.g. ${unmatchedGroups[0] ?? ''}`);
    }
    excludedInstalls = asGroups.size;
    log(`Leaving out ${excluded.length} clips of ${excludedInstalls} installs.`);
    items = kept;
  }

  const perKind = settings.quick ? QUICK_SYNTHETIC_PER_KIND : SYNTHETIC_PER_KIND;
  const generated = generateSyntheticNegatives({ seed: deriveSeed(settings.seed, 'synthetic'), perKind, seconds: SYNTHETIC_SECONDS });
  const speech = settings.quick ? [] : synthesizeEspeakSpeech({ sampleRateHz: AUDIO_FEATURES.sampleRateHz, log });
  const infantFamilies = GENERATED_TRAINING_FAMILIES;
  const infant = [
    ...generateInfantNegatives({ seed: deriveSeed(settings.seed, 'infant'), perFamily: settings.quick ? QUICK_INFANT_PER_FAMILY : INFANT_PER_FAMILY, seconds: INFANT_SECONDS, families: infantFamilies }),
    ...(settings.quick ? [] : synthesizeHouseholdSpeech({ seed: deriveSeed(settings.seed, 'household'), tvPerVoice: TV_PER_VOICE, seconds: INFANT_SECONDS, log })),
  ].map((clip) => ({ id: clip.id, group: clip.group, samples: clip.samples, source: 'infant-like' as const, codecCopy: true }));
  const synthetic = [...generated, ...speech, ...infant];
  const syntheticText =
    `${generated.length} generated clips of ${SYNTHETIC_SECONDS} s (${perKind} per kind: silence, noises, tones, chirps, ` +
    `melodies, chords, voiced adult and high-pitched sounds, laugh-like bursts)` +
    (speech.length > 0 ? ` and ${speech.length} espeak-ng sentences` : ' (espeak-ng speech not used)') +
    `; ${infant.length} infant-like clips (${infantFamilies.join(', ')}, sibling speech, TV speech over music; ` +
    `${INFANT_PROXY_FAMILY} held out as a proxy test)`;

  let lastShown = 0;
  const clips = buildCorpus(items, synthetic, {
    seed: settings.seed,
    ...(settings.quick ? { maxClipsPerCorpus: QUICK_CLIPS_PER_CORPUS } : {}),
    onProgress: (done, total) => {
      if (done - lastShown >= 250 || done === total) {
        lastShown = done;
        log(`  audio ${done}/${total}`);
      }
    },
  });

  // Need folds: Donate-a-Cry installs, stratified by need. Other sources: by group, stratified by source.
  const foldOfGroup = new Map<string, number>();
  const originals = clips.filter((clip) => !clip.augmentedCopy);
  const cries = originals.filter((clip) => clip.source === 'donateacry');
  const others = originals.filter((clip) => clip.source !== 'donateacry');
  const assign = (subset: CorpusClip[], label: (clip: CorpusClip) => string, salt: string) => {
    stratifiedGroupKFold(subset, settings.folds, deriveSeed(settings.seed, salt), (c) => c.group, label).forEach((fold, f) => {
      for (const i of fold.testIndices) foldOfGroup.set(subset[i]?.group ?? '', f);
    });
  };
  assign(cries, (clip) => clip.need ?? 'none', 'need-folds');
  assign(others, (clip) => clip.source, 'background-folds');
  const foldOfClip = Int32Array.from(clips, (clip) => foldOfGroup.get(clip.group) ?? -1);
  return { clips, foldOfClip, excludedInstalls, synthetic: syntheticText };
}
