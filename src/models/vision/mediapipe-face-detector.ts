/**
 * MediaPipe's face detector (tasks-vision 0.10.35, pinned: later versions send usage logs)
 * running on the CPU inside our worker, with its wasm and model read from the app's origin.
 *
 * Why the "module" wasm variant: tasks-vision loads its wasm loader with importScripts,
 * which module workers lack; it then falls back to import(), which only the ES-module build
 * of the loader (vision_wasm_module_internal.js) supports. That build needs WebAssembly
 * SIMD, so it is the only variant we serve; devices without SIMD get a clear message.
 */
import { FaceDetector, FilesetResolver } from '@mediapipe/tasks-vision';
import type { ScoredBox } from '../../features/face-crop.ts';

export const MEDIAPIPE_WASM_DIR = 'mediapipe/';
export const MEDIAPIPE_WASM_LOADER = 'vision_wasm_module_internal.js';
export const MEDIAPIPE_WASM_BINARY = 'vision_wasm_module_internal.wasm';
export const FACE_DETECTOR_MODEL_PATH = 'models/vision/face_detection_short_range_with_metadata.tflite';
/** Detections below this confidence are dropped by MediaPipe itself. */
export const DETECTOR_MIN_CONFIDENCE = 0.5;

export interface FaceDetectorLike {
  /**
   * Faces in `image`, boxes in its pixels. `rotationDegrees` (a multiple of 90, clockwise) turns
   * the picture before the detector sees it, so a baby lying sideways is upright for it.
   */
  detect(image: ImageBitmap | OffscreenCanvas, rotationDegrees?: number): ScoredBox[];
  close(): void;
}

export async function createMediaPipeFaceDetector(baseUrl: string): Promise<FaceDetectorLike> {
  if (!(await FilesetResolver.isSimdSupported())) {
    throw new Error('This browser lacks WebAssembly SIMD, which face detection needs (Chrome 91+, Firefox 89+, Safari 16.4+).');
  }
  const modelUrl = new URL(FACE_DETECTOR_MODEL_PATH, baseUrl).href;
  const response = await fetch(modelUrl);
  if (!response.ok) throw new Error(`The face detector model could not be read (${response.status}).`);
  const model = new Uint8Array(await response.arrayBuffer());
  const wasmDir = new URL(MEDIAPIPE_WASM_DIR, baseUrl);
  const detector = await FaceDetector.createFromOptions(
    { wasmLoaderPath: new URL(MEDIAPIPE_WASM_LOADER, wasmDir).href, wasmBinaryPath: new URL(MEDIAPIPE_WASM_BINARY, wasmDir).href },
    {
      baseOptions: { modelAssetBuffer: model, delegate: 'CPU' },
      runningMode: 'IMAGE',
      minDetectionConfidence: DETECTOR_MIN_CONFIDENCE,
    },
  );
  return {
    detect(image, rotationDegrees = 0) {
      const result = detector.detect(image, rotationDegrees === 0 ? undefined : { rotationDegrees });
      const faces: ScoredBox[] = [];
      for (const d of result.detections) {
        const box = d.boundingBox;
        if (box === undefined) continue;
        faces.push({ x: box.originX, y: box.originY, width: box.width, height: box.height, score: d.categories[0]?.score ?? 0 });
      }
      return faces;
    },
    close: () => detector.close(),
  };
}
