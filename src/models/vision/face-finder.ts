/**
 * Finds the face at any roll and most distances a cot camera sees, within a per-frame budget of
 * detector passes. The stock short-range detector only sees roughly upright faces that fill a
 * good part of its 128 px input, so a pass shows it a part of the frame (all of it, or a zoomed
 * tile) turned by a quarter turn, drawn small (it shrinks its input to 128 px anyway).
 *
 *  - Following a face: the whole frame at the turn it was last seen at; if that misses, a zoom
 *    around its last box. A box there is accepted at the detector's own threshold.
 *  - Searching: the next passes of a cycle carried from frame to frame (the whole frame at
 *    0/90/180/270°, then each tile at each turn). Turned and zoomed pictures make the detector
 *    see faces in shirts and flags, so a new face must score CONFIDENT_SCORE, or be confirmed by
 *    a zoom around it that does.
 * Detections are merged across passes, and the tracker holds the last box through a few misses.
 */
import { FaceTracker, fromRegion, intersectionOverUnion, mergeDetections, regionAround, searchTiles, unrotateBox, type PassDetection, type TrackedFace } from '../../features/face-merge.ts';
import type { PixelBox } from '../../features/face-crop.ts';
import type { FaceDetectorLike } from './mediapipe-face-detector.ts';

/** A newly found face must score this much (or be confirmed by a zoom that does). */
export const CONFIDENT_SCORE = 0.7;
/** Longer side a whole frame is drawn at for a pass: plenty for a 128 px detector input, cheap to copy. */
const FRAME_DRAW_PX = 320;
/** Longer side a zoomed part is drawn at. */
const ZOOM_DRAW_PX = 256;
/** Zoom around a box: this many times its longer side. */
const ZOOM_AROUND = 2.5;
/**
 * Detector passes allowed per frame. Measured (BENCHMARKS.md): a pass costs about 3 ms in the
 * worker, the crop and trunk about 10, so six keep a frame under the 40 ms p95 budget; a full
 * search of a frame without a face is spread over several frames instead.
 */
export const MAX_PASSES_PER_FRAME = 6;
const TURNS = [0, 90, 180, 270] as const;

interface Pass {
  region: PixelBox | 'frame';
  rotationDegrees: number;
}

/** The search cycle: the whole frame at every turn, then every tile at every turn (groups of TURNS.length). */
function searchCycle(frameWidthPx: number, frameHeightPx: number): Pass[] {
  const passes: Pass[] = TURNS.map((rotationDegrees) => ({ region: 'frame', rotationDegrees }));
  for (const tile of searchTiles(frameWidthPx, frameHeightPx)) for (const rotationDegrees of TURNS) passes.push({ region: tile, rotationDegrees });
  return passes;
}

export interface FoundFace {
  face: TrackedFace | null;
  /** Detector passes this frame took. */
  passes: number;
}

export class FaceFinder {
  readonly #tracker = new FaceTracker();
  readonly #canvas = new OffscreenCanvas(FRAME_DRAW_PX, FRAME_DRAW_PX);
  /** Where the search cycle stands, carried from frame to frame. */
  #cycleStep = 0;

  constructor(
    private readonly detector: FaceDetectorLike,
    private readonly maxPasses: number = MAX_PASSES_PER_FRAME,
  ) {}

  /** Forgets the followed face and restarts the search cycle (for an unrelated picture). */
  reset(): void {
    this.#tracker.reset();
    this.#cycleStep = 0;
  }

  find(frame: ImageBitmap): FoundFace {
    let passes = 0;
    const run = (pass: Pass): PassDetection[] => {
      passes++;
      return this.#detect(frame, pass);
    };
    const zoomAround = (box: PassDetection): Pass => ({ region: regionAround(box, ZOOM_AROUND, frame.width, frame.height), rotationDegrees: box.rotationDegrees });
    const accept = (box: PassDetection): FoundFace => {
      this.#cycleStep = 0;
      return { face: this.#tracker.update([box]), passes };
    };

    const last = this.#tracker.last;
    if (last !== null) {
      const same = (ds: PassDetection[]): PassDetection | undefined => mergeDetections(ds).find((d) => intersectionOverUnion(d, last) > 0);
      const seen = same(run({ region: 'frame', rotationDegrees: last.rotationDegrees })) ?? same(run(zoomAround(last)));
      if (seen !== undefined) return accept(seen);
    }

    const cycle = searchCycle(frame.width, frame.height);
    const candidates: PassDetection[] = [];
    while (passes < this.maxPasses) {
      const step = this.#cycleStep % cycle.length;
      this.#cycleStep = step + 1;
      candidates.push(...run(cycle[step] as Pass));
      // A region is judged once seen at every turn: the right turn usually scores best.
      if (this.#cycleStep % TURNS.length === 0 && candidates.some((d) => d.score >= CONFIDENT_SCORE)) break;
    }
    const merged = mergeDetections(candidates);
    const confident = merged.find((d) => d.score >= CONFIDENT_SCORE);
    if (confident !== undefined) return accept(confident);
    for (const weak of merged) {
      if (passes >= this.maxPasses + 2) break;
      const confirmed = mergeDetections(run(zoomAround(weak))).find((d) => d.score >= CONFIDENT_SCORE && intersectionOverUnion(d, weak) > 0);
      if (confirmed !== undefined) return accept(confirmed);
    }
    return { face: this.#tracker.update([]), passes };
  }

  /** One pass: `region` of the frame drawn turned into the canvas, detected, boxes back in frame pixels. */
  #detect(frame: ImageBitmap, pass: Pass): PassDetection[] {
    const region = pass.region === 'frame' ? { x: 0, y: 0, width: frame.width, height: frame.height } : pass.region;
    const longest = pass.region === 'frame' ? FRAME_DRAW_PX : ZOOM_DRAW_PX;
    const scale = Math.min(1, longest / Math.max(region.width, region.height));
    const drawnWidth = Math.max(1, Math.round(region.width * scale));
    const drawnHeight = Math.max(1, Math.round(region.height * scale));
    const quarter = pass.rotationDegrees % 180 !== 0;
    const canvasWidth = quarter ? drawnHeight : drawnWidth;
    const canvasHeight = quarter ? drawnWidth : drawnHeight;
    if (this.#canvas.width !== canvasWidth || this.#canvas.height !== canvasHeight) {
      this.#canvas.width = canvasWidth;
      this.#canvas.height = canvasHeight;
    }
    const ctx = this.#canvas.getContext('2d');
    if (ctx === null) throw new Error('This browser cannot draw images off screen (no OffscreenCanvas 2D).');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.translate(canvasWidth / 2, canvasHeight / 2);
    ctx.rotate((pass.rotationDegrees * Math.PI) / 180);
    ctx.drawImage(frame, region.x, region.y, region.width, region.height, -drawnWidth / 2, -drawnHeight / 2, drawnWidth, drawnHeight);
    return this.detector.detect(this.#canvas).map((d) => ({
      ...fromRegion(unrotateBox(d, pass.rotationDegrees, drawnWidth, drawnHeight), region, drawnWidth, drawnHeight),
      rotationDegrees: pass.rotationDegrees,
    }));
  }
}
