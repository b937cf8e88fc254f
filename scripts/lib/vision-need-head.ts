/**
 * Training a need head on face embeddings: a folder of face photos in subfolders named after
 * the needs → trunk embeddings of augmented crops → a small dense classifier (256 → 4) with
 * Adam + categorical cross-entropy, early stopping on a group-aware validation split, the best
 * weights checkpointed to disk as training goes.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { NEEDS, type Need } from '../../src/domain/needs.ts';
import { normalizeTrunkPixels, TRUNK_EMBEDDING_SIZE, TRUNK_INPUT_SIZE_PX } from '../../src/models/vision/face-trunk.ts';
import { faceTrunkFromModel, type FaceTrunk } from '../../src/models/vision/face-models.ts';
import type { ClassificationMetrics } from './metrics-report.ts';
import { argmax, classificationMetrics, majorityBaseline } from './metrics.ts';
import { createRandom, deriveSeed, shuffled, uniform, type Random } from './random.ts';
import { cropSquare, readImageFile, type AffineCrop, type RgbImage } from './rgb-image.ts';
import { saveModel } from './model-files.ts';
import { stratifiedGroupHoldout } from './splits.ts';
import { tf } from './tf-node.ts';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

/** Augmentation ranges (the paper's: rotation, flip, scale, brightness). */
export const AUGMENTATION = {
  maxRotationDeg: 15,
  minScale: 0.9,
  maxScale: 1.1,
  minBrightness: 0.7,
  maxBrightness: 1.3,
} as const;

export interface FaceImageItem {
  /** Path relative to the data folder, with forward slashes. */
  relativePath: string;
  need: Need;
  /** Baby (or other) group; images of one group never sit on both sides of a split. */
  group: string;
}

export interface TrainOptions {
  seed: number;
  /** Augmented variants embedded per training image; one is drawn per image per epoch. */
  augmentedCopies: number;
  maxEpochs: number;
  /** Epochs without a validation-loss improvement before stopping. */
  patience: number;
  batchSize: number;
  learningRate: number;
  hiddenUnits: number;
  dropout: number;
  /** Share of groups held out for validation (early stopping and the reported metrics). */
  validationFraction: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 1,
  augmentedCopies: 4,
  maxEpochs: 80,
  patience: 12,
  batchSize: 32,
  learningRate: 1e-3,
  hiddenUnits: 64,
  dropout: 0.3,
  validationFraction: 0.2,
};

export interface EpochLog {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  valAccuracy: number;
}

export interface TrainedHead {
  model: tf.LayersModel;
  history: EpochLog[];
  bestEpoch: number;
  validation: ClassificationMetrics;
  majorityBaseline: ClassificationMetrics;
  trainImages: number;
  validationImages: number;
  trainGroups: number;
  validationGroups: number;
}

/**
 * Parses a groups file: one `relative/path,group` per line (a header line `path,group`, blank
 * lines and # comments are skipped). Paths are relative to the data folder.
 */
export function parseGroupsFile(text: string): Map<string, string> {
  const groups = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || (index === 0 && line.toLowerCase() === 'path,group')) return;
    const comma = line.lastIndexOf(',');
    if (comma <= 0 || comma === line.length - 1) throw new Error(`Groups file line ${index + 1} is not "relative/path,group": ${line}`);
    groups.set(line.slice(0, comma).trim().replaceAll('\\', '/'), line.slice(comma + 1).trim());
  });
  return groups;
}

