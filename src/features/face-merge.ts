/**
 * Pure geometry for finding one face across several detector passes (the frame turned by 0, 90,
 * 180 and 270°, or a zoomed part of it): boxes in frame pixels, merged when they overlap, and a
 * tracker that keeps the last box through a few bad frames.
 */
import type { PixelBox, ScoredBox } from './face-crop.ts';

/** A detection from one pass, with the turn (degrees clockwise) the detector saw the frame at. */
export interface PassDetection extends ScoredBox {
  rotationDegrees: number;
}

/** Boxes overlapping at least this much (intersection over union) are the same face. */
export const SAME_FACE_IOU = 0.3;

export function intersectionOverUnion(a: PixelBox, b: PixelBox): number {
  const left = Math.max(a.x, b.x);
  const top = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  const overlap = Math.max(0, right - left) * Math.max(0, bottom - top);
  const union = a.width * a.height + b.width * b.height - overlap;
  return union > 0 ? overlap / union : 0;
}

/**
 * One box per face from detections of several passes, most confident first. Overlapping boxes
 * are averaged weighted by score (a face seen upright and turned is placed between the two),
 * keep the best score and the turn of the best pass; a lone box is kept as it is.
 */
export function mergeDetections(detections: readonly PassDetection[], sameFaceIou: number = SAME_FACE_IOU): PassDetection[] {
  const remaining = [...detections].filter((d) => d.width > 0 && d.height > 0 && Number.isFinite(d.score)).sort((a, b) => b.score - a.score);
  const merged: PassDetection[] = [];
  while (remaining.length > 0) {
    const best = remaining.shift() as PassDetection;
    const group = [best];
    for (let i = remaining.length - 1; i >= 0; i--) {
      const other = remaining[i] as PassDetection;
      if (intersectionOverUnion(best, other) >= sameFaceIou) {
        group.push(other);
        remaining.splice(i, 1);
      }
    }
    const weight = group.reduce((sum, d) => sum + d.score, 0);
    const average = (pick: (d: PassDetection) => number): number => group.reduce((sum, d) => sum + pick(d) * d.score, 0) / weight;
    merged.push(
      group.length === 1
        ? best
        : { x: average((d) => d.x), y: average((d) => d.y), width: average((d) => d.width), height: average((d) => d.height), score: best.score, rotationDegrees: best.rotationDegrees },
    );
  }
  return merged;
}

/** A box given in the pixels of a part of the frame (a zoom), moved back into whole-frame pixels. */
export function fromRegion(box: ScoredBox, region: PixelBox, regionDrawnWidthPx: number, regionDrawnHeightPx: number): ScoredBox {
  const sx = region.width / regionDrawnWidthPx;
  const sy = region.height / regionDrawnHeightPx;
  return { x: region.x + box.x * sx, y: region.y + box.y * sy, width: box.width * sx, height: box.height * sy, score: box.score };
}

/**
 * A box found in a picture turned `rotationDegrees` clockwise (a multiple of 90), moved back
 * into the unturned picture of `widthPx` × `heightPx` (the sides before turning).
 */
export function unrotateBox(box: ScoredBox, rotationDegrees: number, widthPx: number, heightPx: number): ScoredBox {
  const turn = ((Math.round(rotationDegrees / 90) % 4) + 4) % 4;
  const { x, y, width, height, score } = box;
  switch (turn) {
    case 1:
      // Turned clockwise, the picture is heightPx wide; its column c came from row heightPx - c.
      return { x: y, y: heightPx - x - width, width: height, height: width, score };
    case 2:
      return { x: widthPx - x - width, y: heightPx - y - height, width, height, score };
    case 3:
      return { x: widthPx - y - height, y: x, width: height, height: width, score };
    default:
      return { ...box };
  }
}

/** A square of `scale` × the box's longer side around its centre, kept inside the frame. */
export function regionAround(box: PixelBox, scale: number, frameWidthPx: number, frameHeightPx: number): PixelBox {
  const side = Math.min(Math.max(box.width, box.height) * scale, frameWidthPx, frameHeightPx);
  const x = Math.min(Math.max(0, box.x + box.width / 2 - side / 2), frameWidthPx - side);
  const y = Math.min(Math.max(0, box.y + box.height / 2 - side / 2), frameHeightPx - side);
  return { x, y, width: side, height: side };
}

/**
 * The zoomed parts searched for a face too small for the whole-frame pass: four overlapping
 * quarters (each `fraction` of the frame's sides) and the centre.
 */
export function searchTiles(frameWidthPx: number, frameHeightPx: number, fraction = 0.6): PixelBox[] {
  const width = frameWidthPx * fraction;
  const height = frameHeightPx * fraction;
  const right = frameWidthPx - width;
  const bottom = frameHeightPx - height;
  return [
    { x: right / 2, y: bottom / 2, width, height },
    { x: 0, y: 0, width, height },
    { x: right, y: 0, width, height },
    { x: 0, y: bottom, width, height },
    { x: right, y: bottom, width, height },
  ];
}

export interface TrackedFace {
  box: PassDetection;
  /** 'detected' this frame, or 'held': last frame's box kept through a miss. */
  source: 'detected' | 'held';
}

/** Frames a face is held after the detector last saw it (about one second at 3 frames a second). */
export const HOLD_FRAMES = 3;

/**
 * Keeps the last face through up to `holdFrames` frames without a detection, so one blurred or
 * half-turned frame does not lose it; remembers the turn it was last seen at, so the next
 * frame tries that first.
 */
export class FaceTracker {
  #last: PassDetection | null = null;
  #missed = 0;
  constructor(private readonly holdFrames: number = HOLD_FRAMES) {}

  /** The face of this frame from its merged detections (most confident first), or the held one. */
  update(merged: readonly PassDetection[]): TrackedFace | null {
    const last = this.#last;
    // Of several faces, stay with the one we were following unless it is gone.
    const following = last === null ? undefined : merged.find((d) => intersectionOverUnion(d, last) >= SAME_FACE_IOU);
    const seen = following ?? merged[0];
    if (seen !== undefined) {
      this.#last = seen;
      this.#missed = 0;
      return { box: seen, source: 'detected' };
    }
    if (last === null || this.#missed >= this.holdFrames) {
      this.#last = null;
      return null;
    }
    this.#missed++;
    return { box: last, source: 'held' };
  }

  /** The last face seen (held or not), for the passes to try first; null when none. */
  get last(): PassDetection | null {
    return this.#last;
  }

  reset(): void {
    this.#last = null;
    this.#missed = 0;
  }
}
