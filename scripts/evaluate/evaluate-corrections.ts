/**
 * Issue-12 measurements on the shipped model, for the model card: each generated infant-like
 * family (the held-out laugh-like proxy among them) against the model, and the correction replay
 * ("That wasn't crying", src/models/cry-adaptation.ts) per held-out negative source.
 *
 *   node --import tsx scripts/evaluate/evaluate-corrections.ts [--data ../shared/data] [--model public/models/audio]
 *       [--json public/models/audio/corrections.json] [--card] [--similarities 0.95,0.9,0.98] [--margin 0.05]
 *
 * The replay: for each negative source (each ESC-50 noise category, each nonverbal speaker, each
 * generator family), in clip order, the parent marks the first k windows the detector fires on
 * (k = 1, 2, 3, 5); reported: the false-alarm rate on the source's windows after the last marked
 * one, and window recall on all cries with those corrections (replayCorrections in
 * scripts/lib/correction-results.ts). The first similarity is the shipped one. --json writes the
 * results next to the model; --card re-renders MODEL_CARD.md from metrics.json and that file.
 * Markdown of the same tables goes to stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CRY_OUTPUT_NAME } from '../../src/models/audio-architecture.ts';
import { DEFAULT_CRY_ADAPTATION } from '../../src/models/cry-adaptation.ts';
import { INPUT_CHANNELS } from '../../src/models/window-normalization.ts';
import { replayCorrections, renderCorrectionSections, type CorrectionResults, type FamilyResult, type ReplaySource, type ReplayWindow } from '../lib/correction-results.ts';
import { loadCorpusIndex } from '../lib/datasets.ts';
import { GENERATED_INFANT_FAMILIES, generateInfantNegatives, INFANT_PROXY_FAMILY, synthesizeHouseholdSpeech } from '../lib/infant-negatives.ts';
import type { AudioMetricsReport } from '../lib/metrics-report.ts';
import { writeAudioModelCard } from '../lib/model-card.ts';
import { loadModelFromDir } from '../lib/model-files.ts';
import { initTfNode, tf } from '../lib/tf-node.ts';
import { buildCorpus, type CorpusClip } from '../train/corpus.ts';
import { generatedFamily, recordingCryProbability } from '../train/evaluate-folds.ts';
import { evaluationWindows, MEL_BANDS, WINDOW_FRAMES } from '../train/window-sampling.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    model: { type: 'string', default: 'public/models/audio' },
    json: { type: 'string' },
    card: { type: 'boolean', default: false },
    similarities: { type: 'string', default: `${DEFAULT_CRY_ADAPTATION.similarity},0.9,0.98` },
    margin: { type: 'string', default: String(DEFAULT_CRY_ADAPTATION.margin) },
    'per-family': { type: 'string', default: '20' },
  },
});
const SEED = 4242;
const SECONDS = 5;
const perFamily = Number(values['per-family']);
const similarities = values.similarities.split(',').map(Number);
const margin = Number(values.margin);
if (!similarities.every((s) => s > -1 && s <= 1) || !(margin >= 0) || !(perFamily >= 1)) {
  throw new Error('--similarities must be numbers in (−1, 1], --margin ≥ 0, --per-family ≥ 1');
}
const log = (message: string): void => void process.stderr.write(`${message}\n`);

await initTfNode();
const model = await loadModelFromDir(values.model);
const metrics = JSON.parse(readFileSync(join(values.model, 'metrics.json'), 'utf8')) as AudioMetricsReport;
const threshold = metrics.quantized.cry.threshold.value;
const declaredVersion = (model.getUserDefinedMetadata() as { version?: unknown } | undefined)?.version;
const modelVersion = typeof declaredVersion === 'string' ? declaredVersion : 'unknown';
// Whether the generated training families were in this model's training data (metrics.json lists the corpus then).
const trainedOnInfantLike = metrics.data.corpora.some((corpus) => corpus.name === 'Infant-like negatives' && corpus.clips > 0);
const cryLayer = model.getLayer(CRY_OUTPUT_NAME);
const embedder = tf.model({ inputs: model.inputs, outputs: [cryLayer.input as tf.SymbolicTensor, cryLayer.output as tf.SymbolicTensor] });

const items = loadCorpusIndex(values.data).filter((item) => item.corpus !== 'speech');
const categoryOf = new Map(items.map((item) => [item.id, item.category]));
const generated = [
  ...generateInfantNegatives({ seed: SEED, perFamily, seconds: SECONDS, families: GENERATED_INFANT_FAMILIES }),
  ...synthesizeHouseholdSpeech({ seed: SEED, tvPerVoice: 2, seconds: SECONDS, log }),
].map((clip) => ({ id: clip.id, group: clip.group, samples: clip.samples, source: 'infant-like' as const }));
log(`Analysing ${items.length} recorded and ${generated.length} generated clips with ${modelVersion}…`);
const clips = buildCorpus(items, generated, { seed: 1 }).filter((clip) => !clip.augmentedCopy);
const windows = evaluationWindows(clips);

interface WindowRow extends ReplayWindow {
  clip: CorpusClip;
}
const rows: WindowRow[] = [];
const BATCH = 256;
const valuesPerWindow = WINDOW_FRAMES * MEL_BANDS * INPUT_CHANNELS;
for (let start = 0; start < windows.count; start += BATCH) {
  const n = Math.min(BATCH, windows.count - start);
  const [embeddingT, probabilityT] = tf.tidy(() => embedder.predict(tf.tensor4d(windows.x.subarray(start * valuesPerWindow, (start + n) * valuesPerWindow), [n, WINDOW_FRAMES, MEL_BANDS, INPUT_CHANNELS])) as tf.Tensor[]) as [tf.Tensor, tf.Tensor];
  const e = embeddingT.dataSync();
  const p = probabilityT.dataSync();
  const dim = e.length / n;
  for (let i = 0; i < n; i++) rows.push({ clip: clips[windows.clipOfWindow[start + i] ?? 0] as CorpusClip, probability: p[i] ?? 0, embedding: Float32Array.from(e.subarray(i * dim, (i + 1) * dim)) });
  embeddingT.dispose();
  probabilityT.dispose();
}
model.dispose();

/** The held-out source a negative window belongs to, or null for cries and corpora not replayed. */
function sourceOf(clip: CorpusClip): Omit<ReplaySource, 'windows'> | null {
  if (clip.isCry) return null;
  if (clip.source === 'infant-like') {
    const family = generatedFamily(clip.group);
    return { source: `generated ${family}`, kind: 'generated', heldOut: family === INFANT_PROXY_FAMILY, inTraining: trainedOnInfantLike && family !== INFANT_PROXY_FAMILY };
  }
  if (clip.source === 'nonverbal') return { source: `nonverbal speaker ${clip.group.replace(/^source:/, '')}`, kind: 'nonverbal', heldOut: false, inTraining: true };
  if (clip.source === 'esc-noise') return { source: `ESC-50 ${categoryOf.get(clip.id) ?? 'noise'}`, kind: 'esc-noise', heldOut: false, inTraining: true };
  return null;
}
const cries = rows.filter((row) => row.clip.isCry);
const bySource = new Map<string, ReplaySource & { windows: WindowRow[] }>();
for (const row of rows) {
  const source = sourceOf(row.clip);
  if (source === null) continue;
  const entry = bySource.get(source.source) ?? { ...source, windows: [] };
  entry.windows.push(row);
  bySource.set(source.source, entry);
}
const sources = [...bySource.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.source.localeCompare(b.source));

