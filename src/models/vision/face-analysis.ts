/** What the camera branch saw in one frame (face and motion): produced by face-analyzer.ts in the worker, read by fusion and the camera panel. */
import type { FaceQuality, FaceStatus } from '../../features/face-quality.ts';
import type { SquareCrop } from '../../features/face-crop.ts';
import type { NeedProbabilities } from '../../domain/needs.ts';
import type { MotionReading } from '../../features/motion.ts';
import type { EyesReading } from '../../features/eyes.ts';

export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Detector confidence, 0–1. */
  score: number;
}

/** What the face branch saw in one frame (computed by face-analyzer.ts). */
export interface FaceAnalysis {
  frameWidthPx: number;
  frameHeightPx: number;
  status: FaceStatus;
  quality: FaceQuality;
  /** The most confident face, in frame pixels; null when none was found. */
  face: FaceBox | null;
  /** How the face was found this frame. */
  search: FaceSearch;
  /** Moving or still inside the cot region, since the previous frame. */
  motion: MotionReading;
  /** Eyes open or closed, or why it cannot be told; null without a face. Not validated on infants. */
  eyes: EyesReading | null;
  /** The square the trunk saw, in frame pixels; null without a face. */
  crop: SquareCrop | null;
  /** The crop as the trunk saw it (112 px), for the thumbnail; null without a face. */
  cropImage: ImageBitmap | null;
  /** Expression probabilities in EXPRESSION_LABELS order; null without a face. */
  expressions: number[] | null;
  /** P(sad)+P(angry)+P(fearful)+P(disgusted) of an adult-face network, 0–1; not validated on infants. */
  distressScore: number | null;
  /** The trunk's 256 pooled features, for per-baby learning; null without a face. */
  embedding: Float32Array | null;
  /** Only from a trained need head; null (uninformed) otherwise. */
  needProbabilities: NeedProbabilities | null;
  /** Time spent in this worker on the frame, in milliseconds. */
  timings: VisionTimings;
}

export interface VisionTimings {
  detectMs: number;
  cropMs: number;
  trunkMs: number;
  /** Face Mesh + Iris; 0 when they did not run (no face, or a picture too poor to tell the eyes). */
  eyesMs: number;
  totalMs: number;
}

export interface FaceSearch {
  /** Detector passes this frame took (turns and zooms; see face-finder.ts). */
  passes: number;
  /** 'detected' this frame, 'held' from a recent frame through a miss; null without a face. */
  source: 'detected' | 'held' | null;
  /** The turn (degrees clockwise) the detector saw the face at; null without a face. */
  rotationDegrees: number | null;
}