/** Lists the face images under dataDir/<need>/; every image without a listed group is its own group. */
export function scanFaceFolder(dataDir: string, groups: Map<string, string> | null): { items: FaceImageItem[]; warnings: string[] } {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new Error(`The data folder ${dataDir} does not exist.`);
  const warnings: string[] = [];
  const items: FaceImageItem[] = [];
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isDirectory() && !(NEEDS as readonly string[]).includes(entry.name)) {
      warnings.push(`Ignored folder "${entry.name}": folders must be named ${NEEDS.join(', ')}.`);
    }
  }
  let ungrouped = 0;
  for (const need of NEEDS) {
    const folder = path.join(dataDir, need);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) {
      if (!IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase())) continue;
      const relativePath = `${need}/${name}`;
      const group = groups?.get(relativePath);
      if (group === undefined) ungrouped++;
      items.push({ relativePath, need, group: group ?? `image:${relativePath}` });
    }
  }
  const needsPresent = new Set(items.map((i) => i.need));
  if (needsPresent.size < 2) {
    throw new Error(`Found face images for ${needsPresent.size} need(s) in ${dataDir}; put images in at least two of the subfolders ${NEEDS.join('/, ')}/.`);
  }
  if (groups !== null && ungrouped > 0) warnings.push(`${ungrouped} image(s) are not in the groups file; each counts as its own baby.`);
  if (groups === null) warnings.push('No groups file: every image counts as its own baby, so the validation score is optimistic if babies repeat.');
  return { items, warnings };
}

/** The square, centred crop of the whole photo (training images are expected to be face crops like the app's thumbnail). */
function baseCrop(image: RgbImage): AffineCrop {
  const side = Math.min(image.width, image.height);
  return { centerX: image.width / 2, centerY: image.height / 2, side, rotationRad: 0, flipHorizontal: false, brightness: 1 };
}

export function augmentedCrop(image: RgbImage, random: Random): AffineCrop {
  const base = baseCrop(image);
  return {
    ...base,
    side: base.side / uniform(random, AUGMENTATION.minScale, AUGMENTATION.maxScale),
    rotationRad: (uniform(random, -AUGMENTATION.maxRotationDeg, AUGMENTATION.maxRotationDeg) * Math.PI) / 180,
    flipHorizontal: random() < 0.5,
    brightness: uniform(random, AUGMENTATION.minBrightness, AUGMENTATION.maxBrightness),
  };
}

function embed(trunk: FaceTrunk, image: RgbImage, crop: AffineCrop): Float32Array {
  const pixels = cropSquare(image, crop, TRUNK_INPUT_SIZE_PX);
  return trunk.run(normalizeTrunkPixels(pixels.data, 3)).embedding;
}

/** Embeddings of each image: index 0 plain, then `augmentedCopies` augmented variants. */
export function embedImages(
  dataDir: string,
  items: readonly FaceImageItem[],
  trunkModel: tf.LayersModel,
  augmentedCopies: number,
  seed: number,
): Float32Array[][] {
  const trunk = faceTrunkFromModel(trunkModel);
  return items.map((item) => {
    const image = readImageFile(path.join(dataDir, item.relativePath));
    const random = createRandom(deriveSeed(seed, item.relativePath));
    const variants = [embed(trunk, image, baseCrop(image))];
    for (let c = 0; c < augmentedCopies; c++) variants.push(embed(trunk, image, augmentedCrop(image, random)));
    return variants;
  });
}

