/**
 * Pure image-quality measures for the face crop, so the app can say "too dark",
 * "too far" or "blurry" instead of guessing from a bad picture.
 */

/** Rec. 601 luma weights for R, G, B. */
const LUMA_WEIGHTS = [0.299, 0.587, 0.114] as const;

/** Below this mean luma (0–255) the picture is too dark to trust. */
export const MIN_MEAN_LUMA = 40;
/** Faces whose longer side is below this fraction of the frame's shorter side are too far. */
export const MIN_FACE_SIZE_FRACTION = 0.12;
/**
 * Brightness-normalized Laplacian variance of the 112 px crop below which it is blurry.
 * Measured by scripts/convert/vision.ts (public/models/vision/metrics.json): the astronaut
 * crop ≈ 525 (≈ 530 at 30% brightness), the same crop shrunk to 24 px and scaled back ≈ 36.
 */
export const MIN_SHARPNESS = 100;
/** Luma the sharpness is normalized to, so a dim face is not mistaken for a blurry one. */
const SHARPNESS_REFERENCE_LUMA = 128;
/** Detections below this score are treated as no face. */
export const MIN_DETECTION_SCORE = 0.5;

export type FaceStatus = 'face-visible' | 'no-face' | 'too-dark' | 'too-far' | 'blurry';

/** The words the app shows for each status. */
export const FACE_STATUS_TEXT: Readonly<Record<FaceStatus, string>> = {
  'face-visible': 'face visible',
  'no-face': 'no face visible',
  'too-dark': 'too dark',
  'too-far': 'too far',
  blurry: 'blurry',
};

export interface FaceQuality {
  /** Detector confidence of the chosen face, 0–1; 0 when none was found. */
  detectionScore: number;
  /** Face's longer side ÷ frame's shorter side; 0 when no face was found. */
  faceSizeFraction: number;
  /** Mean luma of the frame (no face) or of the crop (face), 0–255. */
  meanLuma: number;
  /** Brightness-normalized Laplacian variance of the crop's luma; 0 when no face was found. */
  sharpness: number;
}

/** Luma (0–255) of interleaved RGB(A) pixels. */
export function lumaOf(pixels: ArrayLike<number>, channels: 3 | 4): Float32Array {
  const count = Math.floor(pixels.length / channels);
  const luma = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const o = i * channels;
    luma[i] = LUMA_WEIGHTS[0] * (pixels[o] ?? 0) + LUMA_WEIGHTS[1] * (pixels[o + 1] ?? 0) + LUMA_WEIGHTS[2] * (pixels[o + 2] ?? 0);
  }
  return luma;
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return sum / values.length;
}

/** Variance of the 4-neighbour Laplacian over the interior pixels of a width×height luma image. */
export function laplacianVariance(luma: ArrayLike<number>, widthPx: number, heightPx: number): number {
  if (luma.length !== widthPx * heightPx) throw new Error('The luma image size does not match width × height.');
  if (widthPx < 3 || heightPx < 3) return 0;
  let sum = 0;
  let sumSquares = 0;
  let n = 0;
  for (let y = 1; y < heightPx - 1; y++) {
    for (let x = 1; x < widthPx - 1; x++) {
      const i = y * widthPx + x;
      const value =
        (luma[i - 1] ?? 0) + (luma[i + 1] ?? 0) + (luma[i - widthPx] ?? 0) + (luma[i + widthPx] ?? 0) - 4 * (luma[i] ?? 0);
      sum += value;
      sumSquares += value * value;
      n++;
    }
  }
  const m = sum / n;
  return sumSquares / n - m * m;
}

/**
 * Laplacian variance rescaled as if the image's mean luma were SHARPNESS_REFERENCE_LUMA:
 * dimming an image scales its Laplacian linearly, so its variance by the square.
 */
export function normalizedSharpness(luma: ArrayLike<number>, widthPx: number, heightPx: number): number {
  const m = mean(luma);
  if (m <= 0) return 0;
  return laplacianVariance(luma, widthPx, heightPx) * (SHARPNESS_REFERENCE_LUMA / m) ** 2;
}

/** What to tell the parent about the picture, worst problem first. */
export function classifyFace(quality: FaceQuality): FaceStatus {
  if (quality.meanLuma < MIN_MEAN_LUMA) return 'too-dark';
  if (quality.detectionScore < MIN_DETECTION_SCORE) return 'no-face';
  if (quality.faceSizeFraction < MIN_FACE_SIZE_FRACTION) return 'too-far';
  if (quality.sharpness < MIN_SHARPNESS) return 'blurry';
  return 'face-visible';
}
