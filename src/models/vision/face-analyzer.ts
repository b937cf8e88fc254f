/**
 * One camera frame in, one face report out: detect → most confident face → square crop
 * with margin → quality → trunk (embedding, expressions, distress) → need head if trained →
 * eyes (Face Mesh + Iris on the same upright square at 192 px) when the picture can tell them.
 * Uses OffscreenCanvas for cropping and resizing (available in workers and pages alike).
 */
import { faceSizeFraction, squareCropAround, type SquareCrop } from '../../features/face-crop.ts';
import { classifyFace, lumaOf, mean, normalizedSharpness, type FaceQuality } from '../../features/face-quality.ts';
import type { FaceDetectorLike } from './mediapipe-face-detector.ts';
import type { FaceTrunk, NeedHead } from './face-models.ts';
import { distressScore, normalizeTrunkPixels, TRUNK_INPUT_SIZE_PX } from './face-trunk.ts';
import type { FaceAnalysis } from './face-analysis.ts';
import { FaceFinder } from './face-finder.ts';
import { eyesPictureProblem, readEyes, type EyesReading } from '../../features/eyes.ts';
import { FACE_MESH_INPUT_PX, type EyeLandmarker } from './eye-landmarks.ts';
import { EyesSchedule } from './eyes-schedule.ts';
import { MOTION_HEIGHT_PX, MOTION_WIDTH_PX, MotionMeter, type MotionReading, type Region } from '../../features/motion.ts';

/** Side of the thumbnail used to measure a whole frame's brightness when no face is found, in pixels. */
const BRIGHTNESS_PROBE_PX = 32;

function context2d(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (ctx === null) throw new Error('This browser cannot draw images off screen (no OffscreenCanvas 2D).');
  return ctx;
}

/**
 * Draws the `crop` square of `frame` into `canvas` (filling it), turned the way the detector saw
 * the face upright, so the trunk, the thumbnail and the eye nets all get an upright face. Returns its RGBA.
 */
function drawUpright(canvas: OffscreenCanvas, frame: ImageBitmap, crop: SquareCrop, rotationDegrees: number): Uint8ClampedArray {
  const ctx = context2d(canvas);
  const side = canvas.width;
  const half = side / 2;
  ctx.setTransform(1, 0, 0, 1, half, half);
  ctx.rotate(((rotationDegrees % 360) * Math.PI) / 180);
  ctx.drawImage(frame, crop.x, crop.y, crop.side, crop.side, -half, -half, side, side);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  return ctx.getImageData(0, 0, side, side).data;
}

export class FaceAnalyzer {
  private readonly cropCanvas = new OffscreenCanvas(TRUNK_INPUT_SIZE_PX, TRUNK_INPUT_SIZE_PX);
  private readonly probeCanvas = new OffscreenCanvas(BRIGHTNESS_PROBE_PX, BRIGHTNESS_PROBE_PX);
  private readonly finder: FaceFinder;
  private readonly motionCanvas = new OffscreenCanvas(MOTION_WIDTH_PX, MOTION_HEIGHT_PX);
  private readonly motion = new MotionMeter();
  private readonly eyesCanvas = new OffscreenCanvas(FACE_MESH_INPUT_PX, FACE_MESH_INPUT_PX);
  private readonly eyesSchedule = new EyesSchedule<EyesReading>();

  constructor(
    private readonly detector: FaceDetectorLike,
    private readonly trunk: FaceTrunk,
    private readonly needHead: NeedHead | null,
    private readonly eyeLandmarker: EyeLandmarker | null,
  ) {
    this.finder = new FaceFinder(detector);
  }

  /** Forgets the face followed and the frame motion is measured against (the next frame is a new scene). */
  resetTracking(): void {
    this.eyesSchedule.drop();
    this.finder.reset();
    this.motion.reset();
  }

  /** The cot region motion is measured in (normalized to the frame); throws a readable error for nonsense. */
  setMotionRegion(region: Region): void {
    this.motion.setRegion(region);
  }

  /** Motion since the last frame, on a 64×48 luma thumbnail (see features/motion.ts). */
  private measureMotion(frame: ImageBitmap): MotionReading {
    const ctx = context2d(this.motionCanvas);
    ctx.drawImage(frame, 0, 0, MOTION_WIDTH_PX, MOTION_HEIGHT_PX);
    return this.motion.push(lumaOf(ctx.getImageData(0, 0, MOTION_WIDTH_PX, MOTION_HEIGHT_PX).data, 4), MOTION_WIDTH_PX, MOTION_HEIGHT_PX);
  }

  get hasNeedHead(): boolean {
    return this.needHead !== null;
  }