const families: FamilyResult[] = sources
  .filter((s) => s.kind === 'generated')
  .map((s) => {
    const byClip = new Map<string, number[]>();
    for (const w of s.windows) byClip.set(w.clip.id, [...(byClip.get(w.clip.id) ?? []), w.probability]);
    return {
      family: s.source.replace(/^generated /, ''),
      heldOut: s.heldOut,
      inTraining: s.inTraining,
      clips: byClip.size,
      windows: s.windows.length,
      windowFalseAlarmRate: s.windows.filter((w) => w.probability >= threshold).length / s.windows.length,
      clipsCalledCrying: [...byClip.values()].filter((p) => recordingCryProbability(p) >= threshold).length,
    };
  });

const replays = similarities.map((similarity) => {
  log(`Replaying corrections at similarity ${similarity}…`);
  return replayCorrections(sources, cries, threshold, { similarity, margin, capacity: DEFAULT_CRY_ADAPTATION.capacity });
});
const results: CorrectionResults = {
  schemaVersion: 1,
  generatedAt: new Date().toISOString(),
  command: `node --import tsx scripts/evaluate/evaluate-corrections.ts --data ${values.data} --model ${values.model} --similarities ${values.similarities} --margin ${values.margin} --per-family ${perFamily}`,
  modelVersion,
  threshold,
  generation: { seed: SEED, perFamily, seconds: SECONDS },
  families,
  replays,
  shippedSimilarity: DEFAULT_CRY_ADAPTATION.similarity,
};
if (values.json !== undefined) {
  writeFileSync(values.json, `${JSON.stringify(results, null, 1)}\n`);
  log(`Wrote ${values.json}`);
}
if (values.card) {
  if (values.json === undefined || join(values.model, 'corrections.json') !== join(values.json)) log('--card renders the corrections.json in the model folder: pass --json <model>/corrections.json to include these results.');
  log(`Wrote ${writeAudioModelCard(values.model, metrics)}`);
}
process.stdout.write(`${renderCorrectionSections(results, modelVersion).join('\n\n')}\n`);
