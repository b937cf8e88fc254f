/**
 * The page `npm run bench` drives in headless Chromium. It exposes one entry point for the
 * driver; the app itself never loads this file.
 */
import astronautUrl from '../tests/fixtures/astronaut.png?url';
import { useBundledWasmBinaries } from '../src/models/tf-backend.ts';
import { benchmarkVisionPath } from '../src/capture/vision-benchmark.ts';
import type { VisionBenchEvent } from '../src/protocol/vision-worker-messages.ts';
import { benchmarkAudioPath } from './audio-bench.ts';
import type {} from './bench-api.ts';

/** Frames timed on the vision path per backend (each takes tens of milliseconds). */
const VISION_FRAMES = 60;

useBundledWasmBinaries();

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
