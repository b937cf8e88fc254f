/**
 * Facts about the face trunk shipped in public/models/vision/face-trunk/: face-api's
 * face expression network (@vladmandic/face-api, MIT), converted by scripts/convert/vision.ts.
 * Shared by the worker, the training script and the converter, so all three feed the
 * network the same pixels.
 */

/** Side of the square RGB face crop the trunk takes, in pixels. */
export const TRUNK_INPUT_SIZE_PX = 112;
/** Per-channel RGB means (0–255 scale) the network was trained with; subtracted, then ÷ 255. */
export const TRUNK_MEAN_RGB = [122.782, 117.001, 104.298] as const;
export const TRUNK_PIXEL_SCALE = 255;
/** Length of the pooled feature vector returned as the face embedding. */
export const TRUNK_EMBEDDING_SIZE = 256;

/** The expression network's output order. These are adult facial-expression classes. */
export const EXPRESSION_LABELS = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'] as const;
export type Expression = (typeof EXPRESSION_LABELS)[number];

/** Expressions counted as "visible distress"; 'surprised' is deliberately neither distress nor calm. */
export const DISTRESS_EXPRESSIONS: readonly Expression[] = ['sad', 'angry', 'fearful', 'disgusted'];

/**
 * Share of the expression network's belief that sits on negative adult expressions:
 * P(sad) + P(angry) + P(fearful) + P(disgusted), in [0, 1].
 * It is a proxy read off a network trained on adult faces; nothing validates it on infants.
 */
export function distressScore(expressionProbabilities: ArrayLike<number>): number {
  if (expressionProbabilities.length !== EXPRESSION_LABELS.length) {
    throw new Error(`Expected ${EXPRESSION_LABELS.length} expression probabilities, got ${expressionProbabilities.length}.`);
  }
  let sum = 0;
  for (const expression of DISTRESS_EXPRESSIONS) {
    sum += expressionProbabilities[EXPRESSION_LABELS.indexOf(expression)] ?? 0;
  }
  return Math.min(1, Math.max(0, sum));
}

/**
 * Turns interleaved RGB(A) bytes of a TRUNK_INPUT_SIZE_PX square into the trunk's
 * normalized float input (HWC, RGB). `channels` is 3 for RGB, 4 for RGBA.
 */
export function normalizeTrunkPixels(pixels: ArrayLike<number>, channels: 3 | 4): Float32Array {
  const pixelCount = TRUNK_INPUT_SIZE_PX * TRUNK_INPUT_SIZE_PX;
  if (pixels.length !== pixelCount * channels) {
    throw new Error(`Expected a ${TRUNK_INPUT_SIZE_PX}×${TRUNK_INPUT_SIZE_PX} image with ${channels} channels.`);
  }
  const out = new Float32Array(pixelCount * 3);
  for (let p = 0; p < pixelCount; p++) {
    for (let c = 0; c < 3; c++) {
      out[p * 3 + c] = ((pixels[p * channels + c] ?? 0) - (TRUNK_MEAN_RGB[c] ?? 0)) / TRUNK_PIXEL_SCALE;
    }
  }
  return out;
}
