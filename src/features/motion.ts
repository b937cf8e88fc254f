/**
 * A cheap motion measure for a cot camera: consecutive low-resolution luma frames compared inside
 * the cot region. Pure, so scripted frame sequences test it.
 *
 * Robust to:
 *  - camera noise: frames are small (a 640×480 frame shrunk to 64×48 averages ~100 pixels into
 *    each), and a pixel counts as changed only when it moved more than CHANGE_LEVELS luma levels
 *    and more than NOISE_MULTIPLE times the frame's own noise (read off the median change, which
 *    a baby covering part of the region does not move);
 *  - slow or sudden light changes (dusk, auto-exposure, a lamp): each frame is divided by its own
 *    mean inside the region before comparing, so a uniform change of brightness or gain is no
 *    motion;
 *  - breathing: a chest rising changes a handful of low-resolution pixels; "moving" needs more
 *    than MOVING_FRACTION of the region, and stays until STILL_AFTER_FRAMES frames in a row are
 *    below it (no flicker between the two).
 */

/** A normalized rectangle of the frame: 0–1 from the top-left corner. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const WHOLE_FRAME: Region = { x: 0, y: 0, width: 1, height: 1 };

/** Side of the luma thumbnail motion is measured on (64×48 for a 4:3 frame). */
export const MOTION_WIDTH_PX = 64;
export const MOTION_HEIGHT_PX = 48;
/** A pixel counts as changed when it moved this many luma levels (0–255), after light normalization. */
export const CHANGE_LEVELS = 14;
/** A pixel must also change by this many times the noise (1.4826 × median absolute change). */
export const NOISE_MULTIPLE = 4;
/** "Moving" when more than this share of the region's pixels changed. */
export const MOVING_FRACTION = 0.03;
/** Frames in a row below MOVING_FRACTION before "moving" turns back to "still" (about 1 s at 3 fps). */
export const STILL_AFTER_FRAMES = 3;
/** Below this mean luma inside the region nothing can be told (no infrared light, lens covered). */
export const MIN_MOTION_LUMA = 12;
/** The region must hold at least this many thumbnail pixels to be measured. */
const MIN_REGION_PIXELS = 16;

export type MotionState = 'moving' | 'still' | 'too-dark' | 'starting';

export interface MotionReading {
  state: MotionState;
  /** Share of the region's pixels that changed since the last frame, 0–1; null when not measured. */
  changedFraction: number | null;
}

/** Checks and clamps a region into the frame; throws a readable error for nonsense. */
export function checkRegion(region: Region): Region {
  const values = [region.x, region.y, region.width, region.height];
  if (!values.every(Number.isFinite)) throw new Error('The cot region must be four numbers.');
  const x = Math.min(Math.max(region.x, 0), 1);
  const y = Math.min(Math.max(region.y, 0), 1);
  const width = Math.min(Math.max(region.width, 0), 1 - x);
  const height = Math.min(Math.max(region.height, 0), 1 - y);
  if (width < 0.05 || height < 0.05) throw new Error('The cot region is too small: drag over at least a twentieth of the picture each way.');
  return { x, y, width, height };
}

/** Pixel bounds of `region` in a width×height thumbnail. */
function bounds(region: Region, widthPx: number, heightPx: number): { x0: number; y0: number; x1: number; y1: number } {
  return {
    x0: Math.floor(region.x * widthPx),
    y0: Math.floor(region.y * heightPx),
    x1: Math.min(widthPx, Math.ceil((region.x + region.width) * widthPx)),
    y1: Math.min(heightPx, Math.ceil((region.y + region.height) * heightPx)),
  };
}

/** The region's luma, each pixel divided by the region's mean and scaled to 128. */
function normalizedRegion(luma: ArrayLike<number>, widthPx: number, heightPx: number, region: Region): { pixels: Float32Array; meanLuma: number } {
  const { x0, y0, x1, y1 } = bounds(region, widthPx, heightPx);
  const pixels = new Float32Array(Math.max(0, x1 - x0) * Math.max(0, y1 - y0));
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const v = luma[y * widthPx + x] ?? 0;
      pixels[n++] = v;
      sum += v;
    }
  }
  const meanLuma = n > 0 ? sum / n : 0;
  if (meanLuma > 0) for (let i = 0; i < n; i++) pixels[i] = ((pixels[i] ?? 0) * 128) / meanLuma;
  return { pixels, meanLuma };
}

function median(values: Float32Array): number {
  const sorted = Float32Array.from(values).sort();
  return sorted.length === 0 ? 0 : (sorted[Math.floor(sorted.length / 2)] ?? 0);
}

/** Follows one camera's frames; `push` one luma thumbnail per frame. */
export class MotionMeter {
  #previous: Float32Array | null = null;
  #region: Region = WHOLE_FRAME;
  #moving = false;
  #quietFrames = 0;

  get region(): Region {
    return this.#region;
  }

  /** Sets the cot region (normalized); the next frame starts a fresh comparison. */
  setRegion(region: Region): void {
    this.#region = checkRegion(region);
    this.reset();
  }

  /** Forgets the previous frame (a new scene). */
  reset(): void {
    this.#previous = null;
    this.#moving = false;
    this.#quietFrames = 0;
  }

  push(luma: ArrayLike<number>, widthPx: number, heightPx: number): MotionReading {
    if (luma.length !== widthPx * heightPx) throw new Error('The motion thumbnail size does not match width × height.');
    const { pixels, meanLuma } = normalizedRegion(luma, widthPx, heightPx, this.#region);
    if (pixels.length < MIN_REGION_PIXELS) throw new Error('The cot region holds too few pixels to measure motion.');
    if (meanLuma < MIN_MOTION_LUMA) {
      this.reset();
      return { state: 'too-dark', changedFraction: null };
    }
    const previous = this.#previous;
    this.#previous = pixels;
    if (previous === null || previous.length !== pixels.length) return { state: 'starting', changedFraction: null };
    const differences = new Float32Array(pixels.length);
    for (let i = 0; i < pixels.length; i++) differences[i] = Math.abs((pixels[i] ?? 0) - (previous[i] ?? 0));
    const noiseSigma = 1.4826 * median(differences);
    const threshold = Math.max(CHANGE_LEVELS, NOISE_MULTIPLE * noiseSigma);
    let changed = 0;
    for (const d of differences) if (d > threshold) changed++;
    const changedFraction = changed / pixels.length;
    if (changedFraction > MOVING_FRACTION) {
      this.#moving = true;
      this.#quietFrames = 0;
    } else if (this.#moving && ++this.#quietFrames >= STILL_AFTER_FRAMES) {
      this.#moving = false;
    }
    return { state: this.#moving ? 'moving' : 'still', changedFraction };
  }
}
