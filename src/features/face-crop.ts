/**
 * Pure geometry for the face crop: which detection to use and which square of the frame
 * the trunk sees. All coordinates are in pixels of the source frame, origin top-left.
 */

export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ScoredBox extends PixelBox {
  /** Detector confidence, 0–1. */
  score: number;
}

export interface SquareCrop {
  x: number;
  y: number;
  /** Side of the square, in pixels. */
  side: number;
}

/** Extra context kept around the detected box on each side, as a fraction of its longer side. */
export const FACE_CROP_MARGIN_FRACTION = 0.2;

/** The detection with the highest score, or null when there is none. */
export function mostConfident<T extends { score: number }>(detections: readonly T[]): T | null {
  let best: T | null = null;
  for (const d of detections) if (best === null || d.score > best.score) best = d;
  return best;
}

/**
 * A square around `box`, `marginFraction` of its longer side added on every side, kept
 * inside the frame: moved inward when it sticks out, shrunk only when it is larger than
 * the frame's shorter side. Returns integer pixels, so it can be drawn directly.
 */
export function squareCropAround(
  box: PixelBox,
  frameWidthPx: number,
  frameHeightPx: number,
  marginFraction: number = FACE_CROP_MARGIN_FRACTION,
): SquareCrop {
  if (!(frameWidthPx > 0 && frameHeightPx > 0)) throw new Error('The frame has no pixels.');
  if (!(box.width > 0 && box.height > 0)) throw new Error('The face box is empty.');
  if (!(marginFraction >= 0)) throw new Error('The crop margin must be zero or more.');
  const longer = Math.max(box.width, box.height);
  const wanted = Math.round(longer * (1 + 2 * marginFraction));
  const side = Math.max(1, Math.min(wanted, Math.floor(frameWidthPx), Math.floor(frameHeightPx)));
  const centerX = box.x + box.width / 2;
  const centerY = box.y + box.height / 2;
  const clamp = (start: number, limit: number): number => Math.min(Math.max(0, Math.round(start)), Math.floor(limit) - side);
  return { x: clamp(centerX - side / 2, frameWidthPx), y: clamp(centerY - side / 2, frameHeightPx), side };
}

/** The face's longer side as a fraction of the frame's shorter side (1 = fills the frame). */
export function faceSizeFraction(box: PixelBox, frameWidthPx: number, frameHeightPx: number): number {
  return Math.max(box.width, box.height) / Math.min(frameWidthPx, frameHeightPx);
}
