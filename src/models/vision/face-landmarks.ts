/**
 * face-api's 68-point landmark network (@vladmandic/face-api `face_landmark_68_model`, MIT,
 * 350 KB of uint8 weights; the tiny variant loads too) run with plain TF.js ops on the same
 * normalized 112 px crop the expression trunk sees. face-api ships only a weights manifest and
 * builds the graph in code; the graph here follows its published feature extractor, the one the
 * expression trunk uses: "dense blocks" (a stride-2 conv, then separable convs whose outputs are
 * summed densely), average pooling and one fully connected layer to 136 numbers, the 68 (x, y)
 * points as fractions of the crop.
 *
 * NOT wired into the app: on the astronaut's eyes painted shut (a crude generated check) the eye
 * aspect ratio stayed open-looking (0.287 → 0.262 with this net, 0.279 → 0.213 with the tiny one):
 * these landmarks follow a face-shape prior more than the lids, so they cannot tell closed eyes
 * and the sleep watch gets no eyes (see MODEL_CARD.md). Kept, with its spec, for the next try
 * (e.g. a landmark model with lid-level accuracy).
 */
import * as tf from '@tensorflow/tfjs';
import { TRUNK_INPUT_SIZE_PX } from './face-trunk.ts';

export const LANDMARKS_MANIFEST_PATH = 'models/vision/landmarks/face_landmark_68_model-weights_manifest.json';
const POINTS = 68;

export interface FaceLandmarker {
  /** `normalizedPixels`: 112×112×3 HWC floats from normalizeTrunkPixels. Returns 136 numbers: x0, y0, x1, y1, … as fractions of the crop. */
  run(normalizedPixels: Float32Array): Float32Array;
  dispose(): void;
}

function need(weights: tf.NamedTensorMap, name: string): tf.Tensor {
  const t = weights[name];
  if (t === undefined) throw new Error(`The face landmark weights have no ${name}.`);
  return t;
}

/** Wraps face-api's tiny landmark weights (as tf.io.loadWeights returns them) after checking their shapes. */
export function faceLandmarkerFromWeights(weights: tf.NamedTensorMap): FaceLandmarker {
  const fc = need(weights, 'fc/weights');
  if (fc.shape[1] !== 2 * POINTS) throw new Error('The face landmark model does not give 68 points.');
  const bias = (name: string): tf.Tensor1D => need(weights, `${name}/bias`) as tf.Tensor1D;
  const separable = (x: tf.Tensor4D, name: string, stride: 1 | 2): tf.Tensor4D =>
    tf.add(
      tf.separableConv2d(x, need(weights, `${name}/depthwise_filter`) as tf.Tensor4D, need(weights, `${name}/pointwise_filter`) as tf.Tensor4D, stride, 'same'),
      bias(name),
    );
  // The full net has four blocks of four convs (7×7 pooling), the tiny one three of three (14×14).
  const blocks = ['dense0', 'dense1', 'dense2', 'dense3'].filter((name) => weights[`${name}/conv0/bias`] !== undefined);
  const convsPerBlock = weights['dense0/conv3/bias'] === undefined ? 3 : 4;
  const poolPx = TRUNK_INPUT_SIZE_PX / 2 ** blocks.length;
  const sum = (xs: tf.Tensor4D[]): tf.Tensor4D => xs.reduce((a, b) => tf.add(a, b));
  const block = (x: tf.Tensor4D, name: string, first: boolean): tf.Tensor4D => {
    const outs = [tf.relu<tf.Tensor4D>(first ? tf.add(tf.conv2d(x, need(weights, `${name}/conv0/filters`) as tf.Tensor4D, 2, 'same'), bias(`${name}/conv0`)) : separable(x, `${name}/conv0`, 2))];
    // Each later conv sees the rectified sum of all earlier outputs (the first of them as it is).
    for (let c = 1; c < convsPerBlock; c++) outs.push(separable(c === 1 ? (outs[0] as tf.Tensor4D) : tf.relu(sum(outs)), `${name}/conv${c}`, 1));
    return tf.relu(sum(outs));
  };
  return {
    run(normalizedPixels) {
      return tf.tidy(() => {
        let x = tf.tensor4d(normalizedPixels, [1, TRUNK_INPUT_SIZE_PX, TRUNK_INPUT_SIZE_PX, 3]);
        blocks.forEach((name, i) => {
          x = block(x, name, i === 0);
        });
        const pooled = tf.avgPool(x, poolPx, 2, 'valid').reshape<tf.Tensor2D>([1, -1]);
        const out = tf.add(tf.matMul(pooled, fc as tf.Tensor2D), bias('fc'));
        return out.dataSync() as Float32Array;
      });
    },
    dispose: () => {
      for (const t of Object.values(weights)) t.dispose();
    },
  };
}

/** Loads the landmark weights served at `baseUrl` (the app's base URL). */
export async function loadFaceLandmarker(baseUrl: string): Promise<FaceLandmarker> {
  const manifestUrl = new URL(LANDMARKS_MANIFEST_PATH, baseUrl);
  const response = await fetch(manifestUrl.href);
  if (!response.ok) throw new Error(`The face landmark model could not be read (${response.status}).`);
  const manifest = (await response.json()) as tf.io.WeightsManifestConfig;
  const weights = await tf.io.loadWeights(manifest, new URL('./', manifestUrl).href);
  return faceLandmarkerFromWeights(weights);
}
