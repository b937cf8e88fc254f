/**
 * One camera frame in, one face report out: detect → most confident face → square crop
 * with margin → quality → trunk (embedding, expressions, distress) → need head if trained.
 * Uses OffscreenCanvas for cropping and resizing (available in workers and pages alike).
 */
import { faceSizeFraction, squareCropAround } from '../../features/face-crop.ts';
import { classifyFace, lumaOf, mean, normalizedSharpness, type FaceQuality } from '../../features/face-quality.ts';
import type { FaceDetectorLike } from './mediapipe-face-detector.ts';
import type { FaceTrunk, NeedHead } from './face-models.ts';
import { distressScore, normalizeTrunkPixels, TRUNK_INPUT_SIZE_PX } from './face-trunk.ts';
import type { FaceAnalysis } from './face-analysis.ts';
import { FaceFinder } from './face-finder.ts';
import { MOTION_HEIGHT_PX, MOTION_WIDTH_PX, MotionMeter, type MotionReading, type Region } from '../../features/motion.ts';

/** Side of the thumbnail used to measure a whole frame's brightness when no face is found, in pixels. */
const BRIGHTNESS_PROBE_PX = 32;

function context2d(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (ctx === null) throw new Error('This browser cannot draw images off screen (no OffscreenCanvas 2D).');
  return ctx;
}

export class FaceAnalyzer {
  private readonly cropCanvas = new OffscreenCanvas(TRUNK_INPUT_SIZE_PX, TRUNK_INPUT_SIZE_PX);
  private readonly probeCanvas = new OffscreenCanvas(BRIGHTNESS_PROBE_PX, BRIGHTNESS_PROBE_PX);
  private readonly finder: FaceFinder;
  private readonly motionCanvas = new OffscreenCanvas(MOTION_WIDTH_PX, MOTION_HEIGHT_PX);
  private readonly motion = new MotionMeter();

  constructor(
    private readonly detector: FaceDetectorLike,
    private readonly trunk: FaceTrunk,
    private readonly needHead: NeedHead | null,
  ) {
    this.finder = new FaceFinder(detector);
  }

  /** Forgets the face followed and the frame motion is measured against (the next frame is a new scene). */
  resetTracking(): void {
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
      const ctx = context2d(this.probeCanvas);
      ctx.drawImage(frame, 0, 0, BRIGHTNESS_PROBE_PX, BRIGHTNESS_PROBE_PX);
      const meanLuma = mean(lumaOf(ctx.getImageData(0, 0, BRIGHTNESS_PROBE_PX, BRIGHTNESS_PROBE_PX).data, 4));
      const quality: FaceQuality = { detectionScore: 0, faceSizeFraction: 0, meanLuma, sharpness: 0 };
      const end = performance.now();
      return {
        frameWidthPx, frameHeightPx, status: classifyFace(quality), quality, face: null, search, motion, crop: null, cropImage: null,
        expressions: null, distressScore: null, embedding: null, needProbabilities: null,
        timings: { detectMs: detected - start, cropMs: end - detected, trunkMs: 0, totalMs: end - start },
      };
    }
    const crop = squareCropAround(best, frameWidthPx, frameHeightPx);
    const ctx = context2d(this.cropCanvas);
    // Turned the way the detector saw it upright, so the trunk (and the thumbnail) get an upright face.
    const half = TRUNK_INPUT_SIZE_PX / 2;
    ctx.setTransform(1, 0, 0, 1, half, half);
    ctx.rotate(((best.rotationDegrees % 360) * Math.PI) / 180);
    ctx.drawImage(frame, crop.x, crop.y, crop.side, crop.side, -half, -half, TRUNK_INPUT_SIZE_PX, TRUNK_INPUT_SIZE_PX);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    const rgba = ctx.getImageData(0, 0, TRUNK_INPUT_SIZE_PX, TRUNK_INPUT_SIZE_PX).data;
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
    const end = performance.now();
    return {
      frameWidthPx, frameHeightPx, status, quality,
      face: { x: best.x, y: best.y, width: best.width, height: best.height, score: best.score },
      search, motion, crop, cropImage,
      expressions: Array.from(expressions),
      distressScore: usable ? distressScore(expressions) : null,
      embedding, needProbabilities,
      timings: { detectMs: detected - start, cropMs: cropped - detected, trunkMs: end - cropped, totalMs: end - start },
    };
  }

  dispose(): void {
    this.detector.close();
    this.trunk.dispose();
    this.needHead?.dispose();
  }
}
