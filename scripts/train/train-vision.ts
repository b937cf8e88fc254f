/**
 * `npm run train:vision -- --data DIR [--groups FILE] [--out DIR] [--seed N] [--epochs N]`
 *
 * Trains a need head on the face trunk's embeddings from face photos in DIR/hunger/, DIR/pain/,
 * DIR/discomfort/ and DIR/tired/ (PNG or JPEG, cropped to the face like the app's thumbnail).
 * The optional groups file lists `relative/path,group` lines (group = baby), so no baby is in
 * both the training and the validation set. Writes model.json, weights.bin, metrics.json and
 * MODEL_CARD.md to --out (default public/models/vision/need-head/, which the app then loads).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NEEDS } from '../../src/domain/needs.ts';
import { loadModelFromDir, saveModel } from '../lib/model-files.ts';
import { initTfNode } from '../lib/tf-node.ts';
import {
  AUGMENTATION,
  DEFAULT_TRAIN_OPTIONS,
  embedImages,
  readGroups,
  removeCheckpoint,
  scanFaceFolder,
  trainNeedHead,
  type FaceImageItem,
  type TrainedHead,
  type TrainOptions,
} from '../lib/vision-need-head.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const USAGE = 'Usage: npm run train:vision -- --data DIR [--groups FILE] [--out DIR] [--seed N] [--epochs N]';

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got "${value}".`);
  return n;
}

function modelCard(items: readonly FaceImageItem[], trained: TrainedHead, options: TrainOptions, hasGroups: boolean): string {
  const counts = NEEDS.map((n) => `${n} ${items.filter((i) => i.need === n).length}`).join(', ');
  const v = trained.validation;
  const rows = v.perClass.map((c) => `| ${c.label} | ${c.support} | ${c.precision.toFixed(2)} | ${c.recall.toFixed(2)} | ${c.f1.toFixed(2)} |`).join('\n');
  return `# Face need head (trained locally)

Written by \`scripts/train/train-vision.ts\`; do not edit by hand. This head is **not** part of the shipped app: it exists only where someone trained it on their own photos.

## Data
- ${items.length} face images (${counts}), ${new Set(items.map((i) => i.group)).size} groups ${hasGroups ? 'from the groups file' : '(no groups file: each image its own group, so repeated babies make the validation score optimistic)'}.
- Validation: ${trained.validationImages} images from ${trained.validationGroups} groups never seen in training (${trained.trainImages} images, ${trained.trainGroups} groups).

## Model
Input: the 256-d face embedding of the trunk (\`../model.json\`). Dense ${options.hiddenUnits} ReLU → dropout ${options.dropout} → dense 4 softmax (${NEEDS.join(', ')}). Adam (learning rate ${options.learningRate}), categorical cross-entropy, batch ${options.batchSize}, early stopping after ${options.patience} epochs without a validation-loss gain; best epoch ${trained.bestEpoch} of ${trained.history.length}.
Augmentation (on the photos, before the trunk): rotation ±${AUGMENTATION.maxRotationDeg}°, horizontal flip, scale ${AUGMENTATION.minScale}–${AUGMENTATION.maxScale}, brightness ${AUGMENTATION.minBrightness}–${AUGMENTATION.maxBrightness}; ${options.augmentedCopies} variants per image, one drawn per epoch.

## Validation results (held-out groups)
Accuracy ${v.accuracy.toFixed(3)}, balanced accuracy ${v.balancedAccuracy.toFixed(3)}, macro-F1 ${v.macroF1.toFixed(3)} on ${v.count} images. Always answering the training majority: balanced accuracy ${trained.majorityBaseline.balancedAccuracy.toFixed(3)}, macro-F1 ${trained.majorityBaseline.macroF1.toFixed(3)}.

| need | images | precision | recall | F1 |
| --- | --- | --- | --- | --- |
${rows}

## What it can and cannot tell
It can only reflect what separates these photos' labels. A few photos per need, or labels that are guesses, give a head that is confident and wrong; with one validation split this small, the numbers above carry wide uncertainty. It has never been validated on other babies than those in the folder.
`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      groups: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      epochs: { type: 'string' },
    },
  });
  if (values.data === undefined) throw new Error(`--data is required.\n${USAGE}`);
  const options: TrainOptions = {
    ...DEFAULT_TRAIN_OPTIONS,
    seed: positiveInteger(values.seed, 'seed', DEFAULT_TRAIN_OPTIONS.seed),
    maxEpochs: positiveInteger(values.epochs, 'epochs', DEFAULT_TRAIN_OPTIONS.maxEpochs),
  };
  const dataDir = path.resolve(values.data);
  const outDir = path.resolve(values.out ?? path.join(ROOT, 'public/models/vision/need-head'));
  const trunkDir = path.join(ROOT, 'public/models/vision');
  const groups = values.groups === undefined ? null : readGroups(path.resolve(values.groups));
  const { items, warnings } = scanFaceFolder(dataDir, groups);
  for (const w of warnings) console.warn(`warning: ${w}`);

  const { backend, simd } = await initTfNode();
  console.log(`tfjs ${backend}${simd ? ' (SIMD)' : ''}; embedding ${items.length} images × ${options.augmentedCopies + 1} variants…`);
  const trunk = await loadModelFromDir(trunkDir);
  const embeddings = embedImages(dataDir, items, trunk, options.augmentedCopies, options.seed);
  trunk.dispose();
  const checkpointDir = `${outDir}.checkpoint`;
  const trained = await trainNeedHead(items, embeddings, options, checkpointDir, (line) => console.log(line));
  await saveModel(trained.model, outDir, { convertedBy: 'CryDecode scripts/train/train-vision.ts' });
  removeCheckpoint(checkpointDir);
  const metrics = {
    needs: NEEDS,
    images: items.length,
    groups: new Set(items.map((i) => i.group)).size,
    options,
    bestEpoch: trained.bestEpoch,
    history: trained.history,
    validation: trained.validation,
    majorityBaseline: trained.majorityBaseline,
    warnings,
  };
  writeFileSync(path.join(outDir, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  writeFileSync(path.join(outDir, 'MODEL_CARD.md'), modelCard(items, trained, options, groups !== null));
  trained.model.dispose();
  console.log(`Need head written to ${outDir}: validation balanced accuracy ${trained.validation.balancedAccuracy.toFixed(3)} (majority baseline ${trained.majorityBaseline.balancedAccuracy.toFixed(3)}).`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