  /**
   * Analyses `frame` (not closed here). `withCropImage` returns the 112 px crop as a bitmap
   * for the thumbnail.
   */
  analyze(frame: ImageBitmap, withCropImage: boolean): FaceAnalysis {
    const start = performance.now();
    const frameWidthPx = frame.width;
    const frameHeightPx = frame.height;
    const motion = this.measureMotion(frame);
    const found = this.finder.find(frame);
    const best = found.face?.box ?? null;
    const search = { passes: found.passes, source: found.face?.source ?? null, rotationDegrees: best?.rotationDegrees ?? null };
    const detected = performance.now();
    if (best === null) {
      this.eyesSchedule.drop();
      const ctx = context2d(this.probeCanvas);
      ctx.drawImage(frame, 0, 0, BRIGHTNESS_PROBE_PX, BRIGHTNESS_PROBE_PX);
      const meanLuma = mean(lumaOf(ctx.getImageData(0, 0, BRIGHTNESS_PROBE_PX, BRIGHTNESS_PROBE_PX).data, 4));
      const quality: FaceQuality = { detectionScore: 0, faceSizeFraction: 0, meanLuma, sharpness: 0 };
      const end = performance.now();
      return {
        frameWidthPx, frameHeightPx, status: classifyFace(quality), quality, face: null, search, motion, eyes: null, crop: null, cropImage: null,
        expressions: null, distressScore: null, embedding: null, needProbabilities: null,
        timings: { detectMs: detected - start, cropMs: end - detected, trunkMs: 0, eyesMs: 0, totalMs: end - start },
      };
    }
    const crop = squareCropAround(best, frameWidthPx, frameHeightPx);
    const rgba = drawUpright(this.cropCanvas, frame, crop, best.rotationDegrees);
    const luma = lumaOf(rgba, 4);
    const quality: FaceQuality = {
      detectionScore: best.score,
      faceSizeFraction: faceSizeFraction(best, frameWidthPx, frameHeightPx),
      meanLuma: mean(luma),
      sharpness: normalizedSharpness(luma, TRUNK_INPUT_SIZE_PX, TRUNK_INPUT_SIZE_PX),
    };
    const status = classifyFace(quality);
    const cropImage = withCropImage ? this.cropCanvas.transferToImageBitmap() : null;
    const cropped = performance.now();
    const { embedding, expressions } = this.trunk.run(normalizeTrunkPixels(rgba, 4));
    // Distress and needs are only read off a picture good enough to look at.
    const usable = status === 'face-visible';
    const needProbabilities = usable && this.needHead !== null ? this.needHead.predict(embedding) : null;
    const trunkDone = performance.now();
    const eyes = this.readEyes(frame, crop, best.rotationDegrees, quality, found.passes);
    const end = performance.now();
    return {
      frameWidthPx, frameHeightPx, status, quality,
      face: { x: best.x, y: best.y, width: best.width, height: best.height, score: best.score },
      search, motion, eyes, crop, cropImage,
      expressions: Array.from(expressions),
      distressScore: usable ? distressScore(expressions) : null,
      embedding, needProbabilities,
      timings: { detectMs: detected - start, cropMs: cropped - detected, trunkMs: trunkDone - cropped, eyesMs: end - trunkDone, totalMs: end - start },
    };
  }

  /**
   * The eyes, from the same upright square drawn at Face Mesh's size, on a picture that can tell
   * them and when the schedule says so; otherwise the reading held for this face (or "cannot
   * tell" until there is one).
   */
  private readEyes(frame: ImageBitmap, crop: SquareCrop, rotationDegrees: number, quality: FaceQuality, detectorPasses: number): EyesReading {
    if (this.eyeLandmarker === null || eyesPictureProblem(quality) !== null) {
      this.eyesSchedule.drop();
      return readEyes(null, quality);
    }
    if (!this.eyesSchedule.due(detectorPasses)) return this.eyesSchedule.held ?? readEyes(null, quality);
    const rgba = drawUpright(this.eyesCanvas, frame, crop, rotationDegrees);
    const pixels = new Float32Array(FACE_MESH_INPUT_PX * FACE_MESH_INPUT_PX * 3);
    for (let i = 0, j = 0; j < pixels.length; i += 4, j += 3) {
      pixels[j] = (rgba[i] ?? 0) / 255;
      pixels[j + 1] = (rgba[i + 1] ?? 0) / 255;
      pixels[j + 2] = (rgba[i + 2] ?? 0) / 255;
    }
    return this.eyesSchedule.ran(readEyes(this.eyeLandmarker.run(pixels), quality));
  }

  dispose(): void {
    this.detector.close();
    this.trunk.dispose();
    this.needHead?.dispose();
    this.eyeLandmarker?.dispose();
  }
}
