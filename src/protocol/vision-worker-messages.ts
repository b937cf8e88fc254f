import type { FaceAnalysis } from '../models/vision/face-analysis.ts';
import type { Region } from '../features/motion.ts';
import type { WorkerEnvelope, WorkerErrorEvent, WorkerPingRequest, WorkerPongEvent } from './envelope.ts';

/**
 * The one message protocol between the main thread and workers/vision.worker.ts, declared
 * once and imported by both ends. Every request carries an `id`; replies echo it, so the
 * main thread drops a late reply to a frame or session it has moved past.
 *
 * Frames travel as transferable ImageBitmaps: the worker owns and closes them.
 */

/** Loads the face detector, the trunk and (if installed) a need head from `baseUrl` (the app's base URL, ending in '/'). */
export interface VisionInitRequest extends WorkerEnvelope<'init'> {
  baseUrl: string;
  /** TF.js backend to try first for the trunk (default wasm); for benchmarks. */
  backend?: 'wasm' | 'webgl' | 'cpu';
}

/** One camera frame to analyse; the bitmap is transferred and closed by the worker. */
export interface VisionFrameRequest extends WorkerEnvelope<'frame'> {
  frame: ImageBitmap;
  /** When the frame was captured, milliseconds on the sender's performance clock. */
  timestampMs: number;
  /**
   * False: a picture unrelated to the previous frame (an evaluation set), searched afresh with no
   * face followed from before and no motion measured against it. Default true (a camera stream).
   */
  continuous?: boolean;
}

/** Times the whole per-frame path `iterations` times on `frame` (closed afterwards). */
export interface VisionBenchRequest extends WorkerEnvelope<'bench'> {
  frame: ImageBitmap;
  iterations: number;
  /**
   * 'follow' (default): the face found in one iteration is followed into the next, as on a live
   * camera. 'search': every iteration starts afresh, the cost of finding a face (or of searching
   * a frame without one, up to every pass the budget allows).
   */
  mode?: 'follow' | 'search';
}

/** Sets the cot region motion is measured in (normalized to the frame); answered with 'region-set' or an error. */
export interface VisionRegionRequest {
  type: 'set-region';
  id: number;
  region: Region;
}

export type VisionPingRequest = WorkerPingRequest;

export type VisionWorkerRequest = VisionInitRequest | VisionFrameRequest | VisionBenchRequest | VisionRegionRequest | VisionPingRequest;

export interface VisionRegionSetEvent {
  type: 'region-set';
  id: number;
  /** The region as the worker measures it (clamped into the frame). */
  region: Region;
}

export interface VisionReadyEvent extends WorkerEnvelope<'ready'> {
  /** TF.js backend running the trunk (e.g. "wasm"). */
  backend: string;
  /** Whether a trained need head was found at models/vision/need-head/. */
  hasNeedHead: boolean;
  /** Version tags of the loaded models ("vision-trunk", and "vision-need-head" when installed), for episode records. */
  versions: Readonly<Record<string, string>>;
}

/** The face branch cannot run; `reason` is written for the person holding the phone. */
export interface VisionUnavailableEvent extends WorkerEnvelope<'unavailable'> {
  reason: string;
}

/** One frame's analysis as the worker reports it. */
export interface VisionResultEvent extends FaceAnalysis, WorkerEnvelope<'result'> {
  timestampMs: number;
  /** TF.js tensors alive in the worker after this frame: constant from frame to frame unless something leaks. */
  liveTensors: number;
}

export interface VisionBenchEvent extends WorkerEnvelope<'bench-result'> {
  backend: string;
  iterations: number;
  frameWidthPx: number;
  frameHeightPx: number;
  mode: 'follow' | 'search';
  /** Detector passes per frame, mean over the iterations. */
  meanPasses: number;
  p50Ms: number;
  p95Ms: number;
  /** The eye nets' share of a frame (Face Mesh + Iris; 0 on frames where they did not run). */
  eyesP50Ms: number;
  eyesP95Ms: number;
  /** Tensors alive after the run minus before it: 0 means nothing leaked. */
  leakedTensors: number;
}

export type VisionWorkerErrorCode = 'bad-request' | 'analysis-failed' | 'not-ready';

export type VisionWorkerErrorEvent = WorkerErrorEvent<VisionWorkerErrorCode>;

export type VisionPongEvent = WorkerPongEvent;

export type VisionWorkerEvent = VisionReadyEvent | VisionUnavailableEvent | VisionResultEvent | VisionBenchEvent | VisionRegionSetEvent | VisionWorkerErrorEvent | VisionPongEvent;