export function buildNeedHead(options: TrainOptions): tf.LayersModel {
  const model = tf.sequential({ name: 'face_need_head' });
  model.add(tf.layers.dense({ inputShape: [TRUNK_EMBEDDING_SIZE], units: options.hiddenUnits, activation: 'relu', name: 'hidden' }));
  model.add(tf.layers.dropout({ rate: options.dropout, seed: options.seed }));
  model.add(tf.layers.dense({ units: NEEDS.length, activation: 'softmax', name: 'needs' }));
  model.compile({ optimizer: tf.train.adam(options.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

function toTensors(embeddings: readonly Float32Array[], labels: readonly number[]): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const flat = new Float32Array(embeddings.length * TRUNK_EMBEDDING_SIZE);
  embeddings.forEach((e, i) => flat.set(e, i * TRUNK_EMBEDDING_SIZE));
  return { x: tf.tensor2d(flat, [embeddings.length, TRUNK_EMBEDDING_SIZE]), y: tf.oneHot(tf.tensor1d([...labels], 'int32'), NEEDS.length) as tf.Tensor2D };
}

/**
 * Trains the head with early stopping; `checkpointDir` receives the best weights so far
 * after every improvement (so an interrupted run still leaves a usable head).
 */
export async function trainNeedHead(
  items: readonly FaceImageItem[],
  embeddings: readonly Float32Array[][],
  options: TrainOptions,
  checkpointDir: string,
  log: (line: string) => void = () => undefined,
): Promise<TrainedHead> {
  const labels = items.map((i) => NEEDS.indexOf(i.need));
  const all = items.map((_, i) => i);
  const { trainIndices, validationIndices } = stratifiedGroupHoldout(items, all, options.validationFraction, options.seed, (i) => i.group, (i) => i.need);
  if (trainIndices.length === 0 || validationIndices.length === 0) throw new Error('Too few groups to hold some out for validation.');
  const model = buildNeedHead(options);
  const random = createRandom(deriveSeed(options.seed, 'epochs'));
  const plain = (i: number): Float32Array => embeddings[i]?.[0] ?? new Float32Array(TRUNK_EMBEDDING_SIZE);
  const val = toTensors(validationIndices.map(plain), validationIndices.map((i) => labels[i] ?? 0));
  const history: EpochLog[] = [];
  let bestLoss = Infinity;
  let bestEpoch = 0;
  let bestWeights: tf.Tensor[] | null = null;
  for (let epoch = 1; epoch <= options.maxEpochs; epoch++) {
    // One augmented variant (or the plain crop) of every training image, in a fresh order.
    const order = shuffled(random, trainIndices);
    const batch = order.map((i) => {
      const variants = embeddings[i] ?? [];
      return variants[Math.floor(random() * variants.length)] ?? plain(i);
    });
    const train = toTensors(batch, order.map((i) => labels[i] ?? 0));
    const fit = await model.fit(train.x, train.y, { epochs: 1, batchSize: options.batchSize, shuffle: false, verbose: 0 });
    tf.dispose([train.x, train.y]);
    const [lossTensor, accTensor] = model.evaluate(val.x, val.y) as tf.Scalar[];
    const valLoss = (await lossTensor?.data())?.[0] ?? Infinity;
    const valAccuracy = (await accTensor?.data())?.[0] ?? 0;
    tf.dispose([lossTensor, accTensor]);
    const trainLoss = Number(fit.history.loss?.[0] ?? NaN);
    history.push({ epoch, trainLoss, valLoss, valAccuracy });
    if (valLoss < bestLoss) {
      bestLoss = valLoss;
      bestEpoch = epoch;
      tf.dispose(bestWeights ?? []);
      bestWeights = model.getWeights().map((w) => w.clone());
      await saveModel(model, checkpointDir, { convertedBy: `CryDecode scripts/train/train-vision.ts (checkpoint, epoch ${epoch})` });
    }
    log(`epoch ${epoch}: train loss ${trainLoss.toFixed(4)}, val loss ${valLoss.toFixed(4)}, val accuracy ${valAccuracy.toFixed(3)}`);
    if (epoch - bestEpoch >= options.patience) break;
  }
  if (bestWeights !== null) {
    model.setWeights(bestWeights);
    tf.dispose(bestWeights);
  }
  const predictions = tf.tidy(() => (model.predict(val.x) as tf.Tensor2D).arraySync());
  tf.dispose([val.x, val.y]);
  const valTrue = validationIndices.map((i) => labels[i] ?? 0);
  const groupsOf = (indices: number[]): number => new Set(indices.map((i) => items[i]?.group)).size;
  return {
    model,
    history,
    bestEpoch,
    validation: classificationMetrics(valTrue, predictions.map((p) => argmax(p)), NEEDS),
    majorityBaseline: majorityBaseline(trainIndices.map((i) => labels[i] ?? 0), valTrue, NEEDS),
    trainImages: trainIndices.length,
    validationImages: validationIndices.length,
    trainGroups: groupsOf(trainIndices),
    validationGroups: groupsOf(validationIndices),
  };
}

/** Removes a checkpoint folder once the final model is written. */
export function removeCheckpoint(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function readGroups(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the groups file ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return parseGroupsFile(text);
}
