/// <reference lib="webworker" />
/**
 * The vision worker: owns the face detector, the trunk, the eye nets and any need head, and answers one
 * result per frame. The main thread sends a new frame only after the previous result, so
 * frames never queue up here.
 */
import * as tf from '@tensorflow/tfjs';
import { FaceAnalyzer } from '../src/models/vision/face-analyzer.ts';
import { faceTrunkFromModel, loadNeedHeadIfInstalled } from '../src/models/vision/face-models.ts';
import { loadEyeLandmarker } from '../src/models/vision/eye-landmarks.ts';
import { createMediaPipeFaceDetector } from '../src/models/vision/mediapipe-face-detector.ts';
import { fetchModelVersion } from '../src/models/vision/model-version.ts';
import { percentile } from '../src/models/vision/percentile.ts';
import type { VisionInitRequest, VisionWorkerEvent, VisionWorkerRequest } from '../src/protocol/vision-worker-messages.ts';
import { startVisionTf } from './vision-tf-backend.ts';
import { checkRegion, WHOLE_FRAME, type Region } from '../src/features/motion.ts';

declare const self: DedicatedWorkerGlobalScope;

const TRUNK_PATH = 'models/vision/model.json';
const NEED_HEAD_PATH = 'models/vision/need-head/';

let analyzer: FaceAnalyzer | null = null;
let backend = '';

function post(event: VisionWorkerEvent, transfer: Transferable[] = []): void {
  self.postMessage(event, transfer);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function init(request: VisionInitRequest): Promise<void> {
  const { id, baseUrl } = request;
  try {
    backend = await startVisionTf(request.backend);
    const trunkUrl = new URL(TRUNK_PATH, baseUrl).href;
    const needHeadUrl = new URL(NEED_HEAD_PATH, baseUrl).href;
    const [detector, trunkModel, needHead, trunkVersion, eyeLandmarker] = await Promise.all([
      createMediaPipeFaceDetector(baseUrl),
      tf.loadLayersModel(trunkUrl),
      loadNeedHeadIfInstalled(needHeadUrl),
      fetchModelVersion(trunkUrl),
      loadEyeLandmarker(baseUrl),
    ]);
    const versions: Record<string, string> = { 'vision-trunk': trunkVersion };
    if (needHead !== null) versions['vision-need-head'] = await fetchModelVersion(new URL('model.json', needHeadUrl).href);
    analyzer?.dispose();
    analyzer = new FaceAnalyzer(detector, faceTrunkFromModel(trunkModel), needHead, eyeLandmarker);
    analyzer.setMotionRegion(region);
    post({ type: 'ready', id, backend, hasNeedHead: analyzer.hasNeedHead, versions });
  } catch (error) {
    post({ type: 'unavailable', id, reason: `Face analysis could not start: ${describe(error)}` });
  }
}

function analyzeFrame(id: number, frame: ImageBitmap, timestampMs: number, continuous: boolean): void {
  if (analyzer === null) {
    frame.close();
    post({ type: 'error', id, code: 'not-ready', message: 'Face analysis is still starting.' });
    return;
  }
  try {
    if (!continuous) analyzer.resetTracking();
    const result = analyzer.analyze(frame, true);
    const transfer: Transferable[] = [];
    if (result.cropImage) transfer.push(result.cropImage);
    if (result.embedding) transfer.push(result.embedding.buffer);
    post({ type: 'result', id, timestampMs, ...result, liveTensors: tf.memory().numTensors }, transfer);
  } catch (error) {
    post({ type: 'error', id, code: 'analysis-failed', message: `Analysing the camera picture failed: ${describe(error)}` });
  } finally {
    frame.close();
  }
}

function bench(id: number, frame: ImageBitmap, iterations: number, mode: 'follow' | 'search'): void {
  if (analyzer === null) {
    frame.close();
    post({ type: 'error', id, code: 'not-ready', message: 'Face analysis is still starting.' });
    return;
  }
  const before = tf.memory().numTensors;
  const times: number[] = [];
  const eyeTimes: number[] = [];
  let passes = 0;
  analyzer.resetTracking();
  for (let i = 0; i < iterations; i++) {
    if (mode === 'search') analyzer.resetTracking();
    const start = performance.now();
    const result = analyzer.analyze(frame, false);
    times.push(performance.now() - start);
    passes += result.search.passes;
    eyeTimes.push(result.timings.eyesMs);
  }
  post({
    type: 'bench-result', id, backend, iterations, frameWidthPx: frame.width, frameHeightPx: frame.height, mode, meanPasses: passes / iterations,
    p50Ms: percentile(times, 0.5), p95Ms: percentile(times, 0.95), eyesP50Ms: percentile(eyeTimes, 0.5), eyesP95Ms: percentile(eyeTimes, 0.95), leakedTensors: tf.memory().numTensors - before,
  });
  frame.close();
}

/** Kept across analyser restarts (init), so a replaced worker measures the same cot. */
let region: Region = WHOLE_FRAME;

function setRegion(id: number, requested: Region): void {
  try {
    region = checkRegion(requested);
    analyzer?.setMotionRegion(region);
    post({ type: 'region-set', id, region });
  } catch (error) {
    post({ type: 'error', id, code: 'bad-request', message: describe(error) });
  }
}

self.onmessage = (message: MessageEvent<VisionWorkerRequest>) => {
  const request = message.data;
  switch (request.type) {
    case 'init':
      void init(request);
      break;
    case 'frame':
      analyzeFrame(request.id, request.frame, request.timestampMs, request.continuous !== false);
      break;
    case 'bench':
      bench(request.id, request.frame, Math.max(1, Math.floor(request.iterations)), request.mode ?? 'follow');
      break;
    case 'set-region':
      setRegion(request.id, request.region);
      break;
    case 'ping':
      post({ type: 'pong', id: request.id });
      break;
  }
};
