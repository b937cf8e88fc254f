/**
 * The TF.js half of the face branch: the trunk (embedding + expressions) and an optional
 * need head trained by scripts/train/train-vision.ts. Environment-free apart from tfjs, so the
 * worker, the benchmark and the Node tests share it.
 */
import * as tf from '@tensorflow/tfjs';
import { NEEDS, type NeedProbabilities } from '../../domain/needs.ts';
import { EXPRESSION_LABELS, TRUNK_EMBEDDING_SIZE, TRUNK_INPUT_SIZE_PX } from './face-trunk.ts';

export interface TrunkOutput {
  embedding: Float32Array;
  /** In EXPRESSION_LABELS order, summing to 1. */
  expressions: Float32Array;
}

export interface FaceTrunk {
  /** `normalizedPixels`: 112×112×3 HWC floats from normalizeTrunkPixels. */
  run(normalizedPixels: Float32Array): TrunkOutput;
  dispose(): void;
}

export interface NeedHead {
  /** Need probabilities (NEEDS order) for one face embedding. */
  predict(embedding: Float32Array): NeedProbabilities;
  dispose(): void;
}

function outputSize(model: tf.LayersModel, index: number): number | null {
  const shape = model.outputs[index]?.shape;
  return shape?.[shape.length - 1] ?? null;
}

/** Wraps a loaded trunk LayersModel after checking that it has the expected shape. */
export function faceTrunkFromModel(model: tf.LayersModel): FaceTrunk {
  if (outputSize(model, 0) !== TRUNK_EMBEDDING_SIZE || outputSize(model, 1) !== EXPRESSION_LABELS.length) {
    throw new Error('The face trunk model does not have the expected outputs (256 features, 7 expressions).');
  }
  return {
    run(normalizedPixels) {
      return tf.tidy(() => {
        const input = tf.tensor4d(normalizedPixels, [1, TRUNK_INPUT_SIZE_PX, TRUNK_INPUT_SIZE_PX, 3]);
        const [embedding, expressions] = model.predict(input) as tf.Tensor[];
        if (embedding === undefined || expressions === undefined) throw new Error('The face trunk returned no output.');
        return { embedding: embedding.dataSync() as Float32Array, expressions: expressions.dataSync() as Float32Array };
      });
    },
    dispose: () => model.dispose(),
  };
}

/** Wraps a loaded need-head LayersModel (256 → 4 softmax, NEEDS order) after checking its shape. */
export function needHeadFromModel(model: tf.LayersModel): NeedHead {
  const inputShape = model.inputs[0]?.shape;
  if (inputShape?.[inputShape.length - 1] !== TRUNK_EMBEDDING_SIZE || outputSize(model, 0) !== NEEDS.length) {
    throw new Error(`The need head must map ${TRUNK_EMBEDDING_SIZE} face features to ${NEEDS.length} need probabilities.`);
  }
  return {
    predict(embedding) {
      const p = tf.tidy(() => (model.predict(tf.tensor2d(embedding, [1, TRUNK_EMBEDDING_SIZE])) as tf.Tensor).dataSync());
      return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 0];
    },
    dispose: () => model.dispose(),
  };
}

/**
 * Loads the need head from `folderUrl` (ending in '/') when its model.json is there.
 * Returns null when none is installed (the shipped app): the face branch then stays
 * uninformed about needs instead of inventing a vector.
 */
export async function loadNeedHeadIfInstalled(
  folderUrl: string,
  load: (modelJsonUrl: string) => Promise<tf.LayersModel> = (url) => tf.loadLayersModel(url),
  fetchFn: typeof fetch = fetch,
): Promise<NeedHead | null> {
  const modelJsonUrl = new URL('model.json', folderUrl).href;
  let response: Response;
  try {
    response = await fetchFn(modelJsonUrl, { method: 'HEAD' });
  } catch {
    return null;
  }
  // A single-page server may answer a missing file with index.html: require JSON.
  if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return null;
  return needHeadFromModel(await load(modelJsonUrl));
}
