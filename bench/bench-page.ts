/**
 * The page `npm run bench` drives in headless Chromium. It exposes one entry point for the
 * driver; the app itself never loads this file.
 */
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import astronautUrl from '../tests/fixtures/astronaut.png?url';
import { benchmarkVisionPath } from '../src/capture/vision-benchmark.ts';
import type { VisionBenchEvent } from '../src/protocol/vision-worker-messages.ts';
import { benchmarkAudioPath } from './audio-bench.ts';
import type {} from './bench-api.ts';

/** Frames timed on the vision path per backend (each takes tens of milliseconds). */
const VISION_FRAMES = 60;

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
});

async function loadImage(url: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = url;
  await image.decode();
  return image;
}

async function runVision(backend: 'wasm' | 'webgl'): Promise<VisionBenchEvent> {
  const image = await loadImage(astronautUrl);
  return benchmarkVisionPath({
    baseUrl: new URL('./', document.baseURI).href,
    image,
    widthPx: 640,
    heightPx: 480,
    iterations: VISION_FRAMES,
    backend,
  });
}

window.crydecodeBench = {
  audio: (backend) => benchmarkAudioPath(backend, new URL('models/audio', document.baseURI).href),
  vision: runVision,
};
document.getElementById('status')?.setAttribute('data-ready', 'true');
